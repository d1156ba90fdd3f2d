package io.goalpost.platform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync benchmark's server JVM: started with the options given, ready when it says so, never left behind. */
class ChildJvmTest {

    @TempDir
    Path dir;

    private ChildJvm start(String options, String mode, Duration readyTimeout) throws Exception {
        Map<String, String> env = new HashMap<>();
        List<String> jvm = ChildJvm.jvmOptions(options, env);
        return ChildJvm.start(ChildJvm.command(jvm, ChildJvmTestMain.class.getName(), List.of(mode)), env,
                dir.resolve("child.log"), "ready", readyTimeout, Duration.ofSeconds(1));
    }

    @Test
    void theChildGetsItsOptionsAndEnvironmentAndIsGoneAfterClose() throws Exception {
        ChildJvm child = start("-Xmx64m  -Dgoalpost.test.marker=from-options GOALPOST_TEST_MARKER=from-env", "", Duration.ofMinutes(1));
        ProcessHandle handle = child.handle();
        try {
            assertTrue(handle.isAlive());
            assertTrue(Files.readString(child.log()).contains("ready property=from-options env=from-env"), child.tail(5));
            // Its own JVM: another process, whose resident set /proc reports.
            assertTrue(child.pid() != ProcessHandle.current().pid());
            ProcStatus status = ProcStatus.read(child.pid()).orElseThrow();
            assertTrue(status.rssKb() > 0 && status.hwmKb() >= status.rssKb(), status.toString());
        } finally {
            child.close();
        }
        assertFalse(handle.isAlive(), "the child outlived close()");
    }

    @Test
    void aChildThatIgnoresTheTerminationSignalIsKilledAfterTheGracePeriod() throws Exception {
        ChildJvm child = start("", "stubborn", Duration.ofMinutes(1));
        ProcessHandle handle = child.handle();
        child.close();
        assertFalse(handle.isAlive(), "a child whose shutdown hook never ends was left running");
    }

    @Test
    void aChildThatExitsBeforeItIsReadyIsReportedWithItsLog() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("", "exit", Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("exited with 3") && e.getMessage().contains("giving up"), e.getMessage());
    }

    @Test
    void aChildThatNeverGetsReadyIsStoppedWhenTheWaitEnds() throws Exception {
        long before = ProcessHandle.current().children().count();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("", "silent", Duration.ofSeconds(3)));
        assertTrue(e.getMessage().contains("not ready"), e.getMessage());
        // The child it started is gone (children() lists live ones only).
        assertEquals(before, ProcessHandle.current().children().count());
    }

    @Test
    void optionsSplitIntoJvmOptionsAndEnvironmentVariables() {
        Map<String, String> env = new HashMap<>();
        assertEquals(List.of("-Xmx160m", "-XX:+UseSerialGC"), ChildJvm.jvmOptions(" -Xmx160m MALLOC_ARENA_MAX=2  -XX:+UseSerialGC ", env));
        assertEquals(Map.of("MALLOC_ARENA_MAX", "2"), env);
        assertEquals(List.of(), ChildJvm.jvmOptions("", new HashMap<>()));
    }
}
