// New-goal wizard (and goal editing): objective → KPI → scope → target and deadline, with a live
// preview from the server (POST /api/goals/preview): the baseline, target, attainability check and
// status the goal will have when saved.
import { h, api, append, clear, loading, errorBox, field, setFieldError, fieldErrors, fmtNumber, addDays,
  today, badge, windowText, ATTAINABILITY, GOAL_STATUS, daysInWords } from './util.js';
import { attText } from './goal.js';

const STEP_NAMES = ['Objective', 'KPI', 'Scope', 'Target and deadline'];
// which step each server validation field lives on
const FIELD_STEP = { objective: 0, kpi: 1, scope: 2, title: 3, 'target.type': 3, 'target.value': 3, target: 3, start: 3, deadline: 3, owner: 3, why: 3 };
const FIELD_LABEL = { objective: 'Objective', kpi: 'KPI', scope: 'Scope', title: 'Title', 'target.type': 'Target type',
  'target.value': 'Target value', target: 'Target', start: 'Start', deadline: 'Deadline', owner: 'Owner', why: 'Why' };

const has = v => typeof v === 'number' && Number.isFinite(v);

export async function renderWizard(view, ctx, editId) {
  view.append(h('h1', {}, editId ? 'Edit goal' : 'New goal'));
  const body = h('div', {}, loading());
  view.append(body);
  let objectives, kpis, accounts, goal = null;
  try {
    [objectives, kpis, accounts, goal] = await Promise.all([api('/api/objectives'), api('/api/kpis'), api('/api/accounts'),
      editId ? api(`/api/goals/${editId}`) : Promise.resolve(null)]);
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e, { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  if (!editId && accounts.length === 0) {
    // A goal measures accounts: without one the wizard could only fail at its last step.
    body.append(h('div', { class: 'empty-state', id: 'wiz-no-accounts' },
      h('p', {}, 'A goal measures your accounts, and none is connected yet. Connect one first; then come back to set the goal.'),
      h('a', { class: 'button primary', href: '#/accounts' }, 'Connect an account')));
    return;
  }
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
      h('div', {}, h('h2', { class: 'h3' }, 'Networks'), networks.length ? networks.map(([id, name], i) => h('div', { class: 'check' }, netBoxes[i], h('label', { for: `wiz-net-${id}` }, name))) : h('p', { class: 'empty' }, 'No accounts connected yet.')),
      h('div', {}, h('h2', { class: 'h3' }, 'Accounts'), accounts.map((a, i) => h('div', { class: 'check' }, accBoxes[i], h('label', { for: `wiz-acc-${a.id}` }, `${a.name} (${a.networkName || a.network})`))))),
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

  const goalBody = () => {
    const tv = tvalue.input.value.trim();
    const body = {
      title: title.input.value.trim(), objective: objSel.input.value, kpi: kpiSel.input.value, scope: scope(),
      target: { type: ttype.input.value, value: tv === '' ? null : Number(tv) },
      start: start.input.value, deadline: deadline.input.value,
    };
    if (owner.input.value.trim()) body.owner = owner.input.value.trim();
    if (why.input.value.trim()) body.why = why.input.value.trim();
    return body;
  };
  const fieldKey = k => k.startsWith('scope') ? 'scope' : k;

  // live preview: the server evaluates the goal as it would save it (nothing is saved)
  let previewTimer = null;
  let previewSeq = 0;
  let previewMarked = [];
  const unmarkPreview = () => { previewMarked.forEach(f => setFieldError(f, '')); previewMarked = []; };
  const schedulePreview = () => { clearTimeout(previewTimer); previewTimer = setTimeout(runPreview, 300); };
  const runPreview = async () => {
    const seq = ++previewSeq;
    const k = kpiById[kpiSel.input.value];
    if (!k) return;
    const body = goalBody();
    // The preview is about numbers: a title not typed yet does not stop it, and without a target value
    // a change of one unit in the good direction stands in, to show the baseline (which does not
    // depend on the target); the target, attainability and status are then not shown.
    const noTarget = body.target.value === null || !Number.isFinite(body.target.value);
    if (!body.title) body.title = 'Preview';
    if (noTarget) body.target = { type: 'increase_by', value: k.direction === 'down' ? -1 : 1 };
    clear(preview).append(loading('Asking the server for the baseline…'));
    let p;
    try {
      p = await api('/api/goals/preview', { method: 'POST', body });
    } catch (err) {
      if (seq !== previewSeq || !ctx.isCurrent()) return;
      unmarkPreview();
      const fe = fieldErrors(err.details);
      const entries = Object.entries(fe);
      for (const [key, m] of entries) {
        const f = fields[fieldKey(key)];
        if (f) { setFieldError(f, m); previewMarked.push(f); }
      }
      append(clear(preview), [h('h2', { class: 'h3' }, 'Before you save'),
        entries.length
          ? [h('p', {}, 'The server cannot work out this goal yet:'),
            h('ul', { class: 'preview-errors', id: 'wiz-preview-errors' }, entries.map(([key, m]) => h('li', {}, h('strong', {}, (FIELD_LABEL[fieldKey(key)] || key) + ': '), m)))]
          : h('p', { class: 'muted' }, 'No preview: ' + err.message)]);
      return;
    }
    if (seq !== previewSeq || !ctx.isCurrent()) return;
    unmarkPreview();
    append(clear(preview), previewView(p, k, noTarget));
  };
  [ttype.input, tvalue.input, start.input, deadline.input].forEach(i => i.addEventListener('input', schedulePreview));
  [...netBoxes, ...accBoxes].forEach(i => i.addEventListener('change', schedulePreview));

  const form = h('form', { class: 'wizard', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(formMsg);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    previewMarked = [];
    const body = goalBody();
    save.disabled = true;
    try {
      const g = await api(editId ? `/api/goals/${editId}` : '/api/goals', { method: editId ? 'PUT' : 'POST', body });
      location.hash = `#/goals/${g.id}`;
    } catch (err) {
      formMsg.append(errorBox(err));
      const fe = fieldErrors(err.details);
      let firstStep = null;
      for (const [k, m] of Object.entries(fe)) {
        const key = fieldKey(k);
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

/** What the server would save: baseline with its window, target, attainability and status. */
function previewView(p, k, noTarget) {
  const unit = (p.kpi && p.kpi.unit) || k.unit;
  const b = p.baseline || {};
  const att = p.attainability;
  const excluded = (p.comparison && p.comparison.excluded) || [];
  return [
    h('h2', { class: 'h3' }, 'Before you save'),
    h('p', {}, 'Baseline: ', h('strong', { id: 'wiz-baseline' }, has(b.value) ? fmtNumber(b.value, unit) : 'not available'),
      has(b.value) ? h('span', { class: 'muted' }, ` (${windowText(p.measure, b.from, b.as_of)})`)
        : b.reason ? h('span', { class: 'muted' }, ` — ${daysInWords(b.reason)}`) : null),
    noTarget
      ? h('p', { class: 'muted', id: 'wiz-no-target' }, 'Enter a target value to see the target, the attainability check and the status.')
      : [
        h('p', {}, 'Target: ', h('strong', { id: 'wiz-target' }, p.target && has(p.target.resolved) ? fmtNumber(p.target.resolved, unit) : 'not available'),
          p.sentence ? h('span', { class: 'muted' }, ` — ${daysInWords(p.sentence)}`) : null),
        att && att.label ? h('p', { id: 'wiz-attainability' }, 'Attainability: ', badge(ATTAINABILITY, att.label), ' ', attText(att, unit)) : null,
        p.status ? h('p', { id: 'wiz-status' }, 'Status once saved: ', badge(GOAL_STATUS, p.status), ' ', daysInWords(p.status_reason) || '') : null,
      ],
    p.comparison && p.comparison.note ? h('p', { class: 'small muted' }, p.comparison.note) : null,
    excluded.length ? h('ul', { class: 'small muted' }, excluded.map(e => h('li', {}, h('strong', {}, e.name), ': ', daysInWords(e.why)))) : null,
    h('p', { class: 'small muted' }, 'Worked out by the server exactly as the saved goal will be; nothing is saved until you save the goal.'),
  ];
}
