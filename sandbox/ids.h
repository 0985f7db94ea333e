// Object ids for the sandbox: each id is a seed-keyed, reversible encoding of the object's index
// in its table, so ids look opaque and realistic, need no storage, and resolve back in O(1).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

namespace rd::sandbox {

class IdCodec final
{
public:
    enum class Alphabet { Base62, Digits, UpperAlnum };

    IdCodec() = default;
    // `prefix` is printed verbatim ("ch_3Sbx"); `length` code characters follow it. The mapping
    // from index to code is a bijection keyed by `key`, so different seeds give different ids.
    IdCodec(QString prefix, Alphabet alphabet, int length, quint64 key);

    QString encode(quint64 index) const;
    // The same id as Latin-1 into `out`, which holds at least kMaxSize chars; returns its length.
    static constexpr qsizetype kMaxSize = 48;
    qsizetype encodeTo(quint64 index, char *out) const;
    // The index an id stands for, or nullopt when it is not one of this codec's ids.
    std::optional<quint64> decode(QStringView id) const;

private:
    QString m_prefix;
    QString m_alphabet;
    QByteArray m_prefixLatin1;
    QByteArray m_alphabetLatin1;
    int m_length = 0;
    int m_coreLength = 0;
    quint64 m_key = 0;
    quint64 m_modulus = 0; // alphabet size ^ length
    quint64 m_mul = 1;
    quint64 m_mulInverse = 1;
    quint64 m_add = 0;
};

// A stable 64-bit mix of a few integers (splitmix64), for keys and deterministic choices.
quint64 mix64(quint64 x);
quint64 mixKey(quint64 seed, quint64 a, quint64 b = 0);

} // namespace rd::sandbox
