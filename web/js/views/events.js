import {h, docHref, entityLink} from '../dom.js';
import {t} from '../i18n.js';

// A list of events: date, type, participants (links), place, evidence sentence (cited).
export function eventList(events) {
  return h('ul', {class: 'plain events'}, events.map((e) => h('li', {class: 'event'},
    h('div', {},
      h('strong', {}, e.date || '—'), ' ', h('span', {class: 'badge'}, e.type),
      e.modality && e.modality !== 'actual' ? h('span', {class: 'badge'}, e.modality) : null,
      e.participants.map((p, i) => [i ? ', ' : '', entityLink(p)]),
      e.place ? [' @ ', entityLink(e.place)] : null,
      e.fields.length ? [' ', e.fields.map((f) => h('span', {class: 'badge'}, f))] : null),
    h('div', {class: 'evidence'}, e.evidence, ' ',
      h('a', {href: docHref(e.doc_id), title: e.doc_title}, '[' + t('openDocument') + ']')))));
}
