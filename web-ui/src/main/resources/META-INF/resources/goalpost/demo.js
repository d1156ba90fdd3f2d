// The "Demo data" banner: wherever numbers of accounts connected to the demo's simulated networks
// (origin "sandbox") appear, so a demo data directory later served for real cannot pass them off as real.
import { h, api } from './util.js';

export const DEMO_BANNER_TITLE = 'Demo data: simulated networks';

/**
 * The sandbox accounts among `accounts` that a goal's scope covers ({networks, accounts}; no scope or
 * empty lists: every account).
 */
export function sandboxAccountsIn(accounts, scope) {
  const nets = (scope && scope.networks) || [];
  const ids = (scope && scope.accounts) || [];
  const everything = nets.length === 0 && ids.length === 0;
  return accounts.filter(a => a.origin === 'sandbox' && (everything || nets.includes(a.network) || ids.includes(a.id)));
}

/** The banner for these sandbox accounts, or null when there are none. Words, not only colour. */
export function demoBanner(sandboxAccounts) {
  return countedBanner(sandboxAccounts.length, [...new Set(sandboxAccounts.map(a => a.networkName || a.network))]);
}

/** The banner for `n` sandbox accounts of these networks (a share link's page gets the count from the server). */
export function countedBanner(n, networks) {
  if (!n) return null;
  return h('div', { class: 'alert alert-warn demo-banner', role: 'status', id: 'demo-banner' },
    h('strong', {}, DEMO_BANNER_TITLE), '. ',
    `${n} account${n === 1 ? '' : 's'} here (${networks.join(', ')}) ${n === 1 ? 'was' : 'were'} connected to the demo's `
    + 'simulated networks: their numbers are synthetic, not real network data.');
}

/**
 * Puts the banner at the top of the page when its numbers include sandbox accounts. Adds nothing when
 * the accounts cannot be read (a share link's visitor) or the page was left meanwhile.
 */
export async function addDemoBanner(view, ctx, scope) {
  let accounts;
  try {
    accounts = await api('/api/accounts');
  } catch (e) {
    return;
  }
  if ((ctx && !ctx.isCurrent()) || view.querySelector('#demo-banner')) return;
  const banner = demoBanner(sandboxAccountsIn(accounts, scope));
  if (banner) view.prepend(banner);
}
