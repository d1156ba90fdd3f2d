package io.goalpost.platform.sync;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The host's HTTP port of one adapter with the network's quotas in front: every request first takes
 * its calls from {@link QuotaBuckets} (waiting briefly in line). When the quota has no room for a
 * while, the request is not sent: the adapter gets a {@link AdapterException.RateLimited} that the sync
 * recognises as its own deferral ({@link #isDeferral}), not the network's throttling, and the account's
 * sync runs again when the quota has room.
 */
final class QuotaHttpPort implements HttpPort {

    /** Deferrals raised here, recognised by identity when they come back out of the adapter. */
    private static final Set<AdapterException> DEFERRALS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final HttpPort http;
    private final QuotaBuckets quotas;
    private final AdapterDescriptor network;
    private final long accountId;

    QuotaHttpPort(HttpPort http, QuotaBuckets quotas, AdapterDescriptor network, long accountId) {
        this.http = http;
        this.quotas = quotas;
        this.network = network;
        this.accountId = accountId;
    }

    @Override
    public HttpResponse send(HttpRequest request) throws AdapterException {
        Optional<Instant> later;
        try {
            later = quotas.take(network, accountId, request.uri().getPath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException.TransientFailure("interrupted while waiting for " + network.displayName() + "'s quota");
        } catch (RuntimeException e) {
            // The database holding the buckets is away: sending anyway could break the quota.
            throw new AdapterException.TransientFailure("the quota of " + network.displayName() + " could not be checked ("
                    + e.getClass().getSimpleName() + "); the sync will be retried");
        }
        if (later.isPresent()) {
            AdapterException.RateLimited deferral = new AdapterException.RateLimited("waiting for " + network.displayName()
                    + "'s quota: Goalpost continues at " + later.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    later.get());
            DEFERRALS.add(deferral);
            throw deferral;
        }
        return http.send(request);
    }

    /** True when {@code e} is a deferral raised by a quota port (the host's plan), not a 429 of the network. */
    static boolean isDeferral(AdapterException e) {
        return DEFERRALS.contains(e);
    }
}
