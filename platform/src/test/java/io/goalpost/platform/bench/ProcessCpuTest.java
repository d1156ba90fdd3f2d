package io.goalpost.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ProcessCpuTest {

    @Test
    void readsTheNameAndTheUserAndSystemTimeEvenWhenTheNameHasSpacesAndParentheses() {
        ProcessCpu.Stat s = ProcessCpu.parse("2234 (postgres: 15/main: checkpointer (x)) S 1 2234 2234 0 -1 4194368 "
                + "1021 0 0 0 150 52 0 0 20 0 1 0 2012 223113216 36559 18446744073709551615");
        assertThat(s.command()).isEqualTo("postgres: 15/main: checkpointer (x)");
        assertThat(s.cpuSeconds()).isEqualTo(2.02);
    }

    @Test
    void theJvmsTimeGrowsWithWorkDone() {
        double before = ProcessCpu.jvmSeconds();
        long x = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            x += i ^ (x >>> 3);
        }
        assertThat(x).isNotZero();
        assertThat(ProcessCpu.jvmSeconds()).isGreaterThan(before);
    }
}
