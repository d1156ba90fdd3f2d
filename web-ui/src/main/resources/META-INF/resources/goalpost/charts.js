// Chart.js (WebJar, loaded as a classic script into window.Chart) with per-page cleanup.
import { h } from './util.js';

const live = new Set();

export function destroyCharts() {
  for (const c of live) { try { c.destroy(); } catch { /* already gone */ } }
  live.clear();
}

/** A canvas inside a sized box with an accessible label; returns {box, draw(config)}. */
export function chartBox(label, { height = 260, extraClass = '' } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const box = h('div', { class: ('chart-box ' + extraClass).trim(), style: `height:${height}px` }, canvas);
  return {
    box,
    draw(config) {
      if (!window.Chart) {
        box.replaceChildren(h('p', { class: 'muted' }, 'Charts are unavailable (chart library did not load).'));
        return null;
      }
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      const chart = new window.Chart(canvas, config);
      live.add(chart);
      return chart;
    },
  };
}

// Charts resize to the printed page width.
window.addEventListener('beforeprint', () => { for (const c of live) c.resize(); });
