package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CallQuota;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.HistoryLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The buckets in PostgreSQL: an account quota per account, an app quota shared by every instance. */
class QuotaBucketsTest {

    static AnalyticsHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = AnalyticsHarness.start(LocalDate.now());
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    static AdapterDescriptor network(String id, CallQuota quota) {
        return AdapterDescriptor.builder(id, id).reports(CanonicalMetric.VIEWS).history(new HistoryLimits(30, 30, 0, false))
                .quota(quota).build();
    }

    /** Windows 6 times shorter: a minute's quota counts over 10 s. */
    static QuotaBuckets instance() {
        return new QuotaBuckets(h.db().jdbc(), 6, Duration.ofMillis(200));
    }

    @Test
    void eachAccountHasItsOwnBudgetAndASpentOneComesBackWhenItsBucketIsFull() throws Exception {
        AdapterDescriptor net = network("acct", CallQuota.of(CallQuota.Scope.ACCOUNT, 10, CallQuota.Window.MINUTE, "every request"));
        QuotaBuckets buckets = instance();
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take(net, 1, "/x")).as("call %d of account 1 (half the limit as a burst)", i + 1).isEmpty();
        }
        Instant now = Instant.now();
        Optional<Instant> later = buckets.take(net, 1, "/x");
        // The burst is spent: the sync is deferred until the bucket holds a burst again (5 calls at 4 per 10 s).
        assertThat(later).isPresent();
        assertThat(later.get()).isAfter(now.plusSeconds(10)).isBefore(now.plusSeconds(20));
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take(net, 2, "/x")).as("call %d of account 2", i + 1).isEmpty();
        }
    }

    @Test
    void aScaledQuotaLetsThroughItsShareOfTheDeclaredLimit() throws Exception {
        // A small app's quota in the sync benchmark: a tenth of 100 calls a minute per account.
        AdapterDescriptor net = network("scaled", CallQuota.of(CallQuota.Scope.ACCOUNT, 100, CallQuota.Window.MINUTE, "every request"));
        QuotaBuckets buckets = new QuotaBuckets(h.db().jdbc(), 6, 0.1, Duration.ofMillis(200));
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take(net, 1, "/x")).as("call %d: the burst of the scaled limit of 10", i + 1).isEmpty();
        }
        assertThat(buckets.take(net, 1, "/x")).as("the sixth call, past half of 10").isPresent();
        assertThat(QuotaBuckets.scaled(net.quotas().get(0), 0.1).limit()).isEqualTo(10);
        assertThat(QuotaBuckets.scaled(net.quotas().get(0), 0.001).limit()).as("never below one call").isEqualTo(1);
        assertThat(QuotaBuckets.scaled(net.quotas().get(0), 1.0)).isSameAs(net.quotas().get(0));
    }

    @Test
    void anAccountWhoseOwnQuotaIsSpentTakesNothingFromTheAppsQuota() throws Exception {
        // The app's quota declared first, as TikTok declares it: a request refused by the account's quota must
        // not have used up one of the app's calls, which every other account is waiting for.
        AdapterDescriptor net = AdapterDescriptor.builder("shared", "shared").reports(CanonicalMetric.VIEWS)
                .history(new HistoryLimits(30, 30, 0, false))
                .quota(CallQuota.of(CallQuota.Scope.APP, 200, CallQuota.Window.MINUTE, "every request"))
                .quota(CallQuota.of(CallQuota.Scope.ACCOUNT, 2, CallQuota.Window.MINUTE, "every request")).build();
        QuotaBuckets buckets = new QuotaBuckets(h.db().jdbc(), 1, Duration.ofMillis(200));
        // The app's burst is 10 calls; account 1 uses one of them, then its own quota (a burst of 1) is spent.
        assertThat(buckets.take(net, 1, "/x")).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take(net, 1, "/x")).as("account 1's call %d past its own quota", i + 2).isPresent();
        }
        // The other 9 calls of the app's burst are all still there for nine other accounts.
        for (long account = 2; account <= 10; account++) {
            assertThat(buckets.take(net, account, "/x")).as("account %d's first call", account).isEmpty();
        }
    }

    @Test
    void anAppQuotaIsSharedByTheInstancesAndOnlyCountsItsCalls() throws Exception {
        AdapterDescriptor net = network("app", CallQuota.onPaths(CallQuota.Scope.APP, 20, CallQuota.Window.MINUTE, "/tweets$",
                "timeline reads"));
        QuotaBuckets a = instance();
        QuotaBuckets b = instance();
        assertThat(a.take(net, 1, "/users/1/tweets")).isEmpty();
        // The app's burst (one call of 20 a minute) went to instance a: b, for another account, waits.
        assertThat(b.take(net, 2, "/users/2/tweets")).isPresent();
        // Requests the quota does not count are not held back.
        assertThat(b.take(net, 2, "/users/me")).isEmpty();
    }

    /** The account-quota buckets whose keys name an account (the network's app buckets do not). */
    static java.util.List<String> accountBuckets(String network) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (var c = h.jdbc(); var ps = c.prepareStatement("SELECT id FROM quota_bucket WHERE id LIKE ? ORDER BY id")) {
            ps.setString(1, network + "|account|%");
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void deletingAnAccountRemovesItsQuotaBucketsAndNoOtherAccounts() throws Exception {
        AdapterDescriptor net = network("gone", CallQuota.of(CallQuota.Scope.ACCOUNT, 10, CallQuota.Window.MINUTE, "every request"));
        long deleted = h.account("gone", "Deleted");
        long kept = h.account("gone", "Kept");
        // The real windows and the benchmark's compressed ones: two keys per account (one ends "|x6.0").
        for (QuotaBuckets b : new QuotaBuckets[] {instance(), new QuotaBuckets(h.db().jdbc())}) {
            assertThat(b.take(net, deleted, "/x")).isEmpty();
            assertThat(b.take(net, kept, "/x")).isEmpty();
        }
        assertThat(accountBuckets("gone")).hasSize(4);

        // As DELETE /api/accounts/{id} deletes it.
        assertThat(Blocking.await(new io.goalpost.platform.accounts.AccountStore(h.db().pool()).delete(deleted))).isTrue();

        assertThat(accountBuckets("gone")).hasSize(2).allSatisfy(id -> assertThat(id).matches(".*\\|" + kept + "(\\|x.*)?"));
        // The kept account's spent calls are still counted: its buckets were not reset.
        QuotaBuckets again = instance();
        for (int i = 0; i < 4; i++) {
            assertThat(again.take(net, kept, "/x")).as("call %d after the first", i + 2).isEmpty();
        }
        assertThat(again.take(net, kept, "/x")).as("the sixth call of a burst of 5").isPresent();
    }
}
