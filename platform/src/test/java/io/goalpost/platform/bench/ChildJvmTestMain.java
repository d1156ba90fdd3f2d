package io.goalpost.platform.bench;

/**
 * The child of {@link ChildJvmTest}: prints what it was given, then waits to be stopped. With
 * {@code stubborn} its shutdown hook never ends (only SIGKILL stops it); with {@code exit} it exits at once.
 */
public final class ChildJvmTestMain {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("exit")) {
            System.out.println("giving up");
            System.exit(3);
        }
        if (mode.equals("stubborn")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        if (!mode.equals("silent")) {
            System.out.println("ready property=" + System.getProperty("goalpost.test.marker") + " env="
                    + System.getenv("GOALPOST_TEST_MARKER"));
        }
        Thread.sleep(600_000);
    }
}
