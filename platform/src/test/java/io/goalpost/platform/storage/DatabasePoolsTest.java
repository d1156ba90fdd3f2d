package io.goalpost.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sync threads' pool: a connection per sync thread, within what the embedded server allows. */
class DatabasePoolsTest {

    @Test
    void theSyncPoolHasAConnectionPerSyncThreadUpToItsMaximum() {
        assertThat(Database.syncPoolSize(2)).isEqualTo(2);
        assertThat(Database.syncPoolSize(16)).isEqualTo(16);
        // 32 threads (the default) on 16 connections: a sync spends most of its time waiting for the
        // network, so few wait for a statement at once; the embedded server allows 50 connections in all.
        assertThat(Database.syncPoolSize(32)).isEqualTo(Database.SYNC_POOL_MAX);
        assertThat(Database.syncPoolSize(256)).isEqualTo(Database.SYNC_POOL_MAX);
    }
}
