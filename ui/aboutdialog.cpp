#include "aboutdialog.h"

#include "diagnostics.h"
#include "store/database.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace rd {

AboutDialog::AboutDialog(Database &db, QWidget *parent) : QDialog(parent), m_text(new QLabel(this))
{
    setWindowTitle(tr("About RefundDesk"));
    setObjectName(QStringLiteral("aboutDialog"));
    const QString size = QLocale().formattedDataSize(diagnostics::cacheSize(db.path()), 1,
                                                     QLocale::DataSizeSIFormat);
    const QString html =
        QStringLiteral("<h2>RefundDesk %1</h2><p>%2</p><p>%3</p><p>%4</p><p>%5</p>")
            .arg(QStringLiteral(REFUNDDESK_VERSION).toHtmlEscaped(),
                 tr("Invoices, refunds and chargebacks across payment gateways.").toHtmlEscaped(),
                 tr("Qt %1, SQLite %2")
                     .arg(QString::fromLatin1(qVersion()), diagnostics::sqliteVersion(db))
                     .toHtmlEscaped(),
                 tr("Cache: %1 (%2)").arg(db.path(), size).toHtmlEscaped(),
                 tr("RefundDesk is proprietary software of the RefundDesk authors, licensed to the "
                    "organisation it was supplied to. It uses Qt (GNU LGPL version 3; Qt Charts "
                    "GNU GPL version 3 or a commercial Qt licence), QtKeychain (BSD 3-clause "
                    "licence) and SQLite (public domain).")
                     .toHtmlEscaped());
    m_text->setText(html);
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace rd
