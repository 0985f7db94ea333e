// What every benchmark shares: the one line format bench/run.sh collects into its table,
//   ROW<TAB>figure<TAB>measured<TAB>reference<TAB>ratio<TAB>target<TAB>met|missed
// and timing of child processes (wall and CPU), best of a few runs. Durations are display
// figures, not money: doubles are fine here.
#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <cstdio>
#include <sys/resource.h>

namespace rdbench {

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

inline QString seconds(double s)
{
    return QString::number(s, 'f', 3) + QStringLiteral(" s");
}

inline QString millis(double ms)
{
    return QString::number(ms, 'f', 1) + QStringLiteral(" ms");
}

// One table row. The ratio is measured / reference; the target is met when the ratio is at
// most `maxRatio`.
inline bool row(const QString &figure, const QString &measured, const QString &reference,
                double ratio, double maxRatio, const QString &target = QString())
{
    const bool met = ratio <= maxRatio;
    out() << "ROW\t" << figure << '\t' << measured << '\t' << reference << '\t'
          << QString::number(ratio, 'f', 2) << '\t'
          << (target.isEmpty() ? QStringLiteral("<= ") + QString::number(maxRatio, 'f', 2) : target)
          << '\t' << (met ? "met" : "missed") << Qt::endl;
    return met;
}

// Resident set size of this process now (VmRSS) or at its peak (VmHWM), in KiB; -1 if unknown.
inline qint64 rssKiB(bool peak = false)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression re(peak ? QStringLiteral("^VmHWM:\\s+(\\d+) kB")
                                     : QStringLiteral("^VmRSS:\\s+(\\d+) kB"),
                                QRegularExpression::MultilineOption);
    const auto m = re.match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

struct Run
{
    double wallSeconds = 0;
    double cpuSeconds = 0; // user + system of the child: what it cost, whatever the load
    QByteArray output;
};

inline double childrenCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Runs a program to completion; false with its stderr printed when it fails.
inline bool runTimed(const QString &program, const QStringList &args, const QString &stdoutFile,
                     Run *run, const QProcessEnvironment &env = QProcessEnvironment())
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    const double cpuBefore = childrenCpuSeconds();
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s %s failed (%d): %s%s\n", qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))), p.exitCode(),
                     p.readAllStandardError().constData(), p.readAllStandardOutput().constData());
        return false;
    }
    run->wallSeconds = double(timer.nsecsElapsed()) / 1e9;
    run->cpuSeconds = childrenCpuSeconds() - cpuBefore;
    run->output = p.readAllStandardOutput();
    return true;
}

// The best of `times` runs (the one least disturbed by other work on the machine): least wall
// time, and least CPU time (which may come from another run).
inline bool bestOf(int times, const QString &program, const QStringList &args,
                   const QString &stdoutFile, Run *best,
                   const QProcessEnvironment &env = QProcessEnvironment())
{
    for (int i = 0; i < times; ++i) {
        Run run;
        if (!runTimed(program, args, stdoutFile, &run, env))
            return false;
        const double cpu = i == 0 ? run.cpuSeconds : std::min(best->cpuSeconds, run.cpuSeconds);
        if (i == 0 || run.wallSeconds < best->wallSeconds)
            *best = run;
        best->cpuSeconds = cpu;
    }
    return true;
}

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
