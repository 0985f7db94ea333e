#include "outcometext.h"
#include "semanticcolors.h"

#include <QCoreApplication>

namespace rd {

OutcomeText describeOutcome(const OperationOutcome &o, const QString &gateway, const QString &what)
{
    // lupdate files tr() in a free function under its namespace ("rd"), so the lookup uses that
    // context too.
    auto tr = [](const char *s) { return QCoreApplication::translate("rd", s); };
    OutcomeText t;
    QString next;
    const QString message = o.message.toHtmlEscaped();
    switch (o.state) {
    case OperationState::Succeeded:
        t.title = tr("%1 accepted the %2.").arg(gateway, what);
        t.html = tr("<p>Created <b>%1</b>%2.</p>")
                     .arg(o.gatewayId.toHtmlEscaped(),
                          o.amount.isValid() ? tr(" for %1").arg(o.amount.toDisplayString())
                                             : QString());
        break;
    case OperationState::Rejected: {
        t.title = tr("%1 refused the %2.").arg(gateway, what);
        // The gateway's own words, untouched, then its code and HTTP status.
        const QString words = o.error.message.isEmpty() ? o.message : o.error.message;
        QString detail;
        if (o.error.httpStatus > 0 || !o.error.code.isEmpty())
            detail = QStringLiteral("<p style='color:%1'>HTTP %2%3</p>")
                         .arg(semantic::css(semantic::Role::Muted))
                         .arg(o.error.httpStatus)
                         .arg(o.error.code.isEmpty()
                                  ? QString()
                                  : QStringLiteral(", code ") + o.error.code.toHtmlEscaped());
        t.html = tr("<p>%1 said:</p><p style='background:%4; padding:6px'><b>%2</b></p>%3")
                     .arg(gateway, words.toHtmlEscaped(), detail,
                          semantic::css(semantic::Role::QuoteBackground));
        next = o.error.kind == GatewayError::Kind::Auth
                   ? tr("Nothing was refunded. The account's secret was refused: update it in "
                        "Accounts, then try again.")
                   : tr("Nothing was refunded. Check the amount and the invoice against the "
                        "gateway's message, sync (F5) if the invoice may have changed, then try "
                        "again.");
        break;
    }
    case OperationState::Unknown:
        t.title = tr("No definite answer from %1.").arg(gateway);
        t.html = tr("<p>The request was sent but no answer came back%1. The %2 <b>may or may not "
                    "have been made</b>.</p><p>It stays in the <b>Outbox</b> view as "
                    "\"Outcome unknown\". The next sync checks with the gateway and settles it "
                    "with the same key; do <b>not</b> issue it again by hand.</p>")
                     .arg(message.isEmpty() ? QString()
                                            : QStringLiteral(" (") + message + QLatin1Char(')'),
                          what);
        break;
    case OperationState::NotSent:
        t.title = tr("%1 could not be reached.").arg(gateway);
        t.html = QStringLiteral("<p>%1</p>").arg(message);
        next = tr("Nothing was sent. Check the connection and try again later.");
        break;
    case OperationState::Refused:
        t.title = tr("Nothing was sent.");
        t.html = QStringLiteral("<p>%1</p>").arg(message);
        break;
    case OperationState::AwaitingApproval:
        t.title = tr("Waiting for approval; nothing was sent.");
        t.html = QStringLiteral("<p>%1</p>").arg(message);
        next = tr("Another person approves or rejects it in the Approvals tab.");
        break;
    case OperationState::Failed:
        t.title = tr("Nothing was sent: the cache could not be written.");
        t.html = QStringLiteral("<p>%1</p>").arg(message);
        next = tr("Check the disk has space and the cache file is writable, then try again.");
        break;
    }
    if (!next.isEmpty())
        t.html += QStringLiteral("<p><b>") + tr("What to do next:") + QStringLiteral("</b> ") +
                  next.toHtmlEscaped() + QStringLiteral("</p>");
    return t;
}

} // namespace rd
