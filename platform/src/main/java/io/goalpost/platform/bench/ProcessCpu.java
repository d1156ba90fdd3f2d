package io.goalpost.platform.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * CPU time used so far, for benchmarks that divide it by the work done: this JVM's, and the local
 * PostgreSQL server's (every process named {@code postgres…}, from Linux's {@code /proc/<pid>/stat}).
 * Wall times on a shared two-core machine move by a third from run to run; the CPU a piece of work
 * takes moves far less, so it is what tells two versions of the code apart.
 */
public final class ProcessCpu {

    /**
     * Clock ticks per second of {@code /proc/<pid>/stat}'s times: the kernel's USER_HZ, 100 on every
     * Linux architecture Java runs on (Java cannot ask sysconf).
     */
    static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU seconds this JVM has used (every thread: the server's, the benchmark's client's, the JIT's, the collector's). */
    public static double jvmSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * CPU seconds the running PostgreSQL processes have used, or empty without {@code /proc}. A backend
     * that has exited is no longer counted, so take both readings while the same connections are open.
     */
    public static OptionalDouble postgresSeconds() {
        double total = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    Stat s = parse(Files.readString(p.resolve("stat")));
                    if (s.command().startsWith("postgres")) {
                        total += s.cpuSeconds();
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited between the listing and the read, or not ours to read
                }
            }
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(total);
    }

    /**
     * One process's command name and CPU time.
     *
     * @param command the command name as the kernel keeps it (at most 15 characters)
     * @param cpuSeconds user and system time
     */
    record Stat(String command, double cpuSeconds) {
    }

    /** Parses a {@code /proc/<pid>/stat} line: the name is in parentheses and may hold spaces or parentheses itself. */
    static Stat parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        // After the name: state(0) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
        return new Stat(stat.substring(open + 1, close), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
    }
}
