#include "outcometext.h"

#include <QCoreApplication>

namespace rd {

OutcomeText describeOutcome(const OperationOutcome &o, const QString &gateway, const QString &what)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("Outcome", s); };
    OutcomeText t;
    QString next = o.nextStep.toHtmlEscaped();
    switch (o.kind) {
    case OperationOutcome::Kind::Succeeded:
        t.title = tr("%1 accepted the %2.").arg(gateway, what);
        t.html = tr("<p>Created <b>%1</b>%2.</p>")
                     .arg(o.objectId.toHtmlEscaped(),
                          o.status.isEmpty() ? QString()
                                             : tr(", status %1").arg(o.status.toHtmlEscaped()));
        break;
    case OperationOutcome::Kind::Rejected: {
        t.title = tr("%1 refused the %2.").arg(gateway, what);
        QString detail;
        if (o.httpStatus > 0 || !o.code.isEmpty())
            detail = QStringLiteral(" <span style='color:#555'>(HTTP %1%2)</span>")
                         .arg(o.httpStatus)
                         .arg(o.code.isEmpty() ? QString()
                                               : QStringLiteral(", ") + o.code.toHtmlEscaped());
        t.html =
            tr("<p>The gateway said:</p><blockquote style='background:#f6f6f6'>%1</blockquote>%2")
                .arg(o.message.toHtmlEscaped(), detail);
        if (next.isEmpty())
            next = tr("Nothing was refunded. Check the amount and the invoice on the gateway, then "
                      "try again, or ask the gateway's support with the message above.");
        break;
    }
    case OperationOutcome::Kind::Unknown:
        t.title = tr("No definite answer from %1.").arg(gateway);
        t.html = tr("<p>The request was sent but no answer came back%1. The %2 <b>may or may not "
                    "have been made</b>.</p><p>It is kept in the <b>Outbox</b> view as "
                    "\"Outcome unknown\". The next sync checks the gateway and settles it; do "
                    "<b>not</b> issue it again by hand.</p>")
                     .arg(o.message.isEmpty()
                              ? QString()
                              : QStringLiteral(" (") + o.message.toHtmlEscaped() + QLatin1Char(')'),
                          what);
        break;
    case OperationOutcome::Kind::RefusedLocally:
        t.title = tr("Nothing was sent.");
        t.html = QStringLiteral("<p>%1</p>").arg(o.message.toHtmlEscaped());
        break;
    }
    if (!next.isEmpty())
        t.html += QStringLiteral("<p><b>") + tr("What to do next:") + QStringLiteral("</b> ") +
                  next + QStringLiteral("</p>");
    return t;
}

} // namespace rd
