package io.goalpost.platform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples another process's resident set ({@code VmRSS} of /proc/<pid>/status) at a fixed period on a
 * daemon thread, so that a benchmark can report the median over its run beside the peak; the peak is
 * the kernel's own {@code VmHWM} (which also sees spikes between two samples), read once more by
 * {@link #close()} while the process still runs.
 */
public final class RssSampler implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService timer;
    private final List<Long> samplesKb = Collections.synchronizedList(new ArrayList<>());
    private volatile long hwmKb = -1;

    private RssSampler(long pid, Duration period) {
        this.pid = pid;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler-" + pid);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts sampling {@code pid} every {@code period}. */
    public static RssSampler start(long pid, Duration period) {
        return new RssSampler(pid, period);
    }

    private void sample() {
        ProcStatus.read(pid).ifPresent(s -> {
            if (s.rssKb() >= 0) {
                samplesKb.add(s.rssKb());
            }
            if (s.hwmKb() > hwmKb) {
                hwmKb = s.hwmKb();
            }
        });
    }

    /** The last sample in MB, -1 before the first. */
    public long lastMb() {
        synchronized (samplesKb) {
            return samplesKb.isEmpty() ? -1 : samplesKb.get(samplesKb.size() - 1) / 1024;
        }
    }

    /** The median of the samples so far in MB, -1 without any. */
    public long p50Mb() {
        List<Long> sorted;
        synchronized (samplesKb) {
            sorted = new ArrayList<>(samplesKb);
        }
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2) / 1024;
    }

    /** The peak in MB: the kernel's high water mark as last read, at least the largest sample; -1 when unknown. */
    public long peakMb() {
        long max;
        synchronized (samplesKb) {
            max = samplesKb.stream().mapToLong(Long::longValue).max().orElse(-1);
        }
        return Math.max(max, hwmKb) < 0 ? -1 : Math.max(max, hwmKb) / 1024;
    }

    /** How many samples were taken. */
    public int samples() {
        return samplesKb.size();
    }

    /** Stops sampling after one last reading (call it before the process ends, so its peak is read). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
