package io.goalpost.platform.storage;

import java.nio.file.Path;

/**
 * Starts the embedded database on the data directory in {@code args[0]}, prints {@code READY <port>}
 * and waits to be killed: a Goalpost process that dies with SIGKILL, for {@link EmbeddedDatabaseSecurityTest}.
 */
public final class EmbeddedDatabaseChild {

    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        System.out.println("READY " + db.url().port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
