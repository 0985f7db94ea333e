// The one shape of the dialogs that send something (refund, chargeback, metadata, bulk): a
// form, a confirmation page that says exactly what will be sent, where only Send sends and Esc
// goes back, and an outcome page. Subclasses fill the form and the texts; this class owns the
// pages, the buttons and the rules between them.
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace rd {

class OperationDialog : public QDialog
{
    Q_OBJECT
public:
    enum Page { FormPage = 0, ConfirmPage = 1, OutcomePage = 2 };
    int currentPage() const;

    QPushButton *sendButton() const { return m_send; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *closeButton() const { return m_close; }
    // The outcome page's headline ("Stripe accepted the refund."), for tests and screen readers.
    QLabel *outcomeTitleLabel() const { return m_outcomeTitle; }

public Q_SLOTS:
    // Esc on the confirmation page goes back to the form; elsewhere it closes.
    void reject() override;

protected:
    explicit OperationDialog(QWidget *parent = nullptr);

    // Call once, from the subclass's constructor, with its form page.
    void setUpPages(QWidget *form, const QString &sendLabel);
    void setSendLabel(const QString &label);

    void showForm();
    // `html` says what will be sent, to whom, and what cannot be undone.
    void showConfirm(const QString &html);
    void showOutcome(const QString &title, const QString &html);

    // The outcome page's layout, for what a subclass shows there besides the text.
    QVBoxLayout *outcomeLayout() const { return m_outcomeLayout; }
    QDialogButtonBox *outcomeButtons() const { return m_outcomeButtons; }
    QLabel *outcomeTextLabel() const { return m_outcomeText; }

    // Send was pressed on the confirmation page (once; a second press does nothing).
    virtual void send() = 0;
    // Where the keyboard goes when the form shows again.
    virtual void focusForm() {}

private:
    void onSend();

    bool m_sent = false;
    QStackedWidget *m_pages;
    QLabel *m_summary = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_outcomeTitle = nullptr;
    QLabel *m_outcomeText = nullptr;
    QVBoxLayout *m_outcomeLayout = nullptr;
    QDialogButtonBox *m_outcomeButtons = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace rd
