package io.goalpost.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The memory lines of a Linux {@code /proc/<pid>/status}: the resident set now ({@code VmRSS}) and its
 * peak over the process's life ({@code VmHWM}), in kB as the kernel writes them; -1 for a line that is
 * missing (a kernel thread, another system).
 *
 * @param rssKb resident set size now
 * @param hwmKb the highest resident set size so far ("high water mark")
 */
public record ProcStatus(long rssKb, long hwmKb) {

    /** Reads the process's status; empty when there is no such process or no /proc (not Linux). */
    public static Optional<ProcStatus> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a status text ({@code "VmRSS:\t  123456 kB"} lines among others). */
    public static ProcStatus parse(String status) {
        long rss = -1;
        long hwm = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kb(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kb(line);
            }
        }
        return new ProcStatus(rss, hwm);
    }

    private static long kb(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        // The kernel always writes kB; a unit other than that would be a format this parser does not know.
        if (parts.length > 1 && !parts[1].equals("kB")) {
            throw new IllegalArgumentException("unexpected unit in " + line);
        }
        return value;
    }

    /** The resident set now in MB (-1 when unknown). */
    public long rssMb() {
        return rssKb < 0 ? -1 : rssKb / 1024;
    }

    /** The peak resident set in MB (-1 when unknown). */
    public long hwmMb() {
        return hwmKb < 0 ? -1 : hwmKb / 1024;
    }
}
