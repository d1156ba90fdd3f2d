// Where the dashboard and goal renderers read their data: the signed-in API, or a share link's
// read-only /api/shared/{token}/… routes. A read-only source shows no edit, share or range
// controls and no links to pages the link does not cover.
import { api } from './util.js';

const enc = encodeURIComponent;

export function dashboardPath(range, full = false) {
  const base = full ? '/api/dashboard/full' : '/api/dashboard';
  return range ? `${base}?from=${enc(range.from)}&to=${enc(range.to)}` : base;
}

/** The signed-in API. */
export const liveSource = {
  readOnly: false,
  dashboard: range => api(dashboardPath(range)),
  // the dashboard with every chart's series: the whole page in one request
  dashboardFull: range => api(dashboardPath(range, true)),
  kpis: () => api('/api/kpis'),
  kpiSeries: (id, { from, to, granularity, networks }) =>
    api(`/api/kpis/${enc(id)}?from=${enc(from)}&to=${enc(to)}&granularity=${enc(granularity)}&networks=${enc(networks)}`),
  goal: id => api(`/api/goals/${enc(id)}`),
  goalSeries: id => api(`/api/goals/${enc(id)}/series`),
  goalHref: id => `#/goals/${id}`,
};

/** A share link: public, read-only, only what was shared (the range is the share's). */
export function sharedSource(token) {
  const base = `/api/shared/${enc(token)}`;
  return {
    readOnly: true,
    info: () => api(base),
    dashboard: () => api(`${base}/dashboard`),
    kpis: () => api(`${base}/kpis`),
    kpiSeries: (id, { granularity, networks }) =>
      api(`${base}/kpis/${enc(id)}?granularity=${enc(granularity)}&networks=${enc(networks)}`),
    goal: () => api(`${base}/goal`),
    goalSeries: () => api(`${base}/goal/series`),
    goalHref: null,
  };
}
