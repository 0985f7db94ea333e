<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>RefundDesk</source>
        <translation>RefundDesk</translation>
    </message>
</context>
<context>
    <name>rd</name>
    <message>
        <source>%1 accepted the %2.</source>
        <translation>%1 hat die %2 angenommen.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Created &lt;b&gt;%1&lt;/b&gt;%2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;%2 angelegt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> for %1</source>
        <translation> über %1</translation>
    </message>
    <message>
        <source>%1 refused the %2.</source>
        <translation>%1 hat die %2 abgelehnt.</translation>
    </message>
    <message>
        <source>Nothing was refunded. The account&apos;s secret was refused: update it in Accounts, then try again.</source>
        <translation>Es wurde nichts erstattet. Der Geheimschlüssel des Kontos wurde abgewiesen: Aktualisieren Sie ihn unter Konten und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Nothing was refunded. Check the amount and the invoice against the gateway&apos;s message, sync (F5) if the invoice may have changed, then try again.</source>
        <translation>Es wurde nichts erstattet. Prüfen Sie Betrag und Rechnung anhand der Meldung des Zahlungsanbieters, synchronisieren Sie (F5), falls sich die Rechnung geändert haben könnte, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>No definite answer from %1.</source>
        <translation>Keine eindeutige Antwort von %1.</translation>
    </message>
    <message>
        <source>&lt;p&gt;The request was sent but no answer came back%1. The %2 &lt;b&gt;may or may not have been made&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;It stays in the &lt;b&gt;Outbox&lt;/b&gt; view as &quot;Outcome unknown&quot;. The next sync checks with the gateway and settles it with the same key; do &lt;b&gt;not&lt;/b&gt; issue it again by hand.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Anfrage wurde gesendet, aber es kam keine Antwort%1. Ob die %2 ausgeführt wurde, &lt;b&gt;ist offen&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Sie bleibt in der Ansicht &lt;b&gt;Postausgang&lt;/b&gt; als „Ergebnis unbekannt“. Die nächste Synchronisierung fragt beim Zahlungsanbieter nach und klärt sie mit demselben Schlüssel; lösen Sie sie &lt;b&gt;nicht&lt;/b&gt; erneut von Hand aus.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 could not be reached.</source>
        <translation>%1 war nicht erreichbar.</translation>
    </message>
    <message>
        <source>Nothing was sent. Check the connection and try again later.</source>
        <translation>Es wurde nichts gesendet. Prüfen Sie die Verbindung und versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Nothing was sent: the cache could not be written.</source>
        <translation>Es wurde nichts gesendet: Der lokale Datenbestand konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Check the disk has space and the cache file is writable, then try again.</source>
        <translation>Prüfen Sie, ob auf dem Datenträger Platz ist und die Cache-Datei beschreibbar ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>What to do next:</source>
        <translation>Nächster Schritt:</translation>
    </message>
    <message>
        <source>Write the amount with digits and &apos;.&apos; for decimals, for example %1.</source>
        <translation>Geben Sie den Betrag in Ziffern mit „.“ als Dezimaltrennzeichen ein, zum Beispiel %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could mean either amount: write it with &apos;.&apos; for decimals, for example %2.</source>
        <translation>„%1“ ist nicht eindeutig: Schreiben Sie den Betrag mit „.“ als Dezimaltrennzeichen, zum Beispiel %2.</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 said:&lt;/p&gt;&lt;p style=&apos;background:%4; padding:6px&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;%3</source>
        <translation>&lt;p&gt;%1 meldet:&lt;/p&gt;&lt;p style=&apos;background:%4; padding:6px&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;%3</translation>
    </message>
    <message>
        <source>Waiting for approval; nothing was sent.</source>
        <translation>Wartet auf Freigabe; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Another person approves or rejects it in the Approvals tab.</source>
        <translation>Eine andere Person gibt sie im Reiter Freigaben frei oder lehnt sie ab.</translation>
    </message>
</context>
<context>
    <name>rd::AboutDialog</name>
    <message>
        <source>About RefundDesk</source>
        <translation>Über RefundDesk</translation>
    </message>
    <message>
        <source>Invoices, refunds and chargebacks across payment gateways.</source>
        <translation>Rechnungen, Erstattungen und Rückbuchungen über mehrere Zahlungsanbieter hinweg.</translation>
    </message>
    <message>
        <source>Qt %1, SQLite %2</source>
        <translation>Qt %1, SQLite %2</translation>
    </message>
    <message>
        <source>Cache: %1 (%2)</source>
        <translation>Datenbestand: %1 (%2)</translation>
    </message>
    <message>
        <source>RefundDesk is proprietary software of the RefundDesk authors, licensed to the organisation it was supplied to. It uses Qt (GNU LGPL version 3; Qt Charts GNU GPL version 3 or a commercial Qt licence), QtKeychain (BSD 3-clause licence) and SQLite (public domain).</source>
        <translation>RefundDesk ist proprietäre Software der RefundDesk-Autoren, lizenziert an die Organisation, an die sie geliefert wurde. Sie verwendet Qt (GNU LGPL Version 3; Qt Charts GNU GPL Version 3 oder eine kommerzielle Qt-Lizenz), QtKeychain (BSD-3-Clause-Lizenz) und SQLite (gemeinfrei).</translation>
    </message>
</context>
<context>
    <name>rd::AccountListModel</name>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
</context>
<context>
    <name>rd::AccountSelector</name>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
</context>
<context>
    <name>rd::AccountsDialog</name>
    <message>
        <source>&amp;Save account</source>
        <translation>Konto &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Zahlungsanbieter</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimschlüssel</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>&amp;New account</source>
        <translation>&amp;Neues Konto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation>&amp;Zahlungsanbieter:</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>S&amp;ecret:</source>
        <translation>&amp;Geheimschlüssel:</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret</source>
        <translation>Leer lassen, um den gespeicherten Geheimschlüssel zu behalten</translation>
    </message>
    <message>
        <source>API key or secret (ProcessOut: project_id:secret)</source>
        <translation>API-Schlüssel oder Geheimschlüssel (ProcessOut: project_id:secret)</translation>
    </message>
    <message>
        <source>Enter the account&apos;s secret; RefundDesk cannot reach the gateway without it.</source>
        <translation>Geben Sie den Geheimschlüssel des Kontos ein; ohne ihn kann RefundDesk den Zahlungsanbieter nicht erreichen.</translation>
    </message>
    <message>
        <source>Saved. The secret is in the system keychain.</source>
        <translation>Gespeichert. Der Geheimschlüssel liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Saved. The stored secret is unchanged.</source>
        <translation>Gespeichert. Der gespeicherte Geheimschlüssel ist unverändert.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove %1 and everything cached for it? Nothing changes on the gateway.</source>
        <translation>%1 und alle dafür lokal gespeicherten Daten entfernen? Beim Zahlungsanbieter ändert sich nichts.</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>%1 wurde entfernt.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to %1 before closing?</source>
        <translation>Änderungen an %1 vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>the new account</source>
        <translation>dem neuen Konto</translation>
    </message>
    <message>
        <source>There is already an account named &quot;%1&quot; (names are compared without regard to case).</source>
        <translation>Es gibt bereits ein Konto namens „%1“ (bei Namen wird nicht zwischen Groß- und Kleinschreibung unterschieden).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; and &quot;%2&quot; would both read their secret from %3, so one account could use the other&apos;s key. Choose a name that differs in letters or digits.</source>
        <translation>„%1“ und „%2“ würden ihren Geheimschlüssel beide aus %3 lesen, sodass ein Konto den Schlüssel des anderen verwenden könnte. Wählen Sie einen Namen, der sich in Buchstaben oder Ziffern unterscheidet.</translation>
    </message>
    <message>
        <source>Nothing changed since the last save.</source>
        <translation>Seit dem letzten Speichern hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>Saved. No keychain found: the secret is kept for this session only. To keep it, unlock or install a keychain (GNOME Keyring, KWallet), or set %1.</source>
        <translation>Gespeichert. Kein Schlüsselbund gefunden: Der Geheimschlüssel wird nur für diese Sitzung aufbewahrt. Um ihn dauerhaft zu behalten, entsperren oder installieren Sie einen Schlüsselbund (GNOME Keyring, KWallet) oder setzen Sie %1.</translation>
    </message>
    <message>
        <source>Stripe: the secret key (sk_live_… or sk_test_…) from Developers &gt; API keys; sent as a Bearer token.</source>
        <translation>Stripe: der geheime Schlüssel (sk_live_… oder sk_test_…) unter Entwickler &gt; API-Schlüssel; wird als Bearer-Token gesendet.</translation>
    </message>
    <message>
        <source>WooshPay: the secret key from the dashboard&apos;s API keys; sent as the Basic authentication user name.</source>
        <translation>WooshPay: der geheime Schlüssel aus den API-Schlüsseln des Dashboards; wird als Benutzername der Basic-Authentifizierung gesendet.</translation>
    </message>
    <message>
        <source>Chargebee: a full-access API key from Settings &gt; Configure Chargebee &gt; API Keys; sent as the Basic authentication user name.</source>
        <translation>Chargebee: ein API-Schlüssel mit Vollzugriff unter Settings &gt; Configure Chargebee &gt; API Keys; wird als Benutzername der Basic-Authentifizierung gesendet.</translation>
    </message>
    <message>
        <source>ProcessOut: the project id and secret key from the dashboard&apos;s API keys, typed as project_id:secret; sent as Basic authentication.</source>
        <translation>ProcessOut: Projekt-ID und geheimer Schlüssel aus den API-Schlüsseln des Dashboards, eingegeben als project_id:secret; wird als Basic-Authentifizierung gesendet.</translation>
    </message>
    <message>
        <source>IntaSend: the secret key (ISSecretKey_…) from Settings &gt; API Keys; sent as a Bearer token.</source>
        <translation>IntaSend: der geheime Schlüssel (ISSecretKey_…) unter Settings &gt; API Keys; wird als Bearer-Token gesendet.</translation>
    </message>
    <message>
        <source>The account&apos;s secret API key. %1 It is kept in the system keychain, never in the cache; leave it empty to keep the stored one.</source>
        <translation>Der geheime API-Schlüssel des Kontos. %1 Er wird im Schlüsselbund des Systems aufbewahrt, nie im Datenbestand; leer lassen, um den gespeicherten zu behalten.</translation>
    </message>
    <message>
        <source>A name you choose, shown in the lists. It is never sent to the gateway. The secret may also come from the environment variable REFUNDDESK_SECRET_ and this name in capitals.</source>
        <translation>Ein frei gewählter Name, der in den Listen erscheint. Er wird nie an den Zahlungsanbieter gesendet. Der Geheimschlüssel kann auch aus der Umgebungsvariable REFUNDDESK_SECRET_ mit diesem Namen in Großbuchstaben kommen.</translation>
    </message>
    <message>
        <source>The payment gateway this account is at; it decides how RefundDesk talks to it and which refund reasons it offers.</source>
        <translation>Der Zahlungsanbieter dieses Kontos; er bestimmt, wie RefundDesk mit ihm spricht und welche Erstattungsgründe angeboten werden.</translation>
    </message>
    <message>
        <source>The gateway&apos;s API address; every request of this account goes there. Only https, or http to this computer (a local sandbox).</source>
        <translation>Die API-Adresse des Zahlungsanbieters; jede Anfrage dieses Kontos geht dorthin. Nur https, oder http zu diesem Computer (eine lokale Sandbox).</translation>
    </message>
    <message>
        <source>Approval above</source>
        <translation>Freigabe ab</translation>
    </message>
    <message>
        <source>none (for example: 500, 50000:JPY)</source>
        <translation>keine (zum Beispiel: 500, 50000:JPY)</translation>
    </message>
    <message>
        <source>Refunds and chargebacks above this amount (major units, in every currency of the account) wait for another person&apos;s approval before anything is sent. AMOUNT:CUR sets one currency apart; separate several with commas. Empty means no approval is needed.</source>
        <translation>Erstattungen und Rückbuchungen über diesem Betrag (in Haupteinheiten, in jeder Währung des Kontos) warten auf die Freigabe durch eine andere Person, bevor etwas gesendet wird. BETRAG:WÄHRUNG legt eine Währung gesondert fest; mehrere Angaben mit Kommas trennen. Leer heißt: keine Freigabe nötig.</translation>
    </message>
    <message>
        <source>Approval &amp;above:</source>
        <translation>Freigabe &amp;ab:</translation>
    </message>
    <message>
        <source>Approval above: %1</source>
        <translation>Freigabe ab: %1</translation>
    </message>
    <message>
        <source>Request-rate ceiling</source>
        <translation>Obergrenze der Anfragerate</translation>
    </message>
    <message>
        <source> requests/s</source>
        <translation> Anfragen/s</translation>
    </message>
    <message>
        <source>Gateway default</source>
        <translation>Vorgabe des Zahlungsanbieters</translation>
    </message>
    <message>
        <source>At most this many requests a second go to the gateway for this account; a sync keeps several in flight up to it and slows down by itself when the gateway answers &quot;too many requests&quot;. &quot;Gateway default&quot; uses the limit the gateway documents (Stripe: 25 for test keys, 100 for live keys).</source>
        <translation>Höchstens so viele Anfragen pro Sekunde gehen für dieses Konto an den Zahlungsanbieter; eine Synchronisierung hält bis dahin mehrere gleichzeitig offen und wird von selbst langsamer, wenn der Zahlungsanbieter „zu viele Anfragen“ meldet. „Vorgabe des Zahlungsanbieters“ verwendet das Limit, das der Anbieter dokumentiert (Stripe: 25 für Testschlüssel, 100 für Live-Schlüssel).</translation>
    </message>
    <message>
        <source>Request &amp;rate:</source>
        <translation>Anfrage&amp;rate:</translation>
    </message>
</context>
<context>
    <name>rd::ApprovalDecisionDialog</name>
    <message>
        <source>Approve refund request %1</source>
        <translation>Erstattungsanfrage %1 freigeben</translation>
    </message>
    <message>
        <source>Reject refund request %1</source>
        <translation>Erstattungsanfrage %1 ablehnen</translation>
    </message>
    <message>
        <source>&lt;p&gt;RefundDesk will ask &lt;b&gt;%1&lt;/b&gt; to file a refund request (chargeback) of &lt;b&gt;%2&lt;/b&gt; on invoice &lt;b&gt;%3&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;RefundDesk bittet &lt;b&gt;%1&lt;/b&gt;, eine Erstattungsanfrage (Rückbuchung) über &lt;b&gt;%2&lt;/b&gt; zur Rechnung &lt;b&gt;%3&lt;/b&gt; einzureichen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;RefundDesk will ask &lt;b&gt;%1&lt;/b&gt; to refund &lt;b&gt;%2&lt;/b&gt; of invoice &lt;b&gt;%3&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;RefundDesk bittet &lt;b&gt;%1&lt;/b&gt;, &lt;b&gt;%2&lt;/b&gt; der Rechnung &lt;b&gt;%3&lt;/b&gt; zu erstatten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Reject the request to refund &lt;b&gt;%1&lt;/b&gt; of invoice &lt;b&gt;%2&lt;/b&gt;? Nothing is sent to %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Anfrage, &lt;b&gt;%1&lt;/b&gt; der Rechnung &lt;b&gt;%2&lt;/b&gt; zu erstatten, ablehnen? An %3 wird nichts gesendet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Zahlungsanbieter</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>Angefragt am</translation>
    </message>
    <message>
        <source>Left to refund after</source>
        <translation>Danach noch erstattungsfähig</translation>
    </message>
    <message>
        <source>Refundable again after rejecting</source>
        <translation>Nach dem Ablehnen wieder erstattungsfähig</translation>
    </message>
    <message>
        <source>Before sending, RefundDesk reads the invoice again and checks the amount is still refundable. The request is recorded in the outbox before it is sent, with a key that makes a repeat harmless. Money that reaches the customer cannot be taken back from here.</source>
        <translation>Vor dem Senden liest RefundDesk die Rechnung erneut und prüft, ob der Betrag noch erstattungsfähig ist. Die Anfrage wird vor dem Senden im Postausgang vermerkt, mit einem Schlüssel, der eine Wiederholung unschädlich macht. Geld, das beim Kunden angekommen ist, kann von hier aus nicht zurückgeholt werden.</translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation>Was gesendet wird</translation>
    </message>
    <message>
        <source>What will be rejected</source>
        <translation>Was abgelehnt wird</translation>
    </message>
    <message>
        <source>&amp;Why is it rejected? (the requester and the audit log see this)</source>
        <translation>&amp;Warum wird sie abgelehnt? (sichtbar für die anfragende Person und im Prüfprotokoll)</translation>
    </message>
    <message>
        <source>Why it is rejected</source>
        <translation>Warum sie abgelehnt wird</translation>
    </message>
    <message>
        <source>&amp;Approve and send</source>
        <translation>&amp;Freigeben und senden</translation>
    </message>
    <message>
        <source>&amp;Reject request</source>
        <translation>Anfrage &amp;ablehnen</translation>
    </message>
    <message>
        <source>Say why the request is rejected.</source>
        <translation>Geben Sie an, warum die Anfrage abgelehnt wird.</translation>
    </message>
</context>
<context>
    <name>rd::ApprovalsView</name>
    <message>
        <source>Refunds above an account&apos;s approval threshold wait here for a second person. Nothing has been sent for them; the amount is held back from what can be refunded until someone other than the requester approves or rejects it.</source>
        <translation>Erstattungen über der Freigabegrenze eines Kontos warten hier auf eine zweite Person. Für sie wurde nichts gesendet; der Betrag wird vom erstattungsfähigen Betrag zurückgehalten, bis jemand anderes als die anfragende Person sie freigibt oder ablehnt.</translation>
    </message>
    <message>
        <source>Requests awaiting approval</source>
        <translation>Anfragen, die auf Freigabe warten</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>Angefragt am</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>A&amp;blehnen…</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>Wählen Sie zuerst eine Anfrage aus.</translation>
    </message>
    <message>
        <source>A decision is being recorded; wait for its outcome.</source>
        <translation>Eine Entscheidung wird gespeichert; warten Sie auf ihr Ergebnis.</translation>
    </message>
    <message>
        <source>You (%1) asked for this refund, so another person must approve it. You may reject it to withdraw it.</source>
        <translation>Sie (%1) haben diese Erstattung angefragt, daher muss eine andere Person sie freigeben. Sie können sie ablehnen, um sie zurückzuziehen.</translation>
    </message>
    <message>
        <source>Send this refund after a confirmation.</source>
        <translation>Diese Erstattung nach einer Bestätigung senden.</translation>
    </message>
    <message>
        <source>Reject this request; nothing is sent.</source>
        <translation>Diese Anfrage ablehnen; nichts wird gesendet.</translation>
    </message>
    <message>
        <source>Sending request %1 to %2…</source>
        <translation>Anfrage %1 wird an %2 gesendet…</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Approved request %1: refund %2 of %3 on invoice %4.</source>
        <translation>Anfrage %1 freigegeben: Erstattung %2 über %3 zur Rechnung %4.</translation>
    </message>
    <message>
        <source>Request %1 rejected; nothing was sent.</source>
        <translation>Anfrage %1 abgelehnt; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Request %1 was not rejected.</source>
        <translation>Anfrage %1 wurde nicht abgelehnt.</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>Freigeben…</translation>
    </message>
    <message>
        <source>Approving and rejecting needs the approver role on this team database; %1 holds the %2 role. The database owner grants it with: team grant %1 approver.</source>
        <translation>Genehmigen und Ablehnen erfordert die Rolle „approver“ in dieser Team-Datenbank; %1 hat die Rolle %2. Der Eigentümer der Datenbank vergibt sie mit: team grant %1 approver.</translation>
    </message>
</context>
<context>
    <name>rd::BulkRefundDialog</name>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Will be sent</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Rejected by the gateway</source>
        <translation>Vom Zahlungsanbieter abgelehnt</translation>
    </message>
    <message>
        <source>Outcome unknown (in the outbox)</source>
        <translation>Ergebnis unbekannt (im Postausgang)</translation>
    </message>
    <message>
        <source>Import refund list · %1</source>
        <translation>Erstattungsliste importieren · %1</translation>
    </message>
    <message>
        <source>Refund selected invoices (%1)</source>
        <translation>Ausgewählte Rechnungen erstatten (%1)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Rows from %1: %2. Each row is checked like a single refund, counting the rows before it; rows already sent from this list are not sent again.</source>
        <translation>Zeilen aus %1: %2. Jede Zeile wird wie eine einzelne Erstattung geprüft, unter Berücksichtigung der Zeilen davor; bereits aus dieser Liste gesendete Zeilen werden nicht erneut gesendet.</translation>
    </message>
    <message>
        <source>&amp;Full: what is left of each invoice</source>
        <translation>&amp;Voll: der Rest jeder Rechnung</translation>
    </message>
    <message>
        <source>&amp;Percentage of each invoice&apos;s amount:</source>
        <translation>&amp;Prozentsatz des Betrags jeder Rechnung:</translation>
    </message>
    <message>
        <source>Fi&amp;xed amount each, in the invoice&apos;s currency:</source>
        <translation>Fester &amp;Betrag je Rechnung, in ihrer Währung:</translation>
    </message>
    <message>
        <source>e.g. 10 or 12.5</source>
        <translation>z. B. 10 oder 12,5</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Prozentsatz</translation>
    </message>
    <message>
        <source>e.g. 5.00</source>
        <translation>z. B. 5,00</translation>
    </message>
    <message>
        <source>Fixed amount</source>
        <translation>Fester Betrag</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Keiner angegeben</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>Erstattbar</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Prüfen…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>%v of %m sent</source>
        <translation>%v von %m gesendet</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>&amp;Stop after this refund</source>
        <translation>&amp;Nach dieser Erstattung anhalten</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>Ergebnisse &amp;exportieren…</translation>
    </message>
    <message>
        <source>Stopping after the refund being sent; the rest will not be sent.</source>
        <translation>Wird nach der gerade gesendeten Erstattung angehalten; der Rest wird nicht gesendet.</translation>
    </message>
    <message>
        <source>Enter a percentage from 0.01 to 100.</source>
        <translation>Geben Sie einen Prozentsatz von 0,01 bis 100 ein.</translation>
    </message>
    <message>
        <source>Enter the amount to refund from each invoice.</source>
        <translation>Geben Sie den Betrag ein, der von jeder Rechnung erstattet werden soll.</translation>
    </message>
    <message>
        <source>full</source>
        <translation>voll</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>%1 erstatten</translation>
    </message>
    <message>
        <source>Already refunded (%1); not sent again</source>
        <translation>Bereits erstattet (%1); wird nicht erneut gesendet</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Refunds to send: %1 · total %2.</source>
        <translation>Zu sendende Erstattungen: %1 · insgesamt %2.</translation>
    </message>
    <message>
        <source>Nothing will be sent.</source>
        <translation>Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Rows not sent: %1 (the table says why).</source>
        <translation>Nicht gesendete Zeilen: %1 (die Tabelle nennt den Grund).</translation>
    </message>
    <message>
        <source>No row can be sent as it stands.</source>
        <translation>So kann keine Zeile gesendet werden.</translation>
    </message>
    <message>
        <source>RefundDesk will send these refunds one after another, each recorded in the outbox before it is sent:</source>
        <translation>RefundDesk sendet diese Erstattungen nacheinander; jede wird vor dem Senden im Postausgang festgehalten:</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>%1 rows (the preview says why)</source>
        <translation>%1 Zeilen (die Vorschau nennt den Grund)</translation>
    </message>
    <message>
        <source>You can stop the run: the refund being sent finishes, the rest is not sent. Money that reaches a customer cannot be taken back from here.</source>
        <translation>Sie können den Lauf anhalten: Die gerade gesendete Erstattung wird abgeschlossen, der Rest wird nicht gesendet. Geld, das beim Kunden angekommen ist, kann von hier aus nicht zurückgeholt werden.</translation>
    </message>
    <message>
        <source>&amp;Send refunds (%1)</source>
        <translation>Erstattungen &amp;senden (%1)</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>wartet auf das Senden</translation>
    </message>
    <message>
        <source>Sending refunds (%1)…</source>
        <translation>Erstattungen werden gesendet (%1)…</translation>
    </message>
    <message>
        <source>Each refund is recorded in the outbox before it is sent.</source>
        <translation>Jede Erstattung wird vor dem Senden im Postausgang festgehalten.</translation>
    </message>
    <message>
        <source>Refunds sent: %1</source>
        <translation>Gesendete Erstattungen: %1</translation>
    </message>
    <message>
        <source>Stopped: the rows after the last one sent were not sent.</source>
        <translation>Angehalten: Die Zeilen nach der zuletzt gesendeten wurden nicht gesendet.</translation>
    </message>
    <message>
        <source>Rejected by the gateway: %1 (see Message).</source>
        <translation>Vom Zahlungsanbieter abgelehnt: %1 (siehe Meldung).</translation>
    </message>
    <message>
        <source>Outcome unknown: %1. They stay in the outbox and are resolved on the next sync; do not send them again.</source>
        <translation>Ergebnis unbekannt: %1. Sie bleiben im Postausgang und werden bei der nächsten Synchronisierung geklärt; senden Sie sie nicht erneut.</translation>
    </message>
    <message>
        <source>Not sent: %1.</source>
        <translation>Nicht gesendet: %1.</translation>
    </message>
    <message>
        <source>stopped: %v of %m sent</source>
        <translation>angehalten: %v von %m gesendet</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Results exported to %1.</source>
        <translation>Ergebnisse nach %1 exportiert.</translation>
    </message>
    <message>
        <source>The results could not be exported: %1</source>
        <translation>Die Ergebnisse konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Awaiting approval (nothing sent)</source>
        <translation>Wartet auf Freigabe (nichts gesendet)</translation>
    </message>
    <message>
        <source>Ask for approval of %1 (above the approval threshold)</source>
        <translation>Freigabe für %1 anfragen (über der Freigabeschwelle)</translation>
    </message>
    <message>
        <source>Approval request %1 awaits a decision; not requested again</source>
        <translation>Freigabeanfrage %1 wartet auf eine Entscheidung; nicht erneut angefragt</translation>
    </message>
    <message>
        <source>Awaiting approval: %1. Nothing was sent for them; each is sent when another person approves its request (View &gt; Approvals).</source>
        <translation>Warten auf Freigabe: %1. Für sie wurde nichts gesendet; jede wird gesendet, sobald eine andere Person ihre Anfrage freigibt (Ansicht &gt; Freigaben).</translation>
    </message>
    <message>
        <source>Approval requests: %1 · total %2 (nothing sent until approved).</source>
        <translation>Freigabeanfragen: %1 · insgesamt %2 (nichts wird gesendet, bevor sie freigegeben sind).</translation>
    </message>
    <message>
        <source>Approval requests</source>
        <translation>Freigabeanfragen</translation>
    </message>
    <message>
        <source>%1, total %2: recorded, nothing sent until another person approves</source>
        <translation>%1, insgesamt %2: erfasst; nichts wird gesendet, bevor eine andere Person freigibt</translation>
    </message>
    <message>
        <source>&amp;Send %1, ask approval for %2</source>
        <translation>%1 &amp;senden, Freigabe für %2 anfragen</translation>
    </message>
</context>
<context>
    <name>rd::ChargebackDialog</name>
    <message>
        <source>File a chargeback for invoice %1</source>
        <translation>Rückbuchung für Rechnung %1 einreichen</translation>
    </message>
    <message>
        <source>Chargeback amount</source>
        <translation>Rückbuchungsbetrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Reason details</source>
        <translation>Einzelheiten zum Grund</translation>
    </message>
    <message>
        <source>&amp;Amount (%1):</source>
        <translation>&amp;Betrag (%1):</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>&amp;Einzelheiten:</translation>
    </message>
    <message>
        <source>&amp;Review chargeback…</source>
        <translation>Rückbuchung &amp;prüfen…</translation>
    </message>
    <message>
        <source>&amp;Send chargeback</source>
        <translation>Rückbuchung &amp;senden</translation>
    </message>
    <message>
        <source>Enter the amount to claim, at most %1.</source>
        <translation>Geben Sie den zu beanspruchenden Betrag ein, höchstens %1.</translation>
    </message>
    <message>
        <source>Choose or type a reason.</source>
        <translation>Wählen Sie einen Grund oder geben Sie ihn ein.</translation>
    </message>
    <message>
        <source>RefundDesk will ask %1 (%2) to open a chargeback request of %3 on invoice %4 with the reason &quot;%5&quot;.</source>
        <translation>RefundDesk bittet %1 (%2), für Rechnung %4 eine Rückbuchung über %3 mit dem Grund „%5“ zu eröffnen.</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet…</translation>
    </message>
    <message>
        <source>chargeback</source>
        <translation>Rückbuchung</translation>
    </message>
    <message>
        <source>File a chargeback for invoice %1 · %2</source>
        <translation>Rückbuchung für Rechnung %1 einreichen · %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Invoice %6&lt;/b&gt; · &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 (%3)&lt;br&gt;Billed %4 · can still be claimed &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rechnung %6&lt;/b&gt; · &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 (%3)&lt;br&gt;Rechnungsbetrag %4 · noch einforderbar &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>The amount to claim back in %1, at most what can still be claimed. IntaSend receives it as a decimal amount with the request.</source>
        <translation>Der zurückgeforderte Betrag in %1, höchstens so viel, wie noch gefordert werden kann. IntaSend erhält ihn als Dezimalbetrag mit der Anfrage.</translation>
    </message>
    <message>
        <source>Why the customer disputes the payment: pick one or type your own. IntaSend receives it as the chargeback request&apos;s reason.</source>
        <translation>Warum der Kunde die Zahlung beanstandet: einen auswählen oder selbst eingeben. IntaSend erhält ihn als Grund der Rückbuchungsanfrage.</translation>
    </message>
    <message>
        <source>More about the reason: dates, order numbers, what the customer said. IntaSend receives it as the request&apos;s reason details.</source>
        <translation>Mehr zum Grund: Daten, Bestellnummern, was der Kunde gesagt hat. IntaSend erhält es als Details zum Grund der Anfrage.</translation>
    </message>
</context>
<context>
    <name>rd::ChargebackTableModel</name>
    <message>
        <source>Chargeback</source>
        <translation>Rückbuchung</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Gateway status</source>
        <translation>Status beim Zahlungsanbieter</translation>
    </message>
</context>
<context>
    <name>rd::ChargebacksView</name>
    <message>
        <source>No chargebacks match.</source>
        <translation>Keine passenden Rückbuchungen.</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>Rückbuchungen</translation>
    </message>
</context>
<context>
    <name>rd::ChartsView</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Währung:</translation>
    </message>
    <message>
        <source>Refunds and chargebacks per week</source>
        <translation>Erstattungen und Rückbuchungen pro Woche</translation>
    </message>
    <message>
        <source>Refunds by reason</source>
        <translation>Erstattungen nach Grund</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No refunds or chargebacks in the cache yet.</source>
        <translation>Noch keine Erstattungen oder Rückbuchungen im lokalen Datenbestand.</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>Rückbuchungen</translation>
    </message>
    <message>
        <source>Week starting (UTC)</source>
        <translation>Woche ab (UTC)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>Wochen</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>Per:</source>
        <translation>Pro:</translation>
    </message>
    <message>
        <source>Refund rate per month: refunded ÷ paid, by account</source>
        <translation>Erstattungsquote pro Monat: erstattet ÷ bezahlt, nach Konto</translation>
    </message>
    <message>
        <source>week of %1</source>
        <translation>Woche ab %1</translation>
    </message>
    <message>
        <source>Refunds, %1: %2</source>
        <translation>Erstattungen, %1: %2</translation>
    </message>
    <message>
        <source>Chargebacks, %1: %2</source>
        <translation>Rückbuchungen, %1: %2</translation>
    </message>
    <message>
        <source>%1, %2: %3 (%4 refunded of %5 paid)</source>
        <translation>%1, %2: %3 (%4 erstattet von %5 bezahlt)</translation>
    </message>
    <message>
        <source>%1, %2: nothing paid</source>
        <translation>%1, %2: nichts bezahlt</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>Nicht angegeben</translation>
    </message>
    <message>
        <source>%1: %2 (refunds: %3)</source>
        <translation>%1: %2 (Erstattungen: %3)</translation>
    </message>
    <message>
        <source>Refunds and chargebacks per month</source>
        <translation>Erstattungen und Rückbuchungen pro Monat</translation>
    </message>
    <message>
        <source>Refunds and chargebacks per week, last %1 weeks</source>
        <translation>Erstattungen und Rückbuchungen pro Woche, letzte %1 Wochen</translation>
    </message>
    <message>
        <source>Month (UTC)</source>
        <translation>Monat (UTC)</translation>
    </message>
    <message>
        <source>Month paid (UTC)</source>
        <translation>Monat der Zahlung (UTC)</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
</context>
<context>
    <name>rd::ColumnChooserDialog</name>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Arrange columns</source>
        <translation>Spalten anordnen</translation>
    </message>
    <message>
        <source>Tick the columns to show (Space) and put them in the order wanted (Alt+U, Alt+D).</source>
        <translation>Kreuzen Sie die anzuzeigenden Spalten an (Leertaste) und bringen Sie sie in die gewünschte Reihenfolge (Alt+O, Alt+U).</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Tick at least one column to show.</source>
        <translation>Kreuzen Sie mindestens eine Spalte an.</translation>
    </message>
</context>
<context>
    <name>rd::Connectivity</name>
    <message>
        <source>You chose to work offline.</source>
        <translation>Sie haben den Offline-Betrieb gewählt.</translation>
    </message>
    <message>
        <source>No gateway could be reached at the last sync: %1</source>
        <translation>Bei der letzten Synchronisierung war kein Zahlungsanbieter erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>rd::DemoSession</name>
    <message>
        <source>The demo gateway could not be started (%1).</source>
        <translation>Der Demo-Zahlungsanbieter konnte nicht gestartet werden (%1).</translation>
    </message>
    <message>
        <source>The demo gateway stopped before it was ready: %1</source>
        <translation>Der Demo-Zahlungsanbieter wurde beendet, bevor er bereit war: %1</translation>
    </message>
    <message>
        <source>Demo: starting the sandbox gateway…</source>
        <translation>Demo: Test-Zahlungsanbieter wird gestartet…</translation>
    </message>
    <message>
        <source>The demo gateway said something unexpected: %1</source>
        <translation>Unerwartete Meldung des Demo-Zahlungsanbieters: %1</translation>
    </message>
    <message>
        <source>Cannot register the demo account %1: %2</source>
        <translation>Das Demokonto %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Demo: sandbox gateway on port %1; syncing the five demo accounts…</source>
        <translation>Demo: Test-Zahlungsanbieter auf Port %1; die fünf Demokonten werden synchronisiert…</translation>
    </message>
</context>
<context>
    <name>rd::ExportDialog</name>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Start with a byte order mark (for Excel)</source>
        <translation>Mit Byte-Order-Mark beginnen (für Excel)</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Bericht:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Days (UTC):</source>
        <translation>Tage (UTC):</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>search &quot;%1&quot;</source>
        <translation>Suche „%1“</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>currency %1</source>
        <translation>Währung %1</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie die Zieldatei für den Export.</translation>
    </message>
    <message>
        <source>%1 is a folder; add a file name.</source>
        <translation>%1 ist ein Ordner; ergänzen Sie einen Dateinamen.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>Der erste Tag liegt nach dem letzten Tag.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>Exported 1 row to %2.</source>
        <translation>1 Zeile nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>%1 Zeilen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Export canceled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Only the rows the &amp;table shows</source>
        <translation>Nur die Zeilen, die die &amp;Tabelle zeigt</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>mindestens %1</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>höchstens %1</translation>
    </message>
    <message>
        <source>The table&apos;s filters: %1.</source>
        <translation>Filter der Tabelle: %1.</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this export?</source>
        <translation>%1 existiert bereits. Durch diesen Export ersetzen?</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <source>Not exported; the existing file was kept.</source>
        <translation>Nicht exportiert; die vorhandene Datei wurde beibehalten.</translation>
    </message>
    <message>
        <source>Which CSV report to write: refunds, chargebacks, invoices, or a reconciliation per account and currency. It is made from the cache; nothing is sent to a gateway.</source>
        <translation>Welcher CSV-Bericht geschrieben wird: Erstattungen, Rückbuchungen, Rechnungen oder ein Abgleich je Konto und Währung. Er entsteht aus dem Datenbestand; nichts wird an einen Zahlungsanbieter gesendet.</translation>
    </message>
    <message>
        <source>The account whose records are exported, or all accounts.</source>
        <translation>Das Konto, dessen Datensätze exportiert werden, oder alle Konten.</translation>
    </message>
    <message>
        <source>Only records created on or after this day (UTC). Unticked: from the first record.</source>
        <translation>Nur Datensätze, die an oder nach diesem Tag (UTC) erstellt wurden. Nicht angehakt: ab dem ersten Datensatz.</translation>
    </message>
    <message>
        <source>Only records created on or before this day (UTC). Unticked: up to the last record.</source>
        <translation>Nur Datensätze, die an oder vor diesem Tag (UTC) erstellt wurden. Nicht angehakt: bis zum letzten Datensatz.</translation>
    </message>
    <message>
        <source>The CSV file to write. An existing file is replaced only after you confirm, and only once the new one is complete.</source>
        <translation>Die zu schreibende CSV-Datei. Eine vorhandene Datei wird erst nach Ihrer Bestätigung ersetzt, und erst wenn die neue vollständig ist.</translation>
    </message>
    <message>
        <source>Begin the file with a UTF-8 byte order mark, so Excel shows accented and other non-English letters correctly. Other programs do not need it.</source>
        <translation>Die Datei mit einer UTF-8-Byte-Order-Mark beginnen, damit Excel Umlaute und andere Sonderzeichen richtig anzeigt. Andere Programme brauchen sie nicht.</translation>
    </message>
    <message>
        <source>Export only the rows the table shows with its current search and filters, rather than every record of the report.</source>
        <translation>Nur die Zeilen exportieren, die die Tabelle mit ihrer aktuellen Suche und ihren Filtern zeigt, statt aller Datensätze des Berichts.</translation>
    </message>
</context>
<context>
    <name>rd::FilterBar</name>
    <message>
        <source>Search ids, customers, emails, notes (Ctrl+F)</source>
        <translation>IDs, Kunden, E-Mail-Adressen und Notizen durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Currency filter</source>
        <translation>Währungsfilter</translation>
    </message>
    <message>
        <source>Any currency</source>
        <translation>Jede Währung</translation>
    </message>
    <message>
        <source>Created from</source>
        <translation>Erstellt ab</translation>
    </message>
    <message>
        <source>Created to</source>
        <translation>Erstellt bis</translation>
    </message>
    <message>
        <source>Esc clears the search</source>
        <translation>Esc leert die Suche</translation>
    </message>
    <message>
        <source>Invoice states (paid, refunded, disputed) select refunds and chargebacks by their invoice.</source>
        <translation>Rechnungszustände (bezahlt, erstattet, angefochten) wählen Erstattungen und Rückbuchungen nach ihrer Rechnung aus.</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>Be&amp;trag</translation>
    </message>
    <message>
        <source>Smallest amount</source>
        <translation>Kleinster Betrag</translation>
    </message>
    <message>
        <source>Largest amount</source>
        <translation>Größter Betrag</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>Cr&amp;eated</source>
        <translation>Er&amp;stellt</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>First day, inclusive (UTC). Empty: from the first invoice.</source>
        <translation>Erster Tag, einschließlich (UTC). Leer: ab der ersten Rechnung.</translation>
    </message>
    <message>
        <source>Last day, inclusive (UTC). Empty: up to today.</source>
        <translation>Letzter Tag, einschließlich (UTC). Leer: bis heute.</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show every row again</source>
        <translation>Wieder alle Zeilen anzeigen</translation>
    </message>
    <message>
        <source>Choose a currency to filter by amount: amounts in different currencies do not compare.</source>
        <translation>Wählen Sie eine Währung, um nach Betrag zu filtern: Beträge in verschiedenen Währungen sind nicht vergleichbar.</translation>
    </message>
    <message>
        <source>Amount &quot;%1&quot;: %2</source>
        <translation>Betrag „%1“: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; write it as YYYY-MM-DD, e.g. %2.</source>
        <translation>„%1“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT, z. B. %2.</translation>
    </message>
    <message>
        <source>The smallest amount is larger than the largest: the amount range is not applied.</source>
        <translation>Der kleinste Betrag ist größer als der größte: Der Betragsbereich wird nicht angewendet.</translation>
    </message>
    <message>
        <source>The &quot;to&quot; date is before the &quot;from&quot; date: the date range is not applied.</source>
        <translation>Das Bis-Datum liegt vor dem Von-Datum: Der Datumsbereich wird nicht angewendet.</translation>
    </message>
    <message>
        <source>In %1, inclusive</source>
        <translation>In %1, einschließlich</translation>
    </message>
    <message>
        <source>Choose a currency first</source>
        <translation>Wählen Sie zuerst eine Währung</translation>
    </message>
</context>
<context>
    <name>rd::HelpMenu</name>
    <message>
        <source>Hel&amp;p</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Diagnosedaten kopieren</translation>
    </message>
    <message>
        <source>&amp;About RefundDesk</source>
        <translation>&amp;Über RefundDesk</translation>
    </message>
    <message>
        <source>List every key the window answers to</source>
        <translation>Alle Tasten auflisten, auf die das Fenster reagiert</translation>
    </message>
    <message>
        <source>Open the user guide in your web browser</source>
        <translation>Das Benutzerhandbuch im Webbrowser öffnen</translation>
    </message>
    <message>
        <source>Copy versions, the cache&apos;s path and size, the accounts and the outbox counts for a support request (never a secret)</source>
        <translation>Versionen, Pfad und Größe des Datenbestands, die Konten und die Zahlen des Postausgangs für eine Supportanfrage kopieren (nie einen Geheimschlüssel)</translation>
    </message>
    <message>
        <source>Versions, the cache in use and the licences</source>
        <translation>Versionen, der verwendete Datenbestand und die Lizenzen</translation>
    </message>
    <message>
        <source>The user guide could not be opened; it is installed as share/doc/refunddesk/user-guide.html.</source>
        <translation>Das Benutzerhandbuch konnte nicht geöffnet werden; es ist als share/doc/refunddesk/user-guide.html installiert.</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard: paste them into your support request. They hold no secret.</source>
        <translation>Diagnosedaten in die Zwischenablage kopiert: Fügen Sie sie in Ihre Supportanfrage ein. Sie enthalten keinen Geheimschlüssel.</translation>
    </message>
</context>
<context>
    <name>rd::InvoiceDetailPane</name>
    <message>
        <source>Select an invoice, refund or chargeback to see the invoice here.</source>
        <translation>Wählen Sie eine Rechnung, Erstattung oder Rückbuchung aus, um die Rechnung hier zu sehen.</translation>
    </message>
    <message>
        <source>Invoice details</source>
        <translation>Rechnungsdetails</translation>
    </message>
    <message>
        <source>Refundable amount</source>
        <translation>Erstattungsfähiger Betrag</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Refunds of this invoice</source>
        <translation>Erstattungen dieser Rechnung</translation>
    </message>
    <message>
        <source>Chargeback</source>
        <translation>Rückbuchung</translation>
    </message>
    <message>
        <source>Chargebacks of this invoice</source>
        <translation>Rückbuchungen dieser Rechnung</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Audit log of this invoice</source>
        <translation>Prüfprotokoll dieser Rechnung</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Open operations of this invoice</source>
        <translation>Offene Vorgänge dieser Rechnung</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>Rückbuchungen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>This invoice is not in the cache.</source>
        <translation>Diese Rechnung ist nicht im lokalen Datenbestand.</translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;margin:0&apos;&gt;Invoice %1&lt;/h3&gt;%2 · %3</source>
        <translation>&lt;h3 style=&apos;margin:0&apos;&gt;Rechnung %1&lt;/h3&gt;%2 · %3</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>, disputed</source>
        <translation>, angefochten</translation>
    </message>
    <message>
        <source>, offline invoice</source>
        <translation>, Offline-Rechnung</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Still refundable: %1</source>
        <translation>Noch erstattungsfähig: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>Failure: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>%1, %2 pending</source>
        <translation>%1, %2 ausstehend</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>Pending refunds</source>
        <translation>Ausstehende Erstattungen</translation>
    </message>
    <message>
        <source>Lost in disputes</source>
        <translation>Durch Anfechtungen verloren</translation>
    </message>
    <message>
        <source>— (not paid)</source>
        <translation>— (nicht bezahlt)</translation>
    </message>
    <message>
        <source>— (paid offline)</source>
        <translation>— (offline bezahlt)</translation>
    </message>
    <message>
        <source>— (disputed)</source>
        <translation>— (angefochten)</translation>
    </message>
    <message>
        <source>Waiting to be sent or approved</source>
        <translation>Noch nicht gesendet oder freigegeben</translation>
    </message>
</context>
<context>
    <name>rd::InvoiceTableModel</name>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>Erstattungsfähig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Gateway status</source>
        <translation>Status beim Zahlungsanbieter</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>Teilweise erstattet</translation>
    </message>
    <message>
        <source> · disputed</source>
        <translation> · angefochten</translation>
    </message>
    <message>
        <source> · offline invoice</source>
        <translation> · Offline-Rechnung</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 ausstehend</translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation>%1 + %2</translation>
    </message>
    <message>
        <source> · refund pending</source>
        <translation> · Erstattung ausstehend</translation>
    </message>
</context>
<context>
    <name>rd::InvoicesView</name>
    <message>
        <source>No invoices in the cache match. Sync (F5) to fetch them, or change the filters.</source>
        <translation>Keine passenden Rechnungen im lokalen Datenbestand. Synchronisieren Sie (F5), um sie abzurufen, oder ändern Sie die Filter.</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>Partly refunded · refund pending</source>
        <translation>Teilweise erstattet · Erstattung ausstehend</translation>
    </message>
</context>
<context>
    <name>rd::LazyTableModel</name>
    <message>
        <source>%1 (not sortable)</source>
        <translation>%1 (nicht sortierbar)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Cannot read the cache: %1</source>
        <translation>Der lokale Datenbestand kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>rd::MainWindow</name>
    <message>
        <source>RefundDesk</source>
        <translation>RefundDesk</translation>
    </message>
    <message>
        <source>&amp;Invoices</source>
        <translation>&amp;Rechnungen</translation>
    </message>
    <message>
        <source>&amp;Refunds</source>
        <translation>&amp;Erstattungen</translation>
    </message>
    <message>
        <source>C&amp;hargebacks</source>
        <translation>Rück&amp;buchungen</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Postausgang</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisieren</translation>
    </message>
    <message>
        <source>Fetch new invoices, refunds and chargebacks (F5)</source>
        <translation>Neue Rechnungen, Erstattungen und Rückbuchungen abrufen (F5)</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Erstatten…</translation>
    </message>
    <message>
        <source>Refund the selected invoice (Ctrl+R)</source>
        <translation>Die ausgewählte Rechnung erstatten (Strg+R)</translation>
    </message>
    <message>
        <source>File &amp;chargeback…</source>
        <translation>Rück&amp;buchung einreichen…</translation>
    </message>
    <message>
        <source>File a chargeback (refund request) for the selected invoice</source>
        <translation>Für die ausgewählte Rechnung eine Rückbuchung (Erstattungsantrag) einreichen</translation>
    </message>
    <message>
        <source>Cancel refund</source>
        <translation>Erstattung stornieren</translation>
    </message>
    <message>
        <source>Cancel the selected pending refund</source>
        <translation>Die ausgewählte ausstehende Erstattung stornieren</translation>
    </message>
    <message>
        <source>Edit metadata…</source>
        <translation>Metadaten bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected refund&apos;s metadata</source>
        <translation>Die Metadaten der ausgewählten Erstattung bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export a CSV report (Ctrl+E)</source>
        <translation>Einen CSV-Bericht exportieren (Strg+E)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>S&amp;uchen</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>Suchen (Strg+F)</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Konten…</translation>
    </message>
    <message>
        <source>Add, edit or remove gateway accounts</source>
        <translation>Konten bei Zahlungsanbietern hinzufügen, bearbeiten oder entfernen</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>&amp;Offline arbeiten</translation>
    </message>
    <message>
        <source>Browse the cache without contacting gateways</source>
        <translation>Den lokalen Datenbestand durchsehen, ohne Zahlungsanbieter zu kontaktieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit RefundDesk</source>
        <translation>RefundDesk beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>No accounts to sync: add one with Accounts…</source>
        <translation>Keine Konten zum Synchronisieren: Legen Sie eines unter Konten… an</translation>
    </message>
    <message>
        <source>Select an invoice to refund first.</source>
        <translation>Wählen Sie zuerst eine Rechnung zum Erstatten aus.</translation>
    </message>
    <message>
        <source>Ask %1 to cancel refund %2? Only a refund that has not completed can be canceled.</source>
        <translation>%1 bitten, die Erstattung %2 zu stornieren? Nur eine noch nicht abgeschlossene Erstattung kann storniert werden.</translation>
    </message>
    <message>
        <source>Refund %1 canceled.</source>
        <translation>Erstattung %1 storniert.</translation>
    </message>
    <message>
        <source>Refund %1 was not canceled: %2</source>
        <translation>Erstattung %1 wurde nicht storniert: %2</translation>
    </message>
    <message>
        <source>Char&amp;ts</source>
        <translation>Dia&amp;gramme</translation>
    </message>
    <message>
        <source>I&amp;nvoice</source>
        <translation>Rech&amp;nung</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>Nächste Registerkarte</translation>
    </message>
    <message>
        <source>Previous tab</source>
        <translation>Vorherige Registerkarte</translation>
    </message>
    <message>
        <source>Working offline: you can browse and export the cache; nothing is sent to a gateway.</source>
        <translation>Offline-Betrieb: Sie können den lokalen Datenbestand durchsehen und exportieren; an Zahlungsanbieter wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Working online again: refunds can be sent. Sync (F5) to fetch what changed.</source>
        <translation>Wieder online: Erstattungen können gesendet werden. Synchronisieren Sie (F5), um Änderungen abzurufen.</translation>
    </message>
    <message>
        <source>RefundDesk is working offline, so nothing can be sent. Turn off File &gt; Work offline first.</source>
        <translation>RefundDesk arbeitet offline, daher kann nichts gesendet werden. Schalten Sie zuerst Datei &gt; Offline arbeiten aus.</translation>
    </message>
    <message>
        <source>No gateway could be reached, so nothing can be sent. %1 Sync (F5) to try again.</source>
        <translation>Kein Zahlungsanbieter war erreichbar, daher kann nichts gesendet werden. %1 Synchronisieren Sie (F5), um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>IntaSend has no refunds: file a chargeback (refund request) instead.</source>
        <translation>IntaSend kennt keine Erstattungen: Reichen Sie stattdessen eine Rückbuchung (Erstattungsantrag) ein.</translation>
    </message>
    <message>
        <source>Select an invoice first.</source>
        <translation>Wählen Sie zuerst eine Rechnung aus.</translation>
    </message>
    <message>
        <source>%1 does not take chargebacks from RefundDesk; use Refund… instead.</source>
        <translation>%1 nimmt keine Rückbuchungen von RefundDesk an; verwenden Sie stattdessen „Erstatten…“.</translation>
    </message>
    <message>
        <source>Select a refund in the invoice&apos;s Refunds list first.</source>
        <translation>Wählen Sie zuerst eine Erstattung in der Liste Erstattungen der Rechnung aus.</translation>
    </message>
    <message>
        <source>%1 refunds cannot be canceled from RefundDesk.</source>
        <translation>Erstattungen bei %1 können nicht aus RefundDesk storniert werden.</translation>
    </message>
    <message>
        <source>Only a refund that requires action can be canceled; refund %1 is %2.</source>
        <translation>Nur eine Erstattung, die eine Aktion erfordert, kann storniert werden; Erstattung %1 ist %2.</translation>
    </message>
    <message>
        <source>%1 refunds carry no metadata that RefundDesk can edit.</source>
        <translation>Erstattungen bei %1 haben keine Metadaten, die RefundDesk bearbeiten kann.</translation>
    </message>
    <message>
        <source>Ask the gateway to cancel the selected refund that requires action</source>
        <translation>Den Zahlungsanbieter bitten, die ausgewählte Erstattung zu stornieren, die eine Aktion erfordert</translation>
    </message>
    <message>
        <source>Working offline: turn off File &gt; Work offline to sync.</source>
        <translation>Offline-Betrieb: Schalten Sie Datei &gt; Offline arbeiten aus, um zu synchronisieren.</translation>
    </message>
    <message>
        <source>Add an account first (File &gt; Accounts…).</source>
        <translation>Legen Sie zuerst ein Konto an (Datei &gt; Konten…).</translation>
    </message>
    <message>
        <source>A sync is running.</source>
        <translation>Eine Synchronisierung läuft.</translation>
    </message>
    <message>
        <source>Refunded %1 of invoice %2 (%3): refund %4.</source>
        <translation>%1 der Rechnung %2 (%3) erstattet: Erstattung %4.</translation>
    </message>
    <message>
        <source>Refund request for %1 on invoice %2 filed: %3.</source>
        <translation>Erstattungsantrag über %1 für Rechnung %2 eingereicht: %3.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>%n Zeile nach %1 exportiert.</numerusform>
            <numerusform>%n Zeilen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>RefundDesk (read-only)</source>
        <translation>RefundDesk (schreibgeschützt)</translation>
    </message>
    <message>
        <source>&amp;Back up cache…</source>
        <translation>Datenbestand &amp;sichern…</translation>
    </message>
    <message>
        <source>Save a consistent copy of the cache, even while it is in use</source>
        <translation>Eine konsistente Kopie des lokalen Datenbestands speichern, auch während er in Gebrauch ist</translation>
    </message>
    <message>
        <source>This cache is read-only for you, so nothing can be sent: open a copy you can write (File &gt; Back up cache… makes one), or ask the file&apos;s owner.</source>
        <translation>Dieser Datenbestand ist für Sie schreibgeschützt, daher kann nichts gesendet werden: Öffnen Sie eine Kopie, die Sie schreiben dürfen (Datei &gt; Datenbestand sichern… erstellt eine), oder fragen Sie den Eigentümer der Datei.</translation>
    </message>
    <message>
        <source>This cache is read-only for you, so a sync cannot store anything.</source>
        <translation>Dieser Datenbestand ist für Sie schreibgeschützt, daher kann eine Synchronisierung nichts speichern.</translation>
    </message>
    <message>
        <source>This cache is read-only for you, so accounts cannot be changed.</source>
        <translation>Dieser Datenbestand ist für Sie schreibgeschützt, daher können Konten nicht geändert werden.</translation>
    </message>
    <message>
        <source>Back up cache</source>
        <translation>Datenbestand sichern</translation>
    </message>
    <message>
        <source>RefundDesk cache (*.sqlite3);;All files (*)</source>
        <translation>RefundDesk-Datenbestand (*.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Backing up the cache to %1…</source>
        <translation>Datenbestand wird nach %1 gesichert…</translation>
    </message>
    <message>
        <source>Backed up the cache to %1 (%2 KiB), checked and complete.</source>
        <translation>Datenbestand nach %1 gesichert (%2 KiB), geprüft und vollständig.</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The demo is starting in a new window.</source>
        <translation>Die Demo startet in einem neuen Fenster.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; saved: fetching its invoices, refunds and chargebacks. The tables fill in as they arrive.</source>
        <translation>Konto „%1“ gespeichert: Seine Rechnungen, Erstattungen und Rückbuchungen werden abgerufen. Die Tabellen füllen sich, sobald sie eintreffen.</translation>
    </message>
    <message>
        <source>RefundDesk could not start a new window (%1).</source>
        <translation>RefundDesk konnte kein neues Fenster starten (%1).</translation>
    </message>
    <message>
        <source>Open a Cache</source>
        <translation>Datenbestand öffnen</translation>
    </message>
    <message>
        <source>RefundDesk caches (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>RefundDesk-Datenbestände (*.sqlite3 *.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 is opening in a new window.</source>
        <translation>%1 wird in einem neuen Fenster geöffnet.</translation>
    </message>
    <message>
        <source>&amp;Details pane</source>
        <translation>&amp;Detailbereich</translation>
    </message>
    <message>
        <source>Show or hide the invoice details beside the tables (F9)</source>
        <translation>Rechnungsdetails neben den Tabellen ein- oder ausblenden (F9)</translation>
    </message>
    <message>
        <source>&amp;Copy selected rows</source>
        <translation>Ausgewählte Zeilen &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text (Ctrl+C)</source>
        <translation>Die ausgewählten Zeilen als tabulatorgetrennten Text kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Select one or more rows of a table to copy them.</source>
        <translation>Wählen Sie eine oder mehrere Zeilen einer Tabelle aus, um sie zu kopieren.</translation>
    </message>
    <message>
        <source>Rows copied: %1.</source>
        <translation>Zeilen kopiert: %1.</translation>
    </message>
    <message>
        <source>Refund &amp;selected…</source>
        <translation>&amp;Ausgewählte erstatten…</translation>
    </message>
    <message>
        <source>Refund the selected invoices: in full, a percentage or a fixed amount each (Ctrl+Shift+R)</source>
        <translation>Die ausgewählten Rechnungen erstatten: vollständig, mit einem Prozentsatz oder einem festen Betrag je Rechnung (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <source>&amp;Import refund list…</source>
        <translation>Erstattungsliste &amp;importieren…</translation>
    </message>
    <message>
        <source>Refund the rows of a CSV file: account, invoice_id, amount, reason, note</source>
        <translation>Die Zeilen einer CSV-Datei erstatten: account, invoice_id, amount, reason, note</translation>
    </message>
    <message>
        <source>Select the invoices to refund first (Ctrl+click or Shift+click).</source>
        <translation>Wählen Sie zuerst die zu erstattenden Rechnungen aus (Strg+Klick oder Umschalt+Klick).</translation>
    </message>
    <message>
        <source>Select at most %1 invoices to refund at once, or import a refund list (File &gt; Import refund list…).</source>
        <translation>Wählen Sie höchstens %1 Rechnungen auf einmal aus, oder importieren Sie eine Erstattungsliste (Datei &gt; Erstattungsliste importieren…).</translation>
    </message>
    <message>
        <source>Import refund list</source>
        <translation>Erstattungsliste importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The file has a header but no rows.</source>
        <translation>Die Datei hat eine Kopfzeile, aber keine Zeilen.</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2. Nothing was sent.</source>
        <translation>%1 kann nicht importiert werden: %2. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>&amp;Team-Datenbank öffnen…</translation>
    </message>
    <message>
        <source>Open a shared PostgreSQL team database in a new window</source>
        <translation>Eine gemeinsame PostgreSQL-Team-Datenbank in einem neuen Fenster öffnen</translation>
    </message>
    <message>
        <source>Changes made on other desktops show after a sync (F5): %1</source>
        <translation>Änderungen von anderen Arbeitsplätzen erscheinen nach einer Synchronisierung (F5): %1</translation>
    </message>
    <message>
        <source>The team database is opening in a new window.</source>
        <translation>Die Team-Datenbank wird in einem neuen Fenster geöffnet.</translation>
    </message>
    <message>
        <source>The password could not be kept in the keychain (%1); keep it in ~/.pgpass instead.</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden (%1); legen Sie es stattdessen in ~/.pgpass ab.</translation>
    </message>
    <message>
        <source>C&amp;olumns</source>
        <translation>S&amp;palten</translation>
    </message>
    <message>
        <source>Charts have no columns</source>
        <translation>Diagramme haben keine Spalten</translation>
    </message>
    <message numerus="yes">
        <source>%n refund request(s) awaiting approval</source>
        <translation>
            <numerusform>%n Erstattungsanfrage wartet auf Freigabe</numerusform>
            <numerusform>%n Erstattungsanfragen warten auf Freigabe</numerusform>
        </translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <source>Who requests and approves refunds in this window</source>
        <translation>Wer in diesem Fenster Erstattungen anfragt und freigibt</translation>
    </message>
    <message>
        <source>&amp;Approvals</source>
        <translation>Frei&amp;gaben</translation>
    </message>
    <message>
        <source>Show the refunds awaiting another person&apos;s approval</source>
        <translation>Die Erstattungen zeigen, die auf die Freigabe durch eine andere Person warten</translation>
    </message>
    <message>
        <source>Approvals (%1)</source>
        <translation>Freigaben (%1)</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Team database %1 on %2, as %3 (%4)</source>
        <translation>Team-Datenbank %1 auf %2, als %3 (%4)</translation>
    </message>
    <message>
        <source>role unknown</source>
        <translation>Rolle unbekannt</translation>
    </message>
    <message>
        <source>Who this desktop writes as, and the team role that decides what it may do (viewer, clerk, approver or owner).</source>
        <translation>Als wer dieser Arbeitsplatz schreibt und welche Team-Rolle bestimmt, was er darf (viewer, clerk, approver oder owner).</translation>
    </message>
    <message>
        <source>Your role on this team database (%1) may read and export, not send. The database owner can make you a clerk: team grant %2 clerk.</source>
        <translation>Ihre Rolle in dieser Team-Datenbank (%1) darf lesen und exportieren, aber nichts senden. Der Eigentümer der Datenbank kann Sie zum Sachbearbeiter machen: team grant %2 clerk.</translation>
    </message>
    <message>
        <source>Your role on this team database (%1) may read and export, not sync: a clerk&apos;s or approver&apos;s desktop syncs for the team.</source>
        <translation>Ihre Rolle in dieser Team-Datenbank (%1) darf lesen und exportieren, aber nicht synchronisieren: Der Arbeitsplatz eines Sachbearbeiters oder Genehmigenden synchronisiert für das Team.</translation>
    </message>
</context>
<context>
    <name>rd::OfflineBanner</name>
    <message>
        <source>Offline notice</source>
        <translation>Offline-Hinweis</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offline.&lt;/b&gt; %1 You can browse, search and export everything in the cache; refunds and chargebacks cannot be sent until a gateway can be reached.</source>
        <translation>&lt;b&gt;Offline.&lt;/b&gt; %1 Sie können alles im lokalen Datenbestand durchsehen, durchsuchen und exportieren; Erstattungen und Rückbuchungen können erst gesendet werden, wenn ein Zahlungsanbieter erreichbar ist.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Working offline.&lt;/b&gt; You can browse, search and export everything in the cache; nothing is sent to a gateway until you work online again.</source>
        <translation>&lt;b&gt;Offline-Betrieb.&lt;/b&gt; Sie können alles im lokalen Datenbestand durchsehen, durchsuchen und exportieren; an Zahlungsanbieter wird nichts gesendet, bis Sie wieder online arbeiten.</translation>
    </message>
    <message>
        <source>&amp;Work online</source>
        <translation>&amp;Online arbeiten</translation>
    </message>
    <message>
        <source>Try a&amp;gain (sync)</source>
        <translation>&amp;Wiederholen (synchronisieren)</translation>
    </message>
</context>
<context>
    <name>rd::OperationDialog</name>
    <message>
        <source>What will be sent</source>
        <translation>Was gesendet wird</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Outcome details</source>
        <translation>Einzelheiten zum Ergebnis</translation>
    </message>
</context>
<context>
    <name>rd::OperationsController</name>
    <message>
        <source>%1 has no secret: add it in Accounts.</source>
        <translation>Für %1 ist kein Geheimschlüssel hinterlegt: Fügen Sie ihn unter Konten hinzu.</translation>
    </message>
    <message>
        <source>RefundDesk has no adapter for this account&apos;s gateway.</source>
        <translation>RefundDesk unterstützt den Zahlungsanbieter dieses Kontos nicht.</translation>
    </message>
    <message>
        <source>%1 has no secret.</source>
        <translation>Für %1 ist kein Geheimschlüssel hinterlegt.</translation>
    </message>
    <message>
        <source>Outbox checked: %1 settled, %2 refused, %3 still open.</source>
        <translation>Postausgang geprüft: %1 geklärt, %2 abgelehnt, %3 noch offen.</translation>
    </message>
</context>
<context>
    <name>rd::OutboxTableModel</name>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Chargeback</source>
        <translation>Rückbuchung</translation>
    </message>
    <message>
        <source>Cancel refund</source>
        <translation>Erstattung stornieren</translation>
    </message>
    <message>
        <source>Edit refund metadata</source>
        <translation>Metadaten der Erstattung bearbeiten</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Operation id</source>
        <translation>Vorgangs-ID</translation>
    </message>
</context>
<context>
    <name>rd::OutboxView</name>
    <message>
        <source>Nothing is waiting: every refund and chargeback sent from here has a known outcome.</source>
        <translation>Nichts wartet: Für jede von hier gesendete Erstattung und Rückbuchung ist das Ergebnis bekannt.</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>An &lt;b&gt;unknown&lt;/b&gt; outcome means the gateway did not answer after the request was sent: the refund may or may not exist. RefundDesk never sends it again with a new key; it is resolved by the next sync or reconcile.</source>
        <translation>Ein &lt;b&gt;unbekanntes&lt;/b&gt; Ergebnis bedeutet, dass der Zahlungsanbieter nach dem Senden der Anfrage nicht geantwortet hat: Ob die Erstattung existiert, ist offen. RefundDesk sendet sie nie mit einem neuen Schlüssel erneut; sie wird bei der nächsten Synchronisierung oder Abstimmung geklärt.</translation>
    </message>
    <message>
        <source>Show finished operations</source>
        <translation>Abgeschlossene Vorgänge anzeigen</translation>
    </message>
    <message>
        <source>&amp;Show finished operations</source>
        <translation>Abgeschlossene &amp;Vorgänge anzeigen</translation>
    </message>
</context>
<context>
    <name>rd::RecordTableView</name>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Nothing matched the search &quot;%1&quot; and the filters. %2 (or press Esc in the search box) to see every row.</source>
        <translation>Nichts passt zur Suche „%1“ und zu den Filtern. %2 (oder im Suchfeld Esc drücken), um alle Zeilen zu sehen.</translation>
    </message>
    <message>
        <source>Nothing matched the filters. %1 to see every row.</source>
        <translation>Nichts passt zu den Filtern. %1, um alle Zeilen zu sehen.</translation>
    </message>
    <message>
        <source>There is no gateway account yet, so there is nothing to show. Add one with File &gt; Accounts…, or try the demo.</source>
        <translation>Es gibt noch kein Konto bei einem Zahlungsanbieter, daher gibt es nichts anzuzeigen. Legen Sie eines unter Datei &gt; Konten… an, oder probieren Sie die Demo aus.</translation>
    </message>
    <message>
        <source>Nothing has been fetched yet: no account has been synced. Press Sync (F5) to fetch invoices, refunds and chargebacks.</source>
        <translation>Noch nichts abgerufen: Kein Konto wurde bisher synchronisiert. Drücken Sie Synchronisieren (F5), um Rechnungen, Erstattungen und Rückbuchungen abzurufen.</translation>
    </message>
    <message>
        <source>&amp;Arrange columns…</source>
        <translation>Spalten &amp;anordnen…</translation>
    </message>
    <message>
        <source>Show, hide and reorder this table&apos;s columns</source>
        <translation>Die Spalten dieser Tabelle ein- und ausblenden und anordnen</translation>
    </message>
    <message>
        <source>&amp;Reset columns</source>
        <translation>Spalten &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Show this table&apos;s usual columns in their usual order and widths</source>
        <translation>Die üblichen Spalten dieser Tabelle in üblicher Reihenfolge und Breite zeigen</translation>
    </message>
</context>
<context>
    <name>rd::RefundDialog</name>
    <message>
        <source>Refund invoice %1</source>
        <translation>Rechnung %1 erstatten</translation>
    </message>
    <message>
        <source>&amp;Full refund of what is left: %1</source>
        <translation>&amp;Vollständige Erstattung des Restbetrags: %1</translation>
    </message>
    <message>
        <source>&amp;Partial refund</source>
        <translation>&amp;Teilerstattung</translation>
    </message>
    <message>
        <source>Full refund</source>
        <translation>Vollständige Erstattung</translation>
    </message>
    <message>
        <source>Partial refund</source>
        <translation>Teilerstattung</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>Erstattungsbetrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Optional: why, ticket number, who asked. Sent to the gateway with the refund.</source>
        <translation>Optional: Grund, Ticketnummer, wer sie angefordert hat. Wird mit der Erstattung an den Zahlungsanbieter gesendet.</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Why the refund cannot be reviewed yet</source>
        <translation>Warum die Erstattung noch nicht geprüft werden kann</translation>
    </message>
    <message>
        <source>&amp;Review refund…</source>
        <translation>Erstattung &amp;prüfen…</translation>
    </message>
    <message>
        <source>&amp;Send refund</source>
        <translation>Erstattung &amp;senden</translation>
    </message>
    <message>
        <source>IntaSend has no refunds: file a chargeback (refund request) instead.</source>
        <translation>IntaSend kennt keine Erstattungen: Reichen Sie stattdessen eine Rückbuchung (Erstattungsantrag) ein.</translation>
    </message>
    <message>
        <source>Enter the amount to refund, at most %1.</source>
        <translation>Geben Sie den zu erstattenden Betrag ein, höchstens %1.</translation>
    </message>
    <message>
        <source>the full remaining amount, %1</source>
        <translation>den vollen Restbetrag, %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;RefundDesk will ask &lt;b&gt;%1&lt;/b&gt; to refund &lt;b&gt;%2&lt;/b&gt; of invoice &lt;b&gt;%3&lt;/b&gt;.&lt;/p&gt;&lt;table cellspacing=&apos;4&apos;&gt;</source>
        <translation>&lt;p&gt;RefundDesk bittet &lt;b&gt;%1&lt;/b&gt;, &lt;b&gt;%2&lt;/b&gt; der Rechnung &lt;b&gt;%3&lt;/b&gt; zu erstatten.&lt;/p&gt;&lt;table cellspacing=&apos;4&apos;&gt;</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Zahlungsanbieter</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>%1 (full refund)</source>
        <translation>%1 (vollständige Erstattung)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Left to refund after</source>
        <translation>Danach noch erstattungsfähig</translation>
    </message>
    <message>
        <source>The request is recorded in the outbox before it is sent, with a key that makes a repeat harmless. Money that reaches the customer cannot be taken back from here.</source>
        <translation>Die Anfrage wird vor dem Senden im Postausgang vermerkt, mit einem Schlüssel, der eine Wiederholung unschädlich macht. Geld, das beim Kunden angekommen ist, kann von hier aus nicht zurückgeholt werden.</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet…</translation>
    </message>
    <message>
        <source>Waiting for the gateway&apos;s answer. You may close this window: the outcome will also show in the Refunds or Outbox view.</source>
        <translation>Warten auf die Antwort des Zahlungsanbieters. Sie können dieses Fenster schließen: Das Ergebnis erscheint auch in der Ansicht Erstattungen oder Postausgang.</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Refund invoice %1 · %2</source>
        <translation>Rechnung %1 erstatten · %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Invoice %1&lt;/b&gt; · &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%3 (%4)&lt;br&gt;Paid %5 · refunded %6%7 · &lt;b&gt;still refundable %8&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rechnung %1&lt;/b&gt; · &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%3 (%4)&lt;br&gt;Bezahlt %5 · erstattet %6%7 · &lt;b&gt;noch erstattungsfähig %8&lt;/b&gt;</translation>
    </message>
    <message>
        <source>no customer name</source>
        <translation>kein Kundenname</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Refund all that is still refundable on this invoice, the amount shown. Nothing more can be refunded on it afterwards.</source>
        <translation>Alles erstatten, was auf dieser Rechnung noch erstattbar ist, den angezeigten Betrag. Danach kann auf ihr nichts mehr erstattet werden.</translation>
    </message>
    <message>
        <source>Refund part of the invoice: type the amount in the field beside.</source>
        <translation>Einen Teil der Rechnung erstatten: den Betrag in das Feld daneben eingeben.</translation>
    </message>
    <message>
        <source>The amount to refund in %1, with &quot;.&quot; as the decimal separator; checked against what is still refundable as you type. The gateway receives it in its own format (minor units or a decimal string).</source>
        <translation>Der zu erstattende Betrag in %1, mit „.“ als Dezimaltrennzeichen; er wird schon beim Tippen mit dem noch erstattbaren Betrag verglichen. Der Zahlungsanbieter erhält ihn in seinem eigenen Format (kleinste Währungseinheiten oder eine Dezimalzeichenkette).</translation>
    </message>
    <message>
        <source>Why the money goes back. The gateway receives its own value for it: Stripe&apos;s and WooshPay&apos;s reason, Chargebee&apos;s credit-note reason code, ProcessOut&apos;s reason.</source>
        <translation>Warum das Geld zurückgeht. Der Zahlungsanbieter erhält dafür seinen eigenen Wert: den Grund (reason) bei Stripe und WooshPay, den Grundcode der Gutschrift bei Chargebee, den Grund (reason) bei ProcessOut.</translation>
    </message>
    <message>
        <source>Free text kept with the refund and sent with it: in the refund&apos;s metadata (Stripe, WooshPay), as the credit note&apos;s comment (Chargebee) or as its information (ProcessOut).</source>
        <translation>Freitext, der mit der Erstattung gespeichert und mitgesendet wird: in den Metadaten der Erstattung (Stripe, WooshPay), als Kommentar der Gutschrift (Chargebee) oder als ihre Information (ProcessOut).</translation>
    </message>
    <message>
        <source> · waiting to be sent or approved %1</source>
        <translation> · noch nicht gesendet oder freigegeben %1</translation>
    </message>
</context>
<context>
    <name>rd::RefundMetadataDialog</name>
    <message>
        <source>Metadata of refund %1</source>
        <translation>Metadaten der Erstattung %1</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Refund metadata</source>
        <translation>Metadaten der Erstattung</translation>
    </message>
    <message>
        <source>&amp;Add entry</source>
        <translation>Eintrag &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Save to Stripe</source>
        <translation>Bei Stripe &amp;speichern</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>metadata change</source>
        <translation>Metadatenänderung</translation>
    </message>
    <message>
        <source>&amp;Review changes…</source>
        <translation>Änderungen &amp;prüfen…</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(entfernt)</translation>
    </message>
    <message>
        <source>RefundDesk will ask Stripe to set these metadata keys on refund %1; an empty value removes the key.</source>
        <translation>RefundDesk bittet Stripe, diese Metadaten-Schlüssel an der Erstattung %1 zu setzen; ein leerer Wert entfernt den Schlüssel.</translation>
    </message>
</context>
<context>
    <name>rd::RefundTableModel</name>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Fehlergrund</translation>
    </message>
</context>
<context>
    <name>rd::RefundsView</name>
    <message>
        <source>No refunds match. Refunds issued here or on the gateway appear after a sync.</source>
        <translation>Keine passenden Erstattungen. Hier oder beim Zahlungsanbieter ausgelöste Erstattungen erscheinen nach einer Synchronisierung.</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
</context>
<context>
    <name>rd::SavedViewsMenu</name>
    <message>
        <source>Saved &amp;views</source>
        <translation>Gespeicherte &amp;Ansichten</translation>
    </message>
    <message>
        <source>&amp;Save current view…</source>
        <translation>Aktuelle Ansicht &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Delete saved view</source>
        <translation>Gespeicherte Ansicht &amp;löschen</translation>
    </message>
    <message>
        <source>Keep the filters, the columns and the tab in view under a name (Ctrl+Shift+S)</source>
        <translation>Die Filter, die Spalten und die angezeigte Registerkarte unter einem Namen speichern (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>Saved view &quot;%1&quot; replaced.</source>
        <translation>Gespeicherte Ansicht „%1“ ersetzt.</translation>
    </message>
    <message>
        <source>View saved as &quot;%1&quot; (View &gt; Saved views).</source>
        <translation>Ansicht als „%1“ gespeichert (Ansicht &gt; Gespeicherte Ansichten).</translation>
    </message>
    <message>
        <source>There is no saved view &quot;%1&quot; any more.</source>
        <translation>Die gespeicherte Ansicht „%1“ gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Showing saved view &quot;%1&quot;.</source>
        <translation>Gespeicherte Ansicht „%1“ wird angezeigt.</translation>
    </message>
    <message>
        <source>Saved view &quot;%1&quot; deleted.</source>
        <translation>Gespeicherte Ansicht „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Noch keine gespeicherten Ansichten</translation>
    </message>
    <message>
        <source>Show the filters, columns and tab saved as &quot;%1&quot;</source>
        <translation>Die als „%1“ gespeicherten Filter, Spalten und Registerkarte zeigen</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name for the current filters, columns and tab (a view of the same name is replaced):</source>
        <translation>Name für die aktuellen Filter, Spalten und Registerkarte (eine Ansicht gleichen Namens wird ersetzt):</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>rd::SecretSource</name>
    <message>
        <source>%1 has no secret: add it in Accounts.</source>
        <translation>Für %1 ist kein Geheimschlüssel hinterlegt: Fügen Sie ihn unter Konten hinzu.</translation>
    </message>
    <message>
        <source>%1: no keychain found to read its secret from. Enter it in Accounts (kept for this session only) or set %2.</source>
        <translation>%1: Kein Schlüsselbund gefunden, aus dem der Geheimschlüssel gelesen werden kann. Geben Sie ihn unter Konten ein (nur für diese Sitzung gespeichert) oder setzen Sie %2.</translation>
    </message>
    <message>
        <source>%1: the keychain did not hand over its secret (%2). Unlock the keychain, or enter the secret again in Accounts.</source>
        <translation>%1: Der Schlüsselbund hat den Geheimschlüssel nicht herausgegeben (%2). Entsperren Sie den Schlüsselbund oder geben Sie den Geheimschlüssel unter Konten erneut ein.</translation>
    </message>
</context>
<context>
    <name>rd::ShortcutsDialog</name>
    <message>
        <source>Show the %1 tab</source>
        <translation>Registerkarte %1 anzeigen</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Umschalt+Tab</translation>
    </message>
    <message>
        <source>Move between the filters, the table, the tab bar and the detail pane</source>
        <translation>Zwischen Filtern, Tabelle, Registerkartenleiste und Detailbereich wechseln</translation>
    </message>
    <message>
        <source>Up, Down, PgUp, PgDown, Home, End</source>
        <translation>Auf, Ab, Bild auf, Bild ab, Pos1, Ende</translation>
    </message>
    <message>
        <source>Move through the table&apos;s rows</source>
        <translation>Durch die Zeilen der Tabelle bewegen</translation>
    </message>
    <message>
        <source>Esc (in the search field)</source>
        <translation>Esc (im Suchfeld)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Die Suche leeren</translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation>Alt+unterstrichener Buchstabe</translation>
    </message>
    <message>
        <source>Open a menu or press a button in a dialog</source>
        <translation>Ein Menü öffnen oder eine Schaltfläche in einem Dialog drücken</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Was sie bewirken</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>rd::SyncController</name>
    <message>
        <source>No account has a secret.</source>
        <translation>Für kein Konto ist ein Geheimschlüssel hinterlegt.</translation>
    </message>
    <message>
        <source>Nothing to sync: %1</source>
        <translation>Nichts zu synchronisieren: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Sync finished: %n account(s) up to date.</source>
        <translation>
            <numerusform>Synchronisierung abgeschlossen: %n Konto ist aktuell.</numerusform>
            <numerusform>Synchronisierung abgeschlossen: %n Konten sind aktuell.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync finished: %1 up to date, %2 failed (%3)</source>
        <translation>Synchronisierung abgeschlossen: %1 aktuell, %2 fehlgeschlagen (%3)</translation>
    </message>
</context>
<context>
    <name>rd::SyncStatusBar</name>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Fortschritt der Synchronisierung</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Synchronisierung abbrechen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: never synced</source>
        <translation>%1: noch nie synchronisiert</translation>
    </message>
    <message>
        <source>No accounts</source>
        <translation>Keine Konten</translation>
    </message>
    <message>
        <source>%1 synced %2</source>
        <translation>%1 synchronisiert am %2</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Noch nie synchronisiert</translation>
    </message>
    <message>
        <source>All synced, oldest %1</source>
        <translation>Alle synchronisiert, älteste am %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>The gateways answered at the last sync.</source>
        <translation>Die Zahlungsanbieter haben bei der letzten Synchronisierung geantwortet.</translation>
    </message>
    <message numerus="yes">
        <source>Synced %1; %n account(s) not synced yet</source>
        <translation>
            <numerusform>Synchronisiert am %1; %n Konto noch nicht synchronisiert</numerusform>
            <numerusform>Synchronisiert am %1; %n Konten noch nicht synchronisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Gateways not contacted yet</source>
        <translation>Zahlungsanbieter noch nicht kontaktiert</translation>
    </message>
    <message>
        <source>No gateway has been contacted since RefundDesk started; Sync (F5) checks whether they answer.</source>
        <translation>Seit dem Start von RefundDesk wurde kein Zahlungsanbieter kontaktiert; Synchronisieren (F5) prüft, ob sie antworten.</translation>
    </message>
</context>
<context>
    <name>rd::TeamDatabaseDialog</name>
    <message>
        <source>Open Team Database</source>
        <translation>Team-Datenbank öffnen</translation>
    </message>
    <message>
        <source>postgresql://user@host:5432/refunddesk</source>
        <translation>postgresql://benutzer@server:5432/refunddesk</translation>
    </message>
    <message>
        <source>The team database&apos;s address: postgresql://USER@HOST[:PORT]/DBNAME, optionally with ?sslmode=verify-full. Without sslmode, verify-full is used for every server that is not this machine.</source>
        <translation>Die Adresse der Team-Datenbank: postgresql://BENUTZER@SERVER[:PORT]/DATENBANK, optional mit ?sslmode=verify-full. Ohne sslmode gilt verify-full für jeden Server, der nicht dieser Rechner ist.</translation>
    </message>
    <message>
        <source>Kept in the OS keychain for this address, never in settings. Leave empty to use ~/.pgpass or PGPASSWORD.</source>
        <translation>Wird für diese Adresse im Schlüsselbund des Systems aufbewahrt, nie in den Einstellungen. Leer lassen, um ~/.pgpass oder PGPASSWORD zu verwenden.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Type the team database&apos;s address.</source>
        <translation>Geben Sie die Adresse der Team-Datenbank ein.</translation>
    </message>
    <message>
        <source>The address starts with postgresql://.</source>
        <translation>Die Adresse beginnt mit postgresql://.</translation>
    </message>
    <message>
        <source>The address needs a server: postgresql://USER@HOST/DBNAME.</source>
        <translation>Die Adresse braucht einen Server: postgresql://BENUTZER@SERVER/DATENBANK.</translation>
    </message>
    <message>
        <source>Leave the password out of the address; type it below or keep it in ~/.pgpass.</source>
        <translation>Lassen Sie das Passwort aus der Adresse weg; geben Sie es unten ein oder legen Sie es in ~/.pgpass ab.</translation>
    </message>
    <message>
        <source>The address needs the database&apos;s name after the server: …/DBNAME.</source>
        <translation>Die Adresse braucht nach dem Server den Namen der Datenbank: …/DATENBANK.</translation>
    </message>
</context>
<context>
    <name>rd::ThemeMenu</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>rd::WelcomePanel</name>
    <message>
        <source>A&amp;dd a gateway account…</source>
        <translation>Konto bei Zahlungsanbieter h&amp;inzufügen…</translation>
    </message>
    <message>
        <source>Tr&amp;y the demo</source>
        <translation>De&amp;mo ausprobieren</translation>
    </message>
    <message>
        <source>Open a &amp;cache…</source>
        <translation>Datenbestand ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to RefundDesk&lt;/b&gt;</source>
        <translation>&lt;b&gt;Willkommen bei RefundDesk&lt;/b&gt;</translation>
    </message>
    <message>
        <source>RefundDesk shows the invoices, refunds and chargebacks of your payment-gateway accounts and issues refunds exactly once. To start, add an account with the secret API key from your gateway&apos;s dashboard (Stripe: Developers &gt; API keys); the first sync then starts by itself. To look around first, try the demo: it runs a local sandbox gateway with sample data in a separate cache.</source>
        <translation>RefundDesk zeigt die Rechnungen, Erstattungen und Rückbuchungen Ihrer Konten bei Zahlungsanbietern und erstattet genau einmal. Legen Sie zum Start ein Konto mit dem geheimen API-Schlüssel aus dem Dashboard Ihres Zahlungsanbieters an (Stripe: Entwickler &gt; API-Schlüssel); die erste Synchronisierung beginnt dann von selbst. Um sich erst umzusehen, probieren Sie die Demo aus: Sie startet einen lokalen Sandbox-Zahlungsanbieter mit Beispieldaten in einem eigenen Datenbestand.</translation>
    </message>
    <message>
        <source>Open the Accounts dialog on a new account</source>
        <translation>Den Kontendialog mit einem neuen Konto öffnen</translation>
    </message>
    <message>
        <source>Start a second RefundDesk window on a demo cache with sample data; this cache stays as it is</source>
        <translation>Ein zweites RefundDesk-Fenster mit einem Demo-Datenbestand mit Beispieldaten starten; dieser Datenbestand bleibt, wie er ist</translation>
    </message>
    <message>
        <source>Choose another cache file and open it in a new window</source>
        <translation>Eine andere Datenbestandsdatei wählen und in einem neuen Fenster öffnen</translation>
    </message>
</context>
<context>
    <name>rd::display</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Requires action</source>
        <translation>Aktion erforderlich</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Paid, nothing refunded</source>
        <translation>Bezahlt, nichts erstattet</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>Teilweise erstattet</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Angefochten</translation>
    </message>
    <message>
        <source>Requested by customer</source>
        <translation>Auf Wunsch des Kunden</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Doppelte Zahlung</translation>
    </message>
    <message>
        <source>Fraudulent payment</source>
        <translation>Betrügerische Zahlung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
</context>
</TS>
