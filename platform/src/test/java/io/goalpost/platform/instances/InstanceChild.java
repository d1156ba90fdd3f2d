package io.goalpost.platform.instances;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A second Goalpost instance in a process of its own, for {@link SeveralInstancesTest}: args are the
 * database URL, the JDBC URL of the probe table, a data directory, the fetch latency in ms and,
 * optionally, the number of fetches after which its fetches hang (see {@link ProbeNetwork}). Prints
 * {@code READY <port> <admin API token>} and serves until it is killed.
 */
public final class InstanceChild {

    private InstanceChild() {
    }

    public static void main(String[] args) throws Exception {
        GoalpostServer server = GoalpostServer.start(new ServerConfig(0, Path.of(args[2]), Optional.of(args[0]),
                Path.of("target/no-plugins"), Set.of(), false, Duration.ofHours(6)),
                ProbeNetwork.registry("child", args[1], Long.parseLong(args[3]),
                        args.length > 4 ? Integer.parseInt(args[4]) : Integer.MAX_VALUE));
        String token = io.goalpost.platform.sync.Blocking.await(server.access().toolToken("child-admin",
                io.goalpost.platform.access.Role.ADMIN, "tests"));
        System.out.println("READY " + server.port() + " " + token);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
