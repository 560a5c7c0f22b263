import {api} from '../api.js';
import {h, docHref, entityLink} from '../dom.js';
import {t} from '../i18n.js';

// Matchmaking: a stated need -> partners ranked with reasons and cited evidence sentences.
export async function renderMatch(query) {
  const need = query.get('need') || '';
  const country = query.get('country') || '';
  const form = h('form', {id: 'match-form', class: 'filters'},
    h('label', {}, t('need'), h('input', {name: 'need', id: 'match-need', value: need,
      size: 50, placeholder: t('needPlaceholder'), required: 'required'})),
    h('label', {}, t('askingCountry'), h('input', {name: 'country', id: 'match-country',
      value: country})),
    h('button', {type: 'submit', id: 'match-submit'}, t('findPartners')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const qs = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) qs.set(k, v.trim());
    location.hash = '#/match?' + qs;
  });
  const section = h('section', {}, h('h1', {}, t('navMatch')), form);
  if (!need) return section;
  const r = await api('match', {need, country, limit: 10});
  section.append(
    h('p', {class: 'muted'}, t('parsedFields') + ': ' + (r.fields.join(', ') || '—') + ' · ' +
      t('terms') + ': ' + (r.terms.join(', ') || '—')),
    r.results.length === 0 ? h('p', {class: 'muted'}, t('noResults')) :
    h('ol', {id: 'match-results'}, r.results.map((m) => h('li', {class: 'result'},
      h('div', {}, entityLink(m.entity), ' ',
        h('span', {class: 'muted'}, t('score') + ' ' + m.score.toFixed(2))),
      h('ul', {class: 'reasons'}, m.reasons.map((x) => h('li', {}, x))),
      m.evidence.map((e) => h('div', {class: 'evidence'}, e.sentence, ' ',
        h('span', {class: 'muted'}, (e.date || '') + ' ' + e.why + ' '),
        h('a', {href: docHref(e.doc_id), title: e.doc_title}, '[' + t('openDocument') + ']')))))));
  return section;
}
