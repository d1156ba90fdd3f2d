package io.goalpost.platform.notifications;

import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.goals.Fields;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code recipients} field of an email channel or a report schedule: 1 to {@link #MAX} addresses. */
public final class Recipients {

    /** The most addresses one channel or schedule sends to. */
    public static final int MAX = 50;

    private Recipients() {
    }

    /** The distinct addresses of {@code recipients}, in order; each problem is recorded on {@code f}. */
    public static List<String> read(Fields f) {
        JsonArray list = f.array("recipients");
        if (list == null || list.isEmpty()) {
            f.problem("recipients", "must list at least one email address");
            return List.of();
        }
        if (list.size() > MAX) {
            f.problem("recipients", "must list at most " + MAX + " addresses");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                f.problem("recipients", "must be a list of email addresses");
                continue;
            }
            try {
                out.add(Mailer.checkAddress(Inputs.strippedLine(s, Inputs.NAME_MAX)));
            } catch (Inputs.Invalid e) {
                f.problem("recipients", e.problem());
            } catch (Mailer.SendFailed e) {
                f.problem("recipients", e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }
}
