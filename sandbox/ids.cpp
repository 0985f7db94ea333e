#include "ids.h"

#include <cstring>

namespace rd::sandbox {

namespace {

using u128 = unsigned __int128;

quint64 mulMod(quint64 a, quint64 b, quint64 m)
{
    return quint64((u128(a) * b) % m);
}

quint64 gcd(quint64 a, quint64 b)
{
    while (b) {
        const quint64 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// Inverse of a modulo m (gcd(a, m) == 1), by the extended Euclidean algorithm.
quint64 inverseMod(quint64 a, quint64 m)
{
    __int128 t = 0, newT = 1;
    __int128 r = m, newR = a;
    while (newR != 0) {
        const __int128 q = r / newR;
        const __int128 nt = t - q * newT;
        t = newT;
        newT = nt;
        const __int128 nr = r - q * newR;
        r = newR;
        newR = nr;
    }
    if (t < 0)
        t += m;
    return quint64(t);
}

} // namespace

quint64 mix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

quint64 mixKey(quint64 seed, quint64 a, quint64 b)
{
    return mix64(mix64(mix64(seed) ^ a) ^ b);
}

IdCodec::IdCodec(QString prefix, Alphabet alphabet, int length, quint64 key)
    : m_prefix(std::move(prefix)), m_length(length)
{
    switch (alphabet) {
    case Alphabet::Base62:
        m_alphabet =
            QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        break;
    case Alphabet::Digits:
        m_alphabet = QStringLiteral("0123456789");
        break;
    case Alphabet::UpperAlnum:
        m_alphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        break;
    }
    // The bijection works on as many leading characters as fit in 62 bits; any further
    // characters are a keyed checksum of them, checked on decode.
    m_modulus = 1;
    m_coreLength = 0;
    while (m_coreLength < length && m_modulus <= (quint64(1) << 62) / quint64(m_alphabet.size())) {
        m_modulus *= quint64(m_alphabet.size());
        ++m_coreLength;
    }
    m_key = key;
    // An affine map x -> (x * mul + add) mod M is a bijection when mul is coprime to M.
    m_mul = (mix64(key) % m_modulus) | 1;
    while (gcd(m_mul, m_modulus) != 1)
        m_mul = (m_mul + 2) % m_modulus;
    m_mulInverse = inverseMod(m_mul, m_modulus);
    m_add = mix64(key ^ 0x5EEDULL) % m_modulus;
    m_prefixLatin1 = m_prefix.toLatin1();
    m_alphabetLatin1 = m_alphabet.toLatin1();
    Q_ASSERT(m_prefixLatin1.size() + m_length <= kMaxSize);
}

QString IdCodec::encode(quint64 index) const
{
    char text[kMaxSize];
    return QString::fromLatin1(text, encodeTo(index, text));
}

qsizetype IdCodec::encodeTo(quint64 index, char *out) const
{
    quint64 v = quint64((u128(mulMod(index % m_modulus, m_mul, m_modulus)) + m_add) % m_modulus);
    const qsizetype prefix = m_prefixLatin1.size();
    std::memcpy(out, m_prefixLatin1.constData(), size_t(prefix));
    char *code = out + prefix;
    const char *alphabet = m_alphabetLatin1.constData();
    const quint64 base = quint64(m_alphabetLatin1.size());
    quint64 tail = mix64(v ^ m_key);
    for (int i = m_coreLength; i < m_length; ++i) {
        code[i] = alphabet[tail % base];
        tail /= base;
        if (tail < base)
            tail = mix64(tail ^ m_key);
    }
    for (int i = m_coreLength - 1; i >= 0; --i) {
        code[i] = alphabet[v % base];
        v /= base;
    }
    return prefix + m_length;
}

std::optional<quint64> IdCodec::decode(QStringView id) const
{
    if (id.size() != m_prefix.size() + m_length || !id.startsWith(m_prefix))
        return std::nullopt;
    const quint64 base = quint64(m_alphabet.size());
    quint64 v = 0;
    for (const QChar c : id.mid(m_prefix.size(), m_coreLength)) {
        const int digit = m_alphabet.indexOf(c);
        if (digit < 0)
            return std::nullopt;
        v = v * base + quint64(digit);
    }
    if (v >= m_modulus)
        return std::nullopt;
    const quint64 shifted = (v + m_modulus - m_add) % m_modulus;
    const quint64 index = mulMod(shifted, m_mulInverse, m_modulus);
    if (m_coreLength < m_length && encode(index) != id)
        return std::nullopt;
    return index;
}

} // namespace rd::sandbox
