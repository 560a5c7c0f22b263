import {api} from '../api.js';
import {h, entityHref, entityLink} from '../dom.js';
import {t} from '../i18n.js';
import {curate, editorBar, editorSession, editThenShow, repaint, statusLine} from '../editor.js';
import {eventList} from './events.js';

// Splits the page text at every mention and evidence boundary (UTF-16 offsets from the
// API) and rebuilds it as text nodes: mentions become links to their entity, evidence
// sentences are marked. Nothing from the page is ever parsed as HTML.
export function highlightedText(text, mentions, events) {
  const cuts = new Set([0, text.length]);
  for (const m of mentions) { cuts.add(m.begin16); cuts.add(m.end16); }
  for (const e of events) { cuts.add(e.evidence_begin16); cuts.add(e.evidence_end16); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const root = h('div', {class: 'doc-text', id: 'doc-text'});
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const piece = text.slice(a, b);
    // The innermost (shortest) mention covering the piece wins.
    let mention = null;
    for (const m of mentions) {
      if (m.begin16 <= a && m.end16 >= b &&
          (!mention || m.end16 - m.begin16 < mention.end16 - mention.begin16)) mention = m;
    }
    const event = events.find((e) => e.evidence_begin16 <= a && e.evidence_end16 >= b);
    let node = mention ?
      h('a', {href: entityHref(mention.entity_id), class: 'mention kind-' + mention.kind,
              title: mention.entity_name, 'data-entity': mention.entity_id}, piece) :
      document.createTextNode(piece);
    if (event) {
      node = h('span', {class: 'ev', 'data-event': event.idx, title: event.type}, node);
    }
    root.append(node);
  }
  return root;
}

export async function renderDocument(id) {
  const d = await api('documents/' + encodeURIComponent(id));
  const entities = new Map();
  for (const m of d.mentions) {
    const e = entities.get(m.entity_id) ||
        {id: m.entity_id, name: m.entity_name, kind: m.kind, count: 0};
    e.count++;
    entities.set(m.entity_id, e);
  }
  const events = d.events.map((e) => ({...e, doc_id: d.id, doc_title: d.title}));
  return h('section', {'data-doc-id': d.id},
    h('h1', {id: 'doc-title'}, d.title || d.id),
    h('p', {class: 'muted'}, h('span', {class: 'badge'}, d.lang), d.date ? d.date + ' · ' : '',
      t('source') + ': ' + d.source),
    h('p', {class: 'legend'}, h('span', {class: 'kind-organization'}, '▁ ' + t('organization')),
      h('span', {class: 'kind-person'}, '▁ ' + t('person')),
      h('span', {class: 'kind-place'}, '▁ ' + t('place')),
      h('span', {class: 'ev'}, t('eventEvidence'))),
    h('h2', {}, t('recognised')),
    h('p', {id: 'doc-entities'}, [...entities.values()].map((e) =>
      h('span', {class: 'badge'}, entityLink(e), ' ×' + e.count))),
    eventList(events),
    h('h2', {}, t('documentView')),
    highlightedText(d.text, d.mentions, d.events),
    documentCuration(d));
}

// Reject a wrong mention (with every mention written the same in this page) or a wrong
// event: for signed-in editors.
function documentCuration(d) {
  const section = h('section', {id: 'curation'}, h('h2', {}, t('curation')), editorBar(repaint));
  if (!editorSession()) return section;
  const status = statusLine();
  const reject = (action, fields) =>
    editThenShow(() => curate(action, {doc: d.id, ...fields}), status, null);
  const bySurface = new Map();
  for (const m of d.mentions) if (!bySurface.has(m.surface)) bySurface.set(m.surface, m);
  section.append(
    h('h3', {}, t('mentions')),
    h('ul', {class: 'plain', id: 'curate-mentions'}, [...bySurface.values()].map((m) =>
      h('li', {}, h('button', {type: 'button', class: 'reject', 'data-mention': m.idx,
                               onclick: () => reject('reject-mention', {mention: m.idx})},
                    t('reject')),
        ' ', m.surface, ' → ', entityLink({id: m.entity_id, name: m.entity_name, kind: m.kind})))),
    h('h3', {}, t('events')),
    h('ul', {class: 'plain', id: 'curate-events'}, d.events.map((e) =>
      h('li', {}, h('button', {type: 'button', class: 'reject', 'data-event': e.idx,
                               onclick: () => reject('reject-event', {event: e.idx})},
                    t('reject')),
        ' ', h('span', {class: 'badge'}, e.type), ' ', e.evidence))),
    status);
  return section;
}
