package io.goalpost.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code benchmark --reuse} without a database left by {@code --keep} says so, instead of a stack trace. */
class BenchmarkReuseTest {

    @Test
    void reuseWithoutAKeptDatabaseExplainsWhatToRunFirst() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String name = "goalpost_bench_absent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int code = new CommandLine(new BenchmarkCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .execute("--reuse", "--database-name", name, "--database-url",
                        System.getProperty("goalpost.test.pg", "postgresql://postgres@127.0.0.1:5432/postgres"));
        assertThat(code).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("no database " + name)
                .contains("./goalpost benchmark --keep");
    }
}
