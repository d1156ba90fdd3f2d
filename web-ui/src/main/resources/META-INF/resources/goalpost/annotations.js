// Annotations: dated notes ("spring campaign starts") drawn as markers on the page's charts, listed
// and (for editors) added and deleted here.
import { h, api, clear, errorBox, fmtDay, canEdit, field, setFieldError, fieldErrors } from './util.js';
import { setChartAnnotations } from './charts.js';

/** The notes a page's charts mark: every chart's, plus a goal's own on its page. */
export async function loadAnnotations(goalId) {
  const a = await api(`/api/annotations?goal=${goalId ? encodeURIComponent(goalId) : 'none'}`);
  return a.annotations || [];
}

/**
 * A panel listing the notes (every chart's, and the goal's when {@code goalId} is given), with a form
 * for editors; marks them on the page's charts and redraws those when a note is added or deleted.
 */
export function annotationsPanel({ goalId = null, ctx } = {}) {
  const editable = canEdit();
  const list = h('ul', { class: 'annotation-list', id: 'annotation-list' });
  const notice = h('div', { 'aria-live': 'polite' });
  const sec = h('section', { class: 'panel annotations', 'aria-labelledby': 'annotations-h', id: 'annotations' },
    h('h2', { id: 'annotations-h' }, 'Annotations'),
    h('p', { class: 'muted small' }, goalId ? 'Dated notes shown as dashed markers on this goal\'s chart: the notes on every chart and this goal\'s own.'
      : 'Dated notes shown as dashed markers on every chart (a goal\'s own notes are on its page).'),
    list, notice);
  const refresh = async () => {
    try {
      const notes = await loadAnnotations(goalId);
      if (ctx && !ctx.isCurrent()) return;
      setChartAnnotations(notes);
      clear(list);
      if (!notes.length) list.append(h('li', { class: 'empty' }, 'No annotation yet.'));
      for (const n of notes) {
        list.append(h('li', { dataset: { annotation: String(n.id) } },
          h('span', { class: 'annotation-day' }, fmtDay(n.day)), ' ', h('span', { class: 'annotation-text' }, n.text),
          h('span', { class: 'muted small' }, n.goal_id ? ' (this goal)' : ' (every chart)'),
          editable ? h('button', { type: 'button', class: 'button small', 'aria-label': `Delete the note “${n.text}” of ${fmtDay(n.day)}`, on: { click: async () => {
            try { await api(`/api/annotations/${n.id}`, { method: 'DELETE' }); refresh(); }
            catch (e) { clear(notice).append(errorBox(e)); }
          } } }, 'Delete') : null));
      }
    } catch (e) {
      clear(notice).append(errorBox(e));
    }
  };
  if (editable) {
    const day = field('annotation-day', 'Day', h('input', { type: 'date', required: true }));
    const text = field('annotation-text', 'Note', h('input', { type: 'text', maxlength: '200', required: true, placeholder: 'Spring campaign starts' }));
    const scope = goalId ? h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'annotation-goal-only', checked: true }), ' Only on this goal') : null;
    sec.append(h('form', { class: 'annotation-form', 'aria-label': 'Add an annotation', on: { submit: async (e) => {
      e.preventDefault();
      setFieldError(day, ''); setFieldError(text, '');
      const onlyGoal = goalId && scope.querySelector('input').checked;
      try {
        await api('/api/annotations', { method: 'POST', body: { day: day.input.value || null, text: text.input.value, goal_id: onlyGoal ? goalId : null } });
        text.input.value = '';
        clear(notice);
        refresh();
      } catch (err) {
        const f = fieldErrors(err.details);
        if (f.day) setFieldError(day, f.day);
        if (f.text) setFieldError(text, f.text);
        if (!f.day && !f.text) clear(notice).append(errorBox(err));
      }
    } } }, day.wrap, text.wrap, scope, h('button', { type: 'submit', class: 'button', id: 'annotation-add' }, 'Add note')));
  }
  refresh();
  return sec;
}
