import {api} from '../api.js';
import {h, docHref, entityLink} from '../dom.js';
import {t} from '../i18n.js';

export function snippet(parts) {
  return h('p', {class: 'snippet'},
           parts.map((p) => (p.hit ? h('mark', {}, p.text) : p.text)));
}

export async function renderSearch(query) {
  const q = query.get('q') || '';
  document.getElementById('search-input').value = q;
  const params = {q, lang: query.get('lang'), from: query.get('from'), to: query.get('to'),
                  limit: 30};
  const [result, entities] = await Promise.all([
    api('search', params),
    api('entities', {q, limit: 12}).catch(() => ({entities: []})),
  ]);
  return h('section', {},
    h('h1', {}, t('resultsFor') + ' “' + q + '”'),
    entities.entities.length ? h('div', {id: 'entity-matches'},
      h('h2', {}, t('matchingEntities')),
      h('ul', {class: 'plain'}, entities.entities.map((e) =>
        h('li', {}, h('span', {class: 'badge'}, t(e.kind)), entityLink(e))))) : null,
    h('h2', {}, t('documents')),
    result.hits.length === 0 ? h('p', {class: 'muted', id: 'no-results'}, t('noResults')) :
    h('div', {id: 'search-results'}, result.hits.map((hit) =>
      h('article', {class: 'hit', 'data-doc': hit.doc_id},
        h('div', {}, h('span', {class: 'badge'}, hit.lang),
          hit.date ? h('span', {class: 'muted'}, hit.date + ' ') : null,
          h('a', {href: docHref(hit.doc_id), class: 'hit-title'}, hit.title || hit.doc_id)),
        snippet(hit.snippet_parts)))));
}
