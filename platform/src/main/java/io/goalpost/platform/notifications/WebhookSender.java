package io.goalpost.platform.notifications;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.platform.http.HostHttpPort;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.security.Redactor;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a JSON body to a webhook, signed with the channel's secret: {@code X-Goalpost-Signature:
 * sha256=<hex of HMAC-SHA256(secret, body)>}. The body's {@code text} field is what Slack and Microsoft
 * Teams incoming webhooks show. Sent through {@link HostHttpPort} under the server's outbound rules
 * (https, every resolved address checked, never Goalpost's own port, the connection pinned to the
 * checked address, redirects only within the same origin), with the webhook's own host as the one
 * allowed host. Blocking: called from the scheduler's worker threads.
 */
public final class WebhookSender {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Goalpost-Signature";
    /** The header naming the kind of message ({@code goal_status}, {@code digest}, {@code test}, …). */
    public static final String EVENT_HEADER = "X-Goalpost-Event";
    /** How long a webhook may take to answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient client;
    private final OutboundPolicy policy;

    public WebhookSender(WebClient client, OutboundPolicy policy) {
        this.client = client;
        this.policy = policy;
    }

    /** Checks a webhook URL before it is saved; the reason in words starts with "url". */
    public void checkUrl(String url) throws OutboundPolicy.Refused {
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        policy.checkSetting("url", url, host == null ? Set.of() : Set.of(host));
    }

    /** Posts {@code json} to {@code url}, signed; fails unless the webhook answers 2xx. */
    public void send(URI url, byte[] secret, String event, String json) throws DeliveryFailed {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put(SIGNATURE_HEADER, signature(secret, body));
        headers.put(EVENT_HEADER, event);
        // The webhook's path may carry its credential (Slack, Teams): logs show only what is left of it.
        Redactor redactor = new Redactor(List.of(url.getRawPath() == null ? "" : url.getRawPath()));
        HostHttpPort port = new HostHttpPort(client, policy, Set.of(url.getHost()), redactor, TIMEOUT);
        HttpResponse response;
        try {
            response = port.send(new HttpRequest("POST", url, headers, body));
        } catch (AdapterException e) {
            throw new DeliveryFailed(redactor.redact(e.getMessage()));
        }
        if (response.status() < 200 || response.status() > 299) {
            String text = response.bodyText();
            text = text.length() > 200 ? text.substring(0, 200) + "…" : text;
            throw new DeliveryFailed("the webhook at " + ChannelStore.origin(url.toString()) + " answered HTTP " + response.status()
                    + (text.isBlank() ? "" : ": " + text.strip()));
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
