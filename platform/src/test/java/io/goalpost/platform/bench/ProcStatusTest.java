package io.goalpost.platform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The /proc status lines the sync benchmark reports the server's RSS from. */
class ProcStatusTest {

    /** The start of a real /proc/<pid>/status (Linux 6, a `cat`), tabs and padding as the kernel writes them. */
    private static final String STATUS = """
            Name:\tcat
            Umask:\t0022
            State:\tR (running)
            Tgid:\t22317
            Pid:\t22317
            PPid:\t22314
            VmPeak:\t    3060 kB
            VmSize:\t    3060 kB
            VmLck:\t       0 kB
            VmPin:\t       0 kB
            VmHWM:\t  412804 kB
            VmRSS:\t  307200 kB
            RssAnon:\t     112 kB
            RssFile:\t    1592 kB
            VmData:\t     360 kB
            """;

    @Test
    void readsTheResidentSetAndItsPeakInKilobytes() {
        ProcStatus s = ProcStatus.parse(STATUS);
        assertEquals(307200, s.rssKb());
        assertEquals(412804, s.hwmKb());
        assertEquals(300, s.rssMb());
        assertEquals(403, s.hwmMb());
    }

    @Test
    void aStatusWithoutMemoryLinesIsUnknownNotZero() {
        ProcStatus s = ProcStatus.parse("Name:\tkthreadd\nState:\tS (sleeping)\n");
        assertEquals(-1, s.rssMb());
        assertEquals(-1, s.hwmMb());
    }

    @Test
    void readsThisProcessFromProc() {
        ProcStatus s = ProcStatus.read(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(s.rssMb() > 10 && s.hwmKb() >= s.rssKb(), s.toString());
    }

    @Test
    void theSamplerReportsAMedianAndAPeakOfThisProcess() throws Exception {
        RssSampler sampler = RssSampler.start(ProcessHandle.current().pid(), Duration.ofMillis(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sampler.samples() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        sampler.close();
        assertTrue(sampler.samples() >= 3);
        assertTrue(sampler.p50Mb() > 10 && sampler.peakMb() >= sampler.p50Mb(), sampler.p50Mb() + " / " + sampler.peakMb());
    }
}
