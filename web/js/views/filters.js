import {api} from '../api.js';
import {h} from '../dom.js';
import {t} from '../i18n.js';

const KEYS = ['field', 'country', 'type', 'from', 'to'];

export function filtersFrom(query) {
  const f = {};
  for (const k of KEYS) if (query.get(k)) f[k] = query.get(k);
  return f;
}

let statsCache = null;

// Filters by field, country, event type and date; submitting changes the hash (so the
// view is a shareable link) and the router re-renders.
export async function filterForm(base, filters, extra = {}) {
  statsCache ||= await api('stats');
  const types = Object.keys(statsCache.events_by_type || {}).sort();
  const input = (name, label, type = 'text') => h('label', {}, label,
    h('input', {name, type, value: filters[name] || '', id: 'filter-' + name}));
  const typeSelect = h('select', {name: 'type', id: 'filter-type'},
    h('option', {value: ''}, t('any')),
    types.map((x) => h('option', {value: x, selected: filters.type === x ? 'selected' : null}, x)));
  const bucketSelect = 'bucket' in extra ? h('label', {}, t('bucket'),
    h('select', {name: 'bucket', id: 'filter-bucket'},
      ['year', 'month'].map((b) => h('option', {value: b,
        selected: extra.bucket === b ? 'selected' : null}, t(b))))) : null;
  const form = h('form', {class: 'filters', id: 'filters'},
    input('field', t('field')), input('country', t('country')),
    h('label', {}, t('eventType'), typeSelect),
    input('from', t('from')), input('to', t('to')), bucketSelect,
    h('button', {type: 'submit', id: 'filter-apply'}, t('apply')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const qs = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) qs.set(k, v.trim());
    location.hash = base + (qs.toString() ? '?' + qs : '');
  });
  return form;
}
