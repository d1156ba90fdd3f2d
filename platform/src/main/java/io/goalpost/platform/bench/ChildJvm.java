package io.goalpost.platform.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM this process started with its own options (same java binary and class path as this one), so
 * that a benchmark measures the memory of the program under test alone. Its output goes to a log file;
 * {@link #close()} (and, should this process be stopped first, a shutdown hook) ends it: SIGTERM, then
 * SIGKILL after a grace period, so that no child outlives the benchmark. Every wait is bounded.
 */
public final class ChildJvm implements AutoCloseable {

    /** An environment variable written among the JVM options ({@code MALLOC_ARENA_MAX=2}): glibc reads those, not the JVM. */
    private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]*=.*");

    private final Process process;
    private final Path log;
    private final Duration grace;
    private final Thread hook;

    private ChildJvm(Process process, Path log, Duration grace) {
        this.process = process;
        this.log = log;
        this.grace = grace;
        this.hook = new Thread(this::stop, "child-jvm-" + process.pid() + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The options of a {@code "..."} string: split on white space; {@code NAME=value} tokens go to
     * {@code env}, the others are JVM options.
     */
    public static List<String> jvmOptions(String options, Map<String, String> env) {
        List<String> jvm = new ArrayList<>();
        for (String token : options.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (ENV.matcher(token).matches()) {
                int eq = token.indexOf('=');
                env.put(token.substring(0, eq), token.substring(eq + 1));
            } else {
                jvm.add(token);
            }
        }
        return jvm;
    }

    /** The command running {@code mainClass} with {@code args} in a JVM like this one's, with {@code jvmOptions}. */
    public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment, its output to
     * {@code log}, and waits until a line of its output contains {@code readyMarker}. When it exits or
     * {@code readyTimeout} passes first, it is stopped and an {@link IllegalStateException} says so
     * with the end of its log.
     */
    public static ChildJvm start(List<String> command, Map<String, String> env, Path log, String readyMarker,
            Duration readyTimeout, Duration grace) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        ChildJvm child = new ChildJvm(pb.start(), log, grace);
        child.process.getOutputStream().close();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        try {
            while (true) {
                if (Files.readString(log, StandardCharsets.UTF_8).contains(readyMarker)) {
                    return child;
                }
                if (!child.process.isAlive()) {
                    throw new IllegalStateException("the child JVM exited with " + child.process.exitValue()
                            + " before it was ready; the end of " + log + ":\n" + child.tail(20));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the child JVM was not ready after " + readyTimeout.toSeconds()
                            + " s; the end of " + log + ":\n" + child.tail(20));
                }
                Thread.sleep(100);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            child.close();
            throw e;
        }
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    /** Its process handle (alive until {@link #close()}). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Its log file. */
    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of its log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (the server's own shutdown hook closes it cleanly), SIGKILL after the grace period. */
    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the child (bounded: grace period plus 10 s) and forgets the shutdown hook. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // this process is shutting down already: the hook runs (and finds the child gone)
        }
    }
}
