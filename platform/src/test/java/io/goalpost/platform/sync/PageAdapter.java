package io.goalpost.platform.sync;

import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.NetworkAdapter;
import java.time.ZoneOffset;

/** A test network's adapter for one page: its check names the page; each test says how it fetches. */
abstract class PageAdapter implements NetworkAdapter {

    final String page;

    PageAdapter(String page) {
        this.page = page;
    }

    @Override
    public CheckResult check() {
        return CheckResult.of(new AccountIdentity(page, page, page, ZoneOffset.UTC));
    }
}
