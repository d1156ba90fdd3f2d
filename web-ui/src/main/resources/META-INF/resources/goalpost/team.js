// The team's time zone (admin): every time of day in the web UI is shown in it, and named
// ("6 Dec 2026, 14:05 Europe/Berlin"); GET/PUT /api/settings/team.
import { h, api, clear, field, setFieldError, fieldErrors, setTeamSettings, teamZone, today, fmtDay } from './util.js';

/** A small form for the team's time zone, with the server's today next to it. */
export function teamZoneSection() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const list = h('datalist', { id: 'team-zone-list' }, ['UTC', ...zones].map(z => h('option', { value: z })));
  const zone = field('team-zone', 'Time zone', h('input', { type: 'text', value: teamZone(), list: 'team-zone-list', autocomplete: 'off', spellcheck: 'false' }),
    'A region name such as Europe/Berlin or America/New_York; times of day on every page are shown in it.');
  const said = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-zone', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    setFieldError(zone, '');
    clear(said);
    try {
      const r = await api('/api/settings/team', { method: 'PUT', body: { time_zone: zone.input.value.trim() } });
      setTeamSettings(r);
      said.append(h('p', { class: 'alert alert-ok', role: 'status' }, `Times are now shown in ${r.time_zone}.`));
    } catch (err) {
      setFieldError(zone, fieldErrors(err.details).time_zone || err.message);
    }
  } } }, zone.wrap, list, h('button', { type: 'submit', class: 'button', id: 'team-zone-save' }, 'Save time zone'), said);
  return h('section', { class: 'panel', 'aria-labelledby': 'team-h', id: 'team-settings' },
    h('h2', { id: 'team-h' }, 'Team time zone'),
    h('p', { class: 'muted small' }, `Today is ${fmtDay(today())} on the server: goals, the dashboard and the wizard count days up to it.`),
    form);
}
