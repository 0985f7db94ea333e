// How amounts, times and statuses read in tables and panes. One place, so every view shows
// "1,250.00 USD" and "2024-05-07 08:32" (or the locale's equivalent) the same way.
#pragma once

#include "domain/dialect.h"
#include "domain/money.h"

#include <QColor>
#include <QDateTime>
#include <QString>

namespace rd::display {

// "1,250.00 USD", "-3.000 KWD", "1,000 JPY" (separators from QLocale(), so "1.250,00 USD" in
// German); an unknown currency shows the raw minor units.
QString amount(qint64 minorUnits, const QString &currency);
// The same for a Money value; empty for an invalid (unknown) amount.
QString money(const Money &m);
// Local time in the locale's short format with a four-digit year ("yyyy-MM-dd HH:mm" in the C
// locale); empty for 0.
QString timestamp(qint64 secsSinceEpoch);
// The date alone, in the same form and time zone as timestamp(); empty for 0.
QString date(qint64 secsSinceEpoch);
QDateTime utc(qint64 secsSinceEpoch);
// "Succeeded", "Requires action", ... translated; the stored name when unknown.
QString statusLabel(const QString &commonStatus);
// A status filter's value as the filters name it: the common statuses as statusLabel(), and
// the invoice states ("not_refunded", "partly_refunded", "refunded", "disputed") in words.
QString filterStatusLabel(const QString &value);
// "Requested by customer" for requested_by_customer, and the dialects' own codes made
// readable ("resolved_dispute" → "Resolved dispute"); empty for empty.
QString reasonLabel(const QString &reasonCode);
// Text colour that tells a state apart at a glance; invalid for the normal case.
QColor statusColor(const QString &commonStatus);
// Gateway text (names, notes, reasons) as a view shows it: at most maxShownChars characters,
// the rest as "…". Nobody reads further, and laying out megabytes in one cell or label would
// freeze the window; the cache and the exports keep the whole text.
constexpr qsizetype maxShownChars = 1000;
QString clipped(const QString &text);
QColor refundedColor();
QColor warningColor();

} // namespace rd::display
