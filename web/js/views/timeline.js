import {api} from '../api.js';
import {h} from '../dom.js';
import {t} from '../i18n.js';
import {eventList} from './events.js';
import {filterForm, filtersFrom} from './filters.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#0b63b6', '#a04a00', '#1d7a3a', '#7b3fa0', '#b0123b', '#2b8c8c', '#8a6d00',
                '#555'];

function s(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function periodsFromEvents(events) {
  const m = new Map();
  for (const e of events) {
    if (!e.date) continue;
    const p = e.date.slice(0, 4);
    const row = m.get(p) || {period: p, count: 0, by_type: {}};
    row.count++;
    row.by_type[e.type] = (row.by_type[e.type] || 0) + 1;
    m.set(p, row);
  }
  return [...m.values()].sort((a, b) => a.period.localeCompare(b.period));
}

// A stacked bar chart in plain SVG: one bar per period, one colour per event type.
export function timelineChart(periods) {
  const types = [...new Set(periods.flatMap((p) => Object.keys(p.by_type)))].sort();
  const max = Math.max(1, ...periods.map((p) => p.count));
  const barW = 36, gap = 10, height = 180, top = 10, bottom = 30;
  const width = Math.max(240, periods.length * (barW + gap) + 40);
  const svg = s('svg', {width, height, viewBox: `0 0 ${width} ${height}`, id: 'timeline-chart',
                        role: 'img'});
  const scale = (height - top - bottom) / max;
  periods.forEach((p, i) => {
    const x = 30 + i * (barW + gap);
    let y = height - bottom;
    types.forEach((type, k) => {
      const n = p.by_type[type] || 0;
      if (!n) return;
      const hgt = n * scale;
      y -= hgt;
      const rect = s('rect', {x, y, width: barW, height: hgt, fill: COLORS[k % COLORS.length],
                              'data-period': p.period, class: 'bar'});
      rect.append(s('title', {}, `${p.period} ${type}: ${n}`));
      svg.append(rect);
    });
    svg.append(s('text', {x: x + barW / 2, y: height - bottom + 14, 'text-anchor': 'middle'},
                 p.period));
    svg.append(s('text', {x: x + barW / 2, y: y - 2, 'text-anchor': 'middle'}, String(p.count)));
  });
  const legend = h('div', {class: 'legend'}, types.map((type, k) =>
    h('span', {style: 'color:' + COLORS[k % COLORS.length]}, '■ ' + type)));
  return h('div', {class: 'timeline'}, svg, legend);
}

export async function renderTimeline(query) {
  const filters = filtersFrom(query);
  const bucket = query.get('bucket') === 'month' ? 'month' : 'year';
  const [tl, events] = await Promise.all([
    api('timeline', {...filters, bucket}),
    api('events', {...filters, limit: 200}),
  ]);
  return h('section', {},
    h('h1', {}, t('navTimeline')),
    await filterForm('#/timeline', filters, {bucket}),
    tl.periods.length ? timelineChart(tl.periods) : h('p', {class: 'muted'}, t('noResults')),
    h('h2', {}, t('events')),
    eventList(events.events));
}
