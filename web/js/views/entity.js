import {api} from '../api.js';
import {h, docHref, entityHref, entityLink} from '../dom.js';
import {curate, editForm, editorBar, editorSession, editThenShow, repaint, statusLine}
  from '../editor.js';
import {t} from '../i18n.js';
import {eventList} from './events.js';
import {timelineChart, periodsFromEvents} from './timeline.js';

export async function renderEntity(id) {
  const p = await api('entities/' + encodeURIComponent(id));
  const byLang = {};
  for (const a of p.aliases) (byLang[a.lang || '?'] ||= []).push(a);
  return h('section', {'data-entity-id': p.entity.id},
    h('h1', {id: 'entity-name', class: 'kind-' + p.entity.kind}, p.entity.name),
    h('p', {class: 'muted'}, h('span', {class: 'badge'}, t(p.entity.kind)), p.entity.id,
      p.place_type ? ' · ' + p.place_type : ''),
    h('h2', {}, t('aliases')),
    h('table', {id: 'aliases'}, Object.entries(byLang).map(([lang, list]) =>
      h('tr', {}, h('th', {}, lang),
        h('td', {}, list.map((a, i) => [i ? ' · ' : '', a.surface,
                                        h('span', {class: 'muted'}, ' ×' + a.count)]))))),
    p.roles.length ? [h('h2', {}, t('roles')), h('ul', {class: 'plain', id: 'roles'},
      p.roles.map((r) => h('li', {}, r.title, ' ', h('span', {class: 'muted'}, r.date || ''),
                           ' ', h('a', {href: docHref(r.doc_id)}, '↗'))))] : null,
    p.fields.length ? [h('h2', {}, t('fields')), h('p', {id: 'fields'},
      p.fields.map((f) => h('span', {class: 'badge'}, f.label + ' ' + f.count)))] : null,
    p.partners.length ? [h('h2', {}, t('partners')), h('ul', {class: 'plain', id: 'partners'},
      p.partners.map((x) => h('li', {}, entityLink({id: x.id, name: x.name, kind: ''}),
                              h('span', {class: 'muted'}, ' ×' + x.count))))] : null,
    h('h2', {}, t('eventsTimeline')),
    p.events.length ? timelineChart(periodsFromEvents(p.events)) : null,
    eventList(p.events),
    h('h2', {}, t('sources')),
    h('ul', {class: 'plain', id: 'sources'}, p.documents.map((d) => h('li', {},
      h('span', {class: 'badge'}, d.lang), d.date ? d.date + ' ' : '',
      h('a', {href: docHref(d.id)}, d.title || d.id),
      h('span', {class: 'muted'}, ' · ' + d.mentions + ' ' + t('mentions'))))),
    p.also_matched.length ? [h('h2', {}, t('alsoMatched')),
      h('ul', {class: 'plain'}, p.also_matched.map((e) => h('li', {}, entityLink(e))))] : null,
    entityCuration(p.entity));
}

// Rename, add an alias, merge into another entity, split a name off: for signed-in editors.
function entityCuration(entity) {
  const section = h('section', {id: 'curation'}, h('h2', {}, t('curation')), editorBar(repaint));
  if (!editorSession()) return section;
  const status = statusLine();
  const edit = (action, fields, next = null) =>
    editThenShow(() => curate(action, fields), status, next);
  section.append(
    editForm('rename-form', t('rename'), t('save'),
             (name) => edit('rename', {id: entity.id, name}), status),
    editForm('alias-form', t('addAlias'), t('add'),
             (name) => edit('alias', {id: entity.id, name}), status),
    editForm('merge-form', t('mergeInto'), t('merge'),
             (into) => edit('merge', {from: entity.id, into}, (d) => entityHref(d.entity)), status),
    editForm('split-form', t('splitName'), t('split'),
             (name) => edit('split', {id: entity.id, names: [name]}, (d) => entityHref(d.entity)),
             status),
    status);
  return section;
}
