package io.goalpost.plugin.support;

import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks that span several config fields, which a {@link ConfigSpec} cannot express field by field: a
 * refresh token that is useless without the app's id and secret, say. For a factory's
 * {@code validate}; they read values only and never throw for any config.
 *
 * <p>Each issue sits on the missing field and names it by its label, so the form marks the field the
 * user has to fill in: {@code 'App secret' is needed too: <why>}.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /** Whether the field has a value other than blanks. */
    public static boolean given(ConfigValues config, String key) {
        return config.get(key).filter(value -> !value.isBlank()).isPresent();
    }

    /**
     * When {@code field} is given, an issue on each of {@code needed} that is not.
     *
     * @param why the sentence after "is needed too: ", saying what the fields are used for together
     */
    public static List<ConfigIssue> neededWith(ConfigValues config, ConfigSpec spec, String field, String why,
            String... needed) {
        return given(config, field) ? missing(config, spec, why, needed) : List.of();
    }

    /** When any of {@code fields} is given, an issue on each one that is not: they work only together. */
    public static List<ConfigIssue> allOrNone(ConfigValues config, ConfigSpec spec, String why, String... fields) {
        boolean any = Arrays.stream(fields).anyMatch(key -> given(config, key));
        return any ? missing(config, spec, why, fields) : List.of();
    }

    private static List<ConfigIssue> missing(ConfigValues config, ConfigSpec spec, String why, String... keys) {
        Objects.requireNonNull(why, "why");
        List<ConfigIssue> issues = new ArrayList<>();
        for (String key : keys) {
            if (!given(config, key)) {
                ConfigField field = spec.field(key).orElseThrow(
                        () -> new IllegalArgumentException("no config field '" + key + "' in the spec"));
                issues.add(new ConfigIssue(key, "'" + field.label() + "' is needed too: " + why));
            }
        }
        return List.copyOf(issues);
    }
}
