// The line every benchmark prints per figure, read by bench/run.sh:
// ROW<TAB>figure<TAB>measured<TAB>reference<TAB>ratio<TAB>target<TAB>met|missed
#pragma once

#include <QString>
#include <QTextStream>

#include <sys/resource.h>

namespace rdbench {

inline void printRow(QTextStream &out, const QString &figure, double measured, double reference,
                     double ratio, const QString &target, bool met)
{
    out << "ROW\t" << figure << '\t' << QString::number(measured, 'f', 1) << '\t'
        << QString::number(reference, 'f', 1) << '\t' << QString::number(ratio, 'f', 2) << '\t'
        << target << '\t' << (met ? "met" : "missed") << Qt::endl;
}

// The largest resident set this process has had so far, in MiB.
inline double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

} // namespace rdbench
