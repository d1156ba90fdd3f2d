// Top posts: the posts that drove the numbers, best first, with their latest lifetime metrics.
// A metric the network did not report for a post is shown as "not reported", never 0.
import { h, api, clear, stackTable, loading, errorBox, fmtNumber, fmtDay, today, addDays } from './util.js';
import { getRange } from './dashboard.js';

const enc = encodeURIComponent;

/** The per-post metrics, in the order columns show them. */
export const POST_METRICS = [['engagements', 'Engagements'], ['views', 'Views'], ['reach', 'Reach'], ['reactions', 'Reactions'],
  ['comments', 'Comments'], ['shares', 'Shares'], ['saves', 'Saves'], ['link_clicks', 'Link clicks'], ['video_views', 'Video views']];

/** GET /api/posts with the given filters. */
export function fetchPosts({ from, to, networks = [], accounts = [], sort, limit = 20 }) {
  const q = new URLSearchParams({ from, to, limit: String(limit) });
  if (networks.length) q.set('networks', networks.join(','));
  if (accounts.length) q.set('accounts', accounts.join(','));
  if (sort) q.set('sort', sort);
  return api(`/api/posts?${q}`);
}

/** A post's link, only when it is a web address (a stored permalink is never trusted to be one). */
function postLink(p) {
  const url = p.permalink;
  if (!url || !/^https?:\/\//i.test(url)) return h('span', { class: 'muted' }, 'no link');
  // An aria-label rather than hidden text: an absolutely placed hidden span would escape the table's scroll box on a phone.
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'post-link',
    'aria-label': `Open the ${p.account.network_name} post of ${fmtDay(p.published_day)}` }, 'Open post');
}

/** The table of an answer of GET /api/posts: only the metric columns some post has, absent values said in words. */
export function postsTable(a, { caption } = {}) {
  const posts = a.posts || [];
  if (!posts.length) return h('p', { class: 'empty', id: 'posts-empty' }, 'No post was published in this period.');
  const sort = a.sort || {};
  const cols = POST_METRICS.filter(([id]) => posts.some(p => p.metrics && typeof p.metrics[id] === 'number'));
  const ranked = sort.per || !POST_METRICS.some(([id]) => id === sort.metric);
  // One card per post on a phone (stackTable), like every other table of things.
  return stackTable(h('div', { class: 'table-wrap' }, h('table', { class: 'posts-table', id: 'posts-table', 'aria-label': caption || 'Top posts' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Published'), h('th', { scope: 'col' }, 'Account'),
      h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Text'),
      ranked ? h('th', { scope: 'col', class: 'num' }, sort.name || 'Rank value') : null,
      cols.map(([id, name]) => h('th', { scope: 'col', class: 'num' + (id === sort.metric && !sort.per ? ' sorted' : ''), 'aria-sort': id === sort.metric && !sort.per ? 'descending' : null }, name)),
      h('th', { scope: 'col' }, 'Link'))),
    h('tbody', {}, posts.map((p, i) => h('tr', { dataset: { post: p.post_id } },
      h('td', {}, String(i + 1)),
      h('td', {}, fmtDay(p.published_day)),
      h('td', {}, h('span', { class: 'net-name' }, p.account.network_name), ' · ', p.account.name),
      h('td', {}, p.type),
      // Untrusted text from the network: a text node through h(), never HTML.
      p.text ? h('td', { class: 'post-text' }, p.text) : h('td', { class: 'post-text na' }, 'no text'),
      ranked ? h('td', { class: 'num' + (typeof p.score === 'number' ? '' : ' na') }, typeof p.score === 'number' ? fmtNumber(p.score, sort.unit) : 'not available') : null,
      cols.map(([id]) => {
        const v = p.metrics ? p.metrics[id] : undefined;
        return typeof v === 'number' ? h('td', { class: 'num' }, fmtNumber(v, 'count')) : h('td', { class: 'num na' }, 'not reported');
      }),
      h('td', {}, postLink(p))))))));
}

function notes(a) {
  return h('div', { class: 'posts-notes' },
    a.sort && a.sort.note ? h('p', { class: 'small', id: 'posts-sort-note' }, a.sort.note + '.') : null,
    a.text_note ? h('p', { class: 'muted small', id: 'posts-text-note' }, a.text_note) : null);
}

/** The #/posts page. */
export async function renderPosts(view, ctx) {
  const range = getRange() || { from: addDays(today(), -27), to: today() };
  const from = h('input', { type: 'date', id: 'posts-from', value: range.from, required: true });
  const to = h('input', { type: 'date', id: 'posts-to', value: range.to, required: true });
  const net = h('select', { id: 'posts-network' }, h('option', { value: '' }, 'All networks'));
  const sort = h('select', { id: 'posts-sort' }, POST_METRICS.map(([id, name]) => h('option', { value: id }, name)));
  const limit = h('select', { id: 'posts-limit' }, [10, 20, 50, 100].map(n => h('option', { value: String(n), selected: n === 20 }, String(n))));
  const out = h('div', { 'aria-live': 'polite' });
  const load = async () => {
    clear(out).append(loading('Loading the posts…'));
    try {
      const a = await fetchPosts({ from: from.value, to: to.value, networks: net.value ? [net.value] : [], sort: sort.value, limit: Number(limit.value) });
      if (!ctx.isCurrent()) return;
      clear(out).append(h('p', { id: 'posts-summary' }, `${a.posts.length} of ${a.total} post${a.total === 1 ? '' : 's'} published from ${fmtDay(a.from)} to ${fmtDay(a.to)}, best first by ${(a.sort.name || '').toLowerCase()}.`),
        notes(a), postsTable(a, { caption: 'Top posts' }));
    } catch (e) {
      if (ctx.isCurrent()) clear(out).append(errorBox(e));
    }
  };
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Top posts')),
    h('p', { class: 'muted' }, 'The posts that drove the numbers: each with its latest lifetime metrics as the network last reported them.'),
    h('form', { class: 'range-picker', 'aria-label': 'Which posts', on: { submit: (e) => { e.preventDefault(); load(); } } },
      h('label', { for: 'posts-from' }, 'From'), from, h('label', { for: 'posts-to' }, 'To'), to,
      h('label', { for: 'posts-network' }, 'Network'), net,
      h('label', { for: 'posts-sort' }, 'Best by'), sort,
      h('label', { for: 'posts-limit' }, 'Show'), limit,
      h('button', { type: 'submit', class: 'button', id: 'posts-apply' }, 'Apply')),
    out);
  api('/api/accounts').then(r => {
    const seen = new Map();
    for (const acc of Array.isArray(r) ? r : []) if (acc.network && acc.kind !== 'manual' && !seen.has(acc.network)) seen.set(acc.network, acc.networkName || acc.network);
    for (const [id, name] of seen) net.append(h('option', { value: id }, name));
  }, () => { /* the list still works without the network filter */ });
  await load();
}

/** On a goal's page: the posts published in its period by its accounts, ranked by its KPI. */
export function goalPostsSection(g, ctx) {
  const sec = h('section', { class: 'panel', 'aria-labelledby': 'goal-posts-h', id: 'goal-posts' },
    h('h2', { id: 'goal-posts-h' }, 'Top posts of the goal'));
  const end = g.deadline < today() ? g.deadline : today();
  if (g.start > end) {
    sec.append(h('p', { class: 'empty' }, 'The goal has not started: no post to rank yet.'));
    return sec;
  }
  const body = h('div', {}, loading('Loading the posts…'));
  sec.append(body);
  const scope = g.scope || {};
  fetchPosts({ from: g.start, to: end, networks: scope.networks || [], accounts: scope.accounts || [], sort: g.kpi.id, limit: 10 }).then(a => {
    if (!ctx.isCurrent()) return;
    clear(body).append(h('p', { class: 'small' }, `Posts published from ${fmtDay(a.from)} to ${fmtDay(a.to)} by the goal's accounts, best first by ${(a.sort.name || '').toLowerCase()}.`),
      notes(a), postsTable(a, { caption: `Top posts of ${g.title}` }),
      h('p', { class: 'small' }, h('a', { href: '#/posts' }, 'All posts')));
  }, e => { if (ctx.isCurrent()) clear(body).append(errorBox(e)); });
  return sec;
}
