import {api} from '../api.js';
import {h, docHref} from '../dom.js';
import {t} from '../i18n.js';

export async function renderHome() {
  const [stats, docs] = await Promise.all([api('stats'), api('documents', {limit: 50})]);
  const card = (label, value, id) => h('div', {class: 'card'}, h('div', {class: 'muted'}, label),
                                       h('strong', {'data-stat': id}, String(value)));
  return h('section', {},
    h('h1', {}, t('stats')),
    h('div', {class: 'cards'},
      card(t('documents'), stats.documents, 'documents'),
      card(t('entities'), stats.entities, 'entities'),
      card(t('events'), stats.events, 'events'),
      card(t('languages'), Object.entries(stats.by_language).map(([k, v]) => k + ' ' + v)
          .join(' · '), 'languages')),
    h('h2', {}, t('documents')),
    h('ul', {class: 'plain', id: 'document-list'}, docs.documents.map((d) =>
      h('li', {}, h('span', {class: 'badge'}, d.lang), d.date ? h('span', {class: 'muted'},
        d.date + ' ') : null, h('a', {href: docHref(d.id)}, d.title || d.id)))));
}
