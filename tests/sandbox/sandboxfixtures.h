// A sandbox seeded with 200 invoices per dialect and a way to name an invoice by the state it is
// in ("fresh", "fullyRefunded", "disputed", "offline", "unpaid", "missing"), for rule tests.
#pragma once

#include "sandboxclient.h"

#include <functional>

namespace rdtest {

class SandboxFixtures
{
public:
    SandboxFixtures() : m_client(m_sandbox) {}

    // Starts the sandbox and reads every dialect's payments; false with a reason on failure.
    bool start(QString *problem)
    {
        if (!m_sandbox.start({QStringLiteral("--invoices"), QStringLiteral("200")}, problem))
            return false;
        for (const QString &dialect : dialects()) {
            m_payments.insert(dialect, m_client.listAll(dialect, 100, nullptr, problem));
            if (!problem->isEmpty())
                return false;
            if (m_payments.value(dialect).size() != 200) {
                *problem = dialect + QStringLiteral(" does not list 200 payments");
                return false;
            }
        }
        return true;
    }

    SandboxProcess &sandbox() { return m_sandbox; }
    SandboxClient &client() { return m_client; }

    // The id of an invoice in the given state right now (empty when the seed has none).
    QString id(const QString &dialect, const QString &kind) { return fixtureFor(dialect, kind); }

private:
    QJsonObject findPayment(const QString &dialect,
                            const std::function<bool(const QJsonObject &)> &match) const
    {
        for (const QJsonValue &v : m_payments.value(dialect)) {
            if (match(v.toObject()))
                return v.toObject();
        }
        return {};
    }

    // Resolves a kind of invoice to the id of one that is in that state right now.
    QString fixtureFor(const QString &dialect, const QString &kind)
    {
        auto str = [](const QJsonObject &o, const char *k) {
            return o.value(QLatin1String(k)).toString();
        };
        if (kind == QLatin1String("fresh"))
            return m_client.freshInvoice(dialect);
        if (kind == QLatin1String("freshJPY"))
            return m_client.freshInvoice(dialect, QStringLiteral("JPY"), QStringLiteral("1000"));
        if (kind == QLatin1String("freshKWD"))
            return m_client.freshInvoice(dialect, QStringLiteral("KWD"), QStringLiteral("10.000"));
        if (kind == QLatin1String("fullyRefunded")) {
            const QString id = m_client.freshInvoice(dialect);
            const bool major =
                dialect == QLatin1String("processout") || dialect == QLatin1String("intasend");
            const HttpResult r = m_client.refund(
                dialect, id, major ? QStringLiteral("100.00") : QStringLiteral("10000"));
            return r.status == 200 ? id : QString();
        }
        if (kind == QLatin1String("missing")) {
            const QHash<QString, QString> bogus{
                {QStringLiteral("stripe"), QStringLiteral("ch_3SbxDoesNotExist00000")},
                {QStringLiteral("wooshpay"), QStringLiteral("pi_1000000000000000000")},
                {QStringLiteral("chargebee"), QStringLiteral("inv_NOPE")},
                {QStringLiteral("processout"), QStringLiteral("tr_nope")},
                {QStringLiteral("intasend"), QStringLiteral("NOPE123")}};
            return bogus.value(dialect);
        }
        QJsonObject found;
        if (kind == QLatin1String("disputed")) {
            found = findPayment(dialect, [&](const QJsonObject &o) {
                return o.value(QStringLiteral("disputed")).toBool() &&
                       str(o, "status") == QLatin1String("succeeded");
            });
        } else if (kind == QLatin1String("offline")) {
            found = findPayment(dialect, [&](const QJsonObject &o) {
                const QJsonObject pay =
                    o.value(QStringLiteral("linked_payments")).toArray().at(0).toObject();
                return str(o, "status") == QLatin1String("paid") &&
                       str(pay, "payment_method") == QLatin1String("offline");
            });
        } else if (kind == QLatin1String("unpaid")) {
            const QHash<QString, QString> failed{
                {QStringLiteral("stripe"), QStringLiteral("failed")},
                {QStringLiteral("wooshpay"), QStringLiteral("requires_payment_method")},
                {QStringLiteral("chargebee"), QStringLiteral("not_paid")},
                {QStringLiteral("processout"), QStringLiteral("failed")},
                {QStringLiteral("intasend"), QStringLiteral("FAILED")}};
            found = findPayment(dialect, [&](const QJsonObject &o) {
                return (o.contains(QStringLiteral("state")) ? str(o, "state") : str(o, "status")) ==
                       failed.value(dialect);
            });
        }
        return SandboxClient::idOf(dialect, found);
    }

    SandboxProcess m_sandbox;
    SandboxClient m_client;
    QHash<QString, QJsonArray> m_payments;
};

} // namespace rdtest
