// A value or the reason there is none. Store and report code return it from every read that
// feeds a money decision, so a failed query cannot pass for an empty list.
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace rd {

struct Error
{
    QString message;
};

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {} // NOLINT: a value converts implicitly
    Result(Error error) : m_data(std::move(error)) {}

    static Result failure(const QString &message) { return Result(Error{message}); }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    // By value, so `for (x : read().value())` does not iterate a destroyed temporary.
    T value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    // The value, or `fallback` when there is none: for views that show nothing on a failed
    // read, never for a decision about money.
    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

    // Empty when ok().
    QString error() const { return ok() ? QString() : std::get<1>(m_data).message; }

private:
    std::variant<T, Error> m_data;
};

} // namespace rd
