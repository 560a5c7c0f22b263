import cytoscape from '/vendor/cytoscape.esm.min.mjs';
import {api} from '../api.js';
import {h, entityHref} from '../dom.js';
import {t} from '../i18n.js';
import {filterForm, filtersFrom} from './filters.js';

const KIND_COLORS = {organization: '#0b63b6', person: '#a04a00', place: '#1d7a3a'};

// The cooperation network: entities joined by the events they share (cytoscape.js).
export async function renderGraph(query) {
  const filters = filtersFrom(query);
  const g = await api('graph', filters);
  const container = h('div', {id: 'graph', 'data-nodes': g.nodes.length,
                              'data-edges': g.edges.length});
  const summary = h('p', {id: 'graph-summary'},
    `${g.nodes.length} ${t('nodes')} · ${g.edges.length} ${t('edges')}`);
  const section = h('section', {},
    h('h1', {}, t('navGraph')), await filterForm('#/graph', filters), summary, container);
  // Cytoscape needs the container in the document to measure it.
  requestAnimationFrame(() => {
    const cy = cytoscape({
      container,
      elements: [
        ...g.nodes.map((n) => ({data: {id: n.id, label: n.name, kind: n.kind}})),
        ...g.edges.map((e) => ({data: {id: e.source + '|' + e.target, source: e.source,
                                       target: e.target, weight: e.count,
                                       label: e.types.join(', ')}})),
      ],
      style: [
        {selector: 'node', style: {
          'label': 'data(label)', 'font-size': 10, 'width': 14, 'height': 14,
          'background-color': (n) => KIND_COLORS[n.data('kind')] || '#666',
          'text-valign': 'bottom', 'text-margin-y': 3}},
        {selector: 'edge', style: {
          'width': (e) => Math.min(1 + e.data('weight'), 8), 'line-color': '#9aa7b8',
          'curve-style': 'haystack'}},
      ],
      layout: {name: g.nodes.length > 300 ? 'grid' : 'cose', animate: false},
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (ev) => { location.hash = entityHref(ev.target.id()); });
    container.dataset.rendered = String(cy.nodes().length);
    window.__ketnoiGraph = cy;  // for the browser tests
  });
  return section;
}
