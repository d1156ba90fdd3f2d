package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.support.meta.GraphAnswer;
import io.goalpost.plugin.support.meta.GraphErrors;
import java.util.Map;

/**
 * GETs one Page's Graph paths with its Page token (as {@code Authorization: Bearer}, never in the URL);
 * plugin-support's Graph layer reads the answers and translates Facebook's errors. It holds nothing that
 * changes: a Page token does not expire, so unlike Instagram's client there is nothing to refresh.
 */
record GraphClient(HttpPort http, FacebookConfig config, GraphErrors errors) {

    /**
     * Calls {@code GET <api_base_url><path>?<query>}.
     *
     * @return the data or the translated Graph error of a readable answer
     * @throws AdapterException when no readable answer came (transport failures, malformed or truncated JSON)
     */
    GraphAnswer get(String path, Map<String, String> query) throws AdapterException {
        return GraphAnswer.get(http, Urls.build(config.apiBaseUrl(), path, query), config.pageAccessToken(),
                "GET " + path, errors);
    }
}
