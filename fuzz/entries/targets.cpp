#include "fuzzentries.h"

#include <cstring>

namespace rd::fuzz {

QString utf16Text(const QByteArray &bytes)
{
    QString text(bytes.size() / 2, Qt::Uninitialized);
    std::memcpy(text.data(), bytes.constData(), size_t(text.size()) * sizeof(QChar));
    return text;
}

const QList<Target> &targets()
{
    static const QList<Target> all{
        {"gateway_reply", &gatewayReply},     {"money_parse", &moneyParse},
        {"csv_writer", &csvWriter},           {"search_fold", &searchFold},
        {"sandbox_request", &sandboxRequest},
    };
    return all;
}

} // namespace rd::fuzz
