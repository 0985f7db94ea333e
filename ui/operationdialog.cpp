#include "operationdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace rd {

namespace {
// Rich text a person can select and copy (ids, amounts, the gateway's words).
QLabel *textLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(accessibleName);
    return label;
}
} // namespace

OperationDialog::OperationDialog(QWidget *parent)
    : QDialog(parent), m_pages(new QStackedWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
}

int OperationDialog::currentPage() const
{
    return m_pages->currentIndex();
}

void OperationDialog::reject()
{
    if (m_pages->currentIndex() == ConfirmPage) {
        showForm();
        return;
    }
    QDialog::reject();
}

void OperationDialog::setUpPages(QWidget *form, const QString &sendLabel)
{
    m_pages->addWidget(form);

    auto *confirm = new QWidget(this);
    auto *confirmLayout = new QVBoxLayout(confirm);
    m_summary = textLabel(tr("What will be sent"), confirm);
    confirmLayout->addWidget(m_summary);
    confirmLayout->addStretch();
    auto *buttons = new QDialogButtonBox(confirm);
    m_back = buttons->addButton(tr("&Back"), QDialogButtonBox::RejectRole);
    m_send = buttons->addButton(sendLabel, QDialogButtonBox::AcceptRole);
    // Money leaves on a deliberate press (click, Space on the button or its Alt key), never on
    // an Enter meant for something else.
    for (QPushButton *b : {m_back, m_send}) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    confirmLayout->addWidget(buttons);
    connect(m_back, &QPushButton::clicked, this, &OperationDialog::showForm);
    connect(m_send, &QPushButton::clicked, this, &OperationDialog::onSend);
    m_pages->addWidget(confirm);

    auto *outcome = new QWidget(this);
    m_outcomeLayout = new QVBoxLayout(outcome);
    m_outcomeTitle = new QLabel(outcome);
    QFont f = m_outcomeTitle->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_outcomeTitle->setFont(f);
    m_outcomeTitle->setWordWrap(true);
    m_outcomeTitle->setAccessibleName(tr("Outcome"));
    m_outcomeText = textLabel(tr("Outcome details"), outcome);
    m_outcomeLayout->addWidget(m_outcomeTitle);
    m_outcomeLayout->addWidget(m_outcomeText);
    m_outcomeButtons = new QDialogButtonBox(outcome);
    m_close = m_outcomeButtons->addButton(QDialogButtonBox::Close);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    m_outcomeLayout->addStretch();
    m_outcomeLayout->addWidget(m_outcomeButtons);
    m_pages->addWidget(outcome);
}

void OperationDialog::setSendLabel(const QString &label)
{
    m_send->setText(label);
}

void OperationDialog::showForm()
{
    m_pages->setCurrentIndex(FormPage);
    focusForm();
}

void OperationDialog::showConfirm(const QString &html)
{
    m_summary->setText(html);
    m_pages->setCurrentIndex(ConfirmPage);
    // Showing the page lets the button box pick a default; on this page there is none.
    m_send->setDefault(false);
    m_back->setFocus();
}

void OperationDialog::showOutcome(const QString &title, const QString &html)
{
    m_outcomeTitle->setText(title);
    m_outcomeText->setText(html);
    m_outcomeText->setVisible(!html.isEmpty());
    m_pages->setCurrentIndex(OutcomePage);
}

void OperationDialog::onSend()
{
    if (m_sent)
        return; // a second click, Enter held down, ...: sent once
    m_sent = true;
    m_send->setEnabled(false);
    m_back->setEnabled(false);
    send();
}

} // namespace rd
