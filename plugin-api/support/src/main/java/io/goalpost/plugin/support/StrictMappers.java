package io.goalpost.plugin.support;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A plugin's own Jackson mappers, as strict as a network's answers deserve. Each call makes a new
 * mapper (thread-safe once made); keep it for the plugin's life and never share it with the host.
 *
 * <p>Both refuse content after the JSON value: Jackson would otherwise read {@code {"a":1} {"b":2}} as
 * if the rest were not there, and a cut or doubled answer would pass as a whole one.
 */
public final class StrictMappers {

    private StrictMappers() {
    }

    /** A mapper that refuses trailing content and keeps the last value of a repeated key. */
    public static ObjectMapper create() {
        return builder().build();
    }

    /**
     * A mapper that also refuses an object that repeats a key, for a network whose answers must be
     * unambiguous (two {@code access_token}s or two {@code data} blocks are an error, not a choice).
     */
    public static ObjectMapper refusingDuplicateKeys() {
        return builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
