// New-goal wizard (and goal editing): objective → KPI → scope → target and deadline, with a live
// baseline and an attainability estimate; the server's check is shown on the goal after saving.
import { h, api, clear, loading, errorBox, field, setFieldError, fieldErrors, fmtNumber, addDays,
  today, daysBetween, badge, ATTAINABILITY } from './util.js';

const STEP_NAMES = ['Objective', 'KPI', 'Scope', 'Target and deadline'];
// which step each server validation field lives on
const FIELD_STEP = { objective: 0, kpi: 1, scope: 2, title: 3, 'target.type': 3, 'target.value': 3, target: 3, start: 3, deadline: 3, owner: 3, why: 3 };

export async function renderWizard(view, ctx, editId) {
  view.append(h('h1', {}, editId ? 'Edit goal' : 'New goal'));
  const body = h('div', {}, loading());
  view.append(body);
  let objectives, kpis, accounts, goal = null;
  try {
    [objectives, kpis, accounts, goal] = await Promise.all([api('/api/objectives'), api('/api/kpis'), api('/api/accounts').catch(() => []),
      editId ? api(`/api/goals/${editId}`) : Promise.resolve(null)]);
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  objectives = objectives.objectives || [];
  kpis = kpis.kpis || [];
  const kpiById = Object.fromEntries(kpis.map(k => [k.id, k]));
  let step = 0;

  // step 1: objective
  const objSel = field('wiz-objective', 'Objective', h('select', {}, objectives.map(o => h('option', { value: o.id }, o.name))),
    'What the goal serves. It decides which KPIs are suggested.');
  const objNote = h('p', { class: 'help' });
  // step 2: KPI
  const kpiSel = field('wiz-kpi', 'KPI', h('select', {}));
  const kpiDef = h('div', { class: 'kpi-def-box' });
  // step 3: scope
  const networks = [...new Map(accounts.map(a => [a.network, a.networkName || a.network])).entries()];
  const netBoxes = networks.map(([id, name]) => h('input', { type: 'checkbox', id: `wiz-net-${id}`, value: id, class: 'wiz-net' }));
  const accBoxes = accounts.map(a => h('input', { type: 'checkbox', id: `wiz-acc-${a.id}`, value: String(a.id), class: 'wiz-acc' }));
  const scopeErr = h('p', { class: 'field-error', id: 'wiz-scope-error', 'aria-live': 'polite' });
  const scopeFs = h('fieldset', { class: 'scope', 'aria-describedby': 'wiz-scope-error' },
    h('legend', {}, 'Which networks and accounts count'),
    h('p', { class: 'help' }, 'Pick whole networks, single accounts, or both. Nothing picked means every account.'),
    h('div', { class: 'scope-cols' },
      h('div', {}, h('h3', {}, 'Networks'), networks.length ? networks.map(([id, name], i) => h('div', { class: 'check' }, netBoxes[i], h('label', { for: `wiz-net-${id}` }, name))) : h('p', { class: 'empty' }, 'No accounts connected yet.')),
      h('div', {}, h('h3', {}, 'Accounts'), accounts.map((a, i) => h('div', { class: 'check' }, accBoxes[i], h('label', { for: `wiz-acc-${a.id}` }, `${a.name} (${a.networkName || a.network})`))))),
    scopeErr);
  const scopeField = { wrap: scopeFs, input: netBoxes[0] || scopeFs, error: scopeErr };
  // step 4: target and deadline
  const title = field('wiz-title', 'Title', h('input', { type: 'text', required: true, maxlength: '200' }), 'A short name, e.g. “Grow our Facebook audience”.');
  const ttype = field('wiz-target-type', 'Target type', h('select', {},
    h('option', { value: 'increase_pct' }, 'Change by a percentage'),
    h('option', { value: 'increase_by' }, 'Change by an amount'),
    h('option', { value: 'absolute' }, 'Reach a value')));
  const tvalue = field('wiz-target-value', 'Target value', h('input', { type: 'number', step: 'any', required: true }));
  const start = field('wiz-start', 'Start', h('input', { type: 'date', value: today(), required: true }));
  const deadline = field('wiz-deadline', 'Deadline', h('input', { type: 'date', value: addDays(today(), 90), required: true }));
  const owner = field('wiz-owner', 'Owner (optional)', h('input', { type: 'text' }));
  const why = field('wiz-why', 'Why it matters (optional)', h('textarea', { rows: '2' }));
  const preview = h('div', { class: 'preview panel', 'aria-live': 'polite', id: 'wiz-preview' });
  const fields = { objective: objSel, kpi: kpiSel, scope: scopeField, title, 'target.type': ttype, 'target.value': tvalue, target: tvalue, start, deadline, owner, why };

  const fillKpis = (keep) => {
    const o = objectives.find(x => x.id === objSel.input.value);
    objNote.textContent = o && o.note ? o.note : '';
    const suggested = (o ? o.suggested_kpis : []).filter(id => kpiById[id]);
    const others = kpis.filter(k => !suggested.includes(k.id));
    const prev = keep || kpiSel.input.value;
    clear(kpiSel.input).append(
      h('optgroup', { label: 'Suggested for this objective' }, suggested.map(id => h('option', { value: id }, kpiById[id].name))),
      h('optgroup', { label: 'Other KPIs' }, others.map(k => h('option', { value: k.id }, k.name))));
    if (prev && kpiById[prev] && (keep || suggested.includes(prev))) kpiSel.input.value = prev;
    showKpi();
  };
  const showKpi = () => {
    const k = kpiById[kpiSel.input.value];
    clear(kpiDef);
    if (!k) return;
    kpiDef.append(h('p', {}, h('strong', {}, k.name), ': ', k.definition || ''),
      h('p', { class: 'small muted' }, `Formula: ${k.formula || ''} · unit: ${k.unit} · good direction: ${k.direction}`));
    if (k.direction === 'down') tvalue.input.placeholder = 'e.g. -10 to reduce by 10 %'; else tvalue.input.placeholder = 'e.g. 20';
  };
  objSel.input.addEventListener('change', () => fillKpis());
  kpiSel.input.addEventListener('change', () => { showKpi(); schedulePreview(); });

  const panels = [
    h('div', { class: 'step-panel' }, objSel.wrap, objNote),
    h('div', { class: 'step-panel' }, kpiSel.wrap, kpiDef),
    h('div', { class: 'step-panel' }, scopeFs),
    h('div', { class: 'step-panel' }, title.wrap, h('div', { class: 'form-row' }, ttype.wrap, tvalue.wrap), h('div', { class: 'form-row' }, start.wrap, deadline.wrap), owner.wrap, why.wrap, preview),
  ];
  const stepper = h('ol', { class: 'stepper' }, STEP_NAMES.map((n, i) => h('li', {}, h('button', { type: 'button', class: 'step-btn', dataset: { step: String(i) }, on: { click: () => go(i) } }, `${i + 1}. ${n}`))));
  const back = h('button', { type: 'button', class: 'button', id: 'wiz-back', on: { click: () => go(step - 1) } }, '← Back');
  const next = h('button', { type: 'button', class: 'button primary', id: 'wiz-next', on: { click: () => go(step + 1) } }, 'Next →');
  const save = h('button', { type: 'submit', class: 'button primary', id: 'wiz-save' }, editId ? 'Save changes' : 'Create goal');
  const formMsg = h('div', { 'aria-live': 'assertive' });
  const go = (i) => {
    step = Math.max(0, Math.min(panels.length - 1, i));
    panels.forEach((p, j) => { p.hidden = j !== step; });
    stepper.querySelectorAll('.step-btn').forEach((b, j) => { if (j === step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current'); });
    back.hidden = step === 0;
    next.hidden = step === panels.length - 1;
    save.hidden = step !== panels.length - 1;
    if (step === panels.length - 1) schedulePreview();
    const focusable = panels[step].querySelector('input, select, textarea');
    if (focusable) focusable.focus();
  };

  const scope = () => ({
    networks: netBoxes.filter(b => b.checked).map(b => b.value),
    accounts: accBoxes.filter(b => b.checked).map(b => Number(b.value)),
  });

  // live preview: baseline, resolved target and an attainability estimate from stored history
  let previewTimer = null;
  let previewSeq = 0;
  const schedulePreview = () => { clearTimeout(previewTimer); previewTimer = setTimeout(runPreview, 300); };
  const runPreview = async () => {
    const seq = ++previewSeq;
    const k = kpiById[kpiSel.input.value];
    if (!k || !start.input.value || !deadline.input.value) return;
    clear(preview).append(loading('Computing the baseline…'));
    try {
      const p = await estimate(k, scope(), start.input.value, deadline.input.value, ttype.input.value, tvalue.input.value);
      if (seq !== previewSeq || !ctx.isCurrent()) return;
      clear(preview).append(h('h3', {}, 'Before you save'),
        h('p', {}, `Baseline (${p.baselineAsOf}): `, h('strong', { id: 'wiz-baseline' }, p.baseline === null ? 'not available' : fmtNumber(p.baseline, k.unit)),
          p.baselineReason ? h('span', { class: 'muted' }, ` — ${p.baselineReason}`) : null),
        p.target !== null ? h('p', {}, 'Target: ', h('strong', {}, fmtNumber(p.target, k.unit)),
          p.required !== null ? ` — needs ${fmtNumber(p.required, k.unit)} per week` : '') : null,
        p.label ? h('p', {}, 'Attainability estimate: ', badge(ATTAINABILITY, p.label), ' ', p.why || '') : null,
        h('p', { class: 'small muted' }, 'An estimate from stored history; the server checks attainability when the goal is saved and shows it on the goal.'));
    } catch (e) {
      if (seq === previewSeq) clear(preview).append(h('p', { class: 'muted' }, 'Baseline not available: ' + e.message));
    }
  };
  [ttype.input, tvalue.input, start.input, deadline.input].forEach(i => i.addEventListener('input', schedulePreview));
  [...netBoxes, ...accBoxes].forEach(i => i.addEventListener('change', schedulePreview));

  const form = h('form', { class: 'wizard', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(formMsg);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const tv = tvalue.input.value.trim();
    const body = {
      title: title.input.value.trim(), objective: objSel.input.value, kpi: kpiSel.input.value, scope: scope(),
      target: { type: ttype.input.value, value: tv === '' ? null : Number(tv) },
      start: start.input.value, deadline: deadline.input.value,
    };
    if (owner.input.value.trim()) body.owner = owner.input.value.trim();
    if (why.input.value.trim()) body.why = why.input.value.trim();
    save.disabled = true;
    try {
      const g = await api(editId ? `/api/goals/${editId}` : '/api/goals', { method: editId ? 'PUT' : 'POST', body });
      location.hash = `#/goals/${g.id}`;
    } catch (err) {
      formMsg.append(errorBox(err));
      const fe = fieldErrors(err.details);
      let firstStep = null;
      for (const [k, m] of Object.entries(fe)) {
        const key = k.startsWith('scope') ? 'scope' : k;
        const f = fields[key];
        if (f) {
          setFieldError(f, m);
          const s = FIELD_STEP[key] ?? 3;
          if (firstStep === null || s < firstStep) firstStep = s;
        }
      }
      if (firstStep !== null && firstStep !== step) go(firstStep);
    } finally {
      save.disabled = false;
    }
  } } }, stepper, panels, formMsg, h('div', { class: 'wizard-nav' }, back, next, save));
  body.append(form);

  if (goal) {
    objSel.input.value = goal.objective.id;
    fillKpis(goal.kpi.id);
    netBoxes.forEach(b => { b.checked = (goal.scope.networks || []).includes(b.value); });
    accBoxes.forEach(b => { b.checked = (goal.scope.accounts || []).includes(Number(b.value)); });
    title.input.value = goal.title;
    ttype.input.value = goal.target.type;
    tvalue.input.value = goal.target.value;
    start.input.value = goal.start;
    deadline.input.value = goal.deadline;
    owner.input.value = goal.owner || '';
    why.input.value = goal.why || '';
  } else {
    fillKpis();
  }
  go(0);
}

/** Baseline and attainability estimate (KPIS.md §4) from GET /api/kpis. */
async function estimate(k, scope, start, deadline, ttype, tvalueRaw) {
  let q = '';
  if (scope.networks.length) q += '&networks=' + scope.networks.join(',');
  if (scope.accounts.length) q += '&accounts=' + scope.accounts.join(',');
  const t = today();
  const asOf = addDays(start <= t ? start : t, start <= t ? -1 : 0);
  const level = k.metric_kind === 'level';
  const daily = k.id === 'reach';
  const bFrom = level || daily ? asOf : addDays(asOf, -6);
  const r = await api(`/api/kpis/${encodeURIComponent(k.id)}?from=${bFrom}&to=${asOf}&granularity=day${q}`);
  let baseline, reason = null;
  if (level || daily) {
    const s = r.series || [];
    baseline = s.length ? s[s.length - 1].value : null;
    reason = s.length ? s[s.length - 1].reason : r.total && r.total.reason;
  } else {
    baseline = r.total ? r.total.value : null;
    reason = r.total ? r.total.reason : null;
  }
  const tv = tvalueRaw === '' ? NaN : Number(tvalueRaw);
  let target = null;
  if (!Number.isNaN(tv)) {
    if (ttype === 'absolute') target = tv;
    else if (baseline !== null && baseline !== undefined) target = ttype === 'increase_by' ? baseline + tv : baseline * (1 + tv / 100);
  }
  const out = { baseline: baseline ?? null, baselineAsOf: asOf, baselineReason: baseline === null || baseline === undefined ? reason : null, target, required: null, label: null, why: null };
  const days = daysBetween(start, deadline);
  if (target === null || baseline === null || baseline === undefined || days <= 0) return out;
  const weeks = days / 7;
  out.required = (target - baseline) / weeks;
  // weekly values over the same length of time before start
  const histWeeks = Math.max(2, Math.min(52, Math.round(weeks)));
  const hFrom = addDays(asOf, -(histWeeks * 7) + 1);
  const hr = await api(`/api/kpis/${encodeURIComponent(k.id)}?from=${hFrom}&to=${asOf}&granularity=day${q}`);
  const s = (hr.series || []);
  const weekly = [];
  for (let end = s.length - 1; end - 6 >= 0; end -= 7) {
    const win = s.slice(end - 6, end + 1);
    if (level) { const v = win[win.length - 1].value; if (v !== null && v !== undefined) weekly.unshift(v); else weekly.unshift(null); }
    else { const vals = win.map(p => p.value).filter(v => v !== null && v !== undefined); weekly.unshift(vals.length === 7 ? vals.reduce((a, b) => a + b, 0) : null); }
  }
  const pts = weekly.map((v, i) => [i, v]).filter(p => p[1] !== null);
  if (pts.length < 2) { out.label = 'no_history'; out.why = 'less than two weeks of data before the start'; return out; }
  if (out.required * (k.direction === 'down' ? -1 : 1) <= 0) { out.label = 'realistic'; out.why = 'the target is already met'; return out; }
  const n = pts.length, mx = pts.reduce((a, p) => a + p[0], 0) / n, my = pts.reduce((a, p) => a + p[1], 0) / n;
  const slope = pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) / (pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0) || 1);
  if (slope * Math.sign(out.required) <= 0) { out.label = 'unrealistic'; out.why = `history goes the other way (${fmtNumber(slope, k.unit)} per week)`; return out; }
  const ratio = out.required / slope;
  out.label = ratio <= 1.5 ? 'realistic' : ratio <= 2.5 ? 'ambitious' : 'unrealistic';
  out.why = `history shows ${fmtNumber(slope, k.unit)} per week (needed ÷ usual = ${ratio.toFixed(1)})`;
  return out;
}
