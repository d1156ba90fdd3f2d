package io.goalpost.platform.demo;

import io.goalpost.platform.access.AccessControl;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.access.User;
import io.goalpost.platform.security.OwnerOnlyFile;
import io.goalpost.platform.sync.Blocking;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The demo's sign-ins: users {@code admin}, {@code editor} and {@code viewer}, all with the password
 * {@value #PASSWORD} (the demo's sign-in page says so), and an admin API token for scripts in
 * {@code <data-dir>/demo-admin-token} (mode 600). A demo started again on the same data directory
 * puts the three back as they were and replaces the token.
 */
public final class DemoUsers {

    /** The demo users' password: public on purpose, for a demo only. */
    public static final String PASSWORD = "goalpost-demo";
    /** The demo's users, one per role. */
    public static final List<Role> ROLES = List.of(Role.ADMIN, Role.EDITOR, Role.VIEWER);
    /** The file the admin API token is written to, in the data directory. */
    public static final String TOKEN_FILE = "demo-admin-token";
    private static final String TOKEN_NAME = "demo scripts";

    private DemoUsers() {
    }

    /** Creates or restores the demo users, writes a fresh admin token and answers it. Blocking. */
    public static String ensure(AccessControl access, Path dataDir) throws Exception {
        User admin = null;
        for (Role role : ROLES) {
            String name = role.id();
            Optional<User> existing = Blocking.await(access.users().find(name));
            User user;
            if (existing.isEmpty()) {
                user = Blocking.await(access.users().create(name, PASSWORD, role));
            } else {
                user = Blocking.await(access.users().update(existing.get().id(), Optional.of(role), Optional.of(false)));
                Blocking.await(access.users().setPassword(user.id(), PASSWORD, null));
            }
            if (role == Role.ADMIN) {
                admin = user;
            }
        }
        Blocking.await(access.tokens().revokeNamed(admin.id(), TOKEN_NAME));
        var token = Blocking.await(access.tokens().create(admin, TOKEN_NAME, Role.ADMIN, Optional.empty(),
                LocalDate.now(access.clock())));
        OwnerOnlyFile.write(dataDir.resolve(TOKEN_FILE), token.value());
        access.markDemo();
        return token.value();
    }
}
