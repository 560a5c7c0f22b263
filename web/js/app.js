// The ketnoi web UI: a hash router over small views. Plain ES modules, no build step.
import {t, toggleLang, uiLang} from './i18n.js';
import {h, clear} from './dom.js';
import {renderHome} from './views/home.js';
import {renderSearch} from './views/search.js';
import {renderEntity} from './views/entity.js';
import {renderGraph} from './views/graph.js';
import {renderTimeline} from './views/timeline.js';
import {renderMatch} from './views/match.js';
import {renderDocument} from './views/document.js';

const routes = [
  [/^\/search$/, (m, q) => renderSearch(q)],
  [/^\/entity\/(.+)$/, (m) => renderEntity(decodeURIComponent(m[1]))],
  [/^\/doc\/(.+)$/, (m) => renderDocument(decodeURIComponent(m[1]))],
  [/^\/graph$/, (m, q) => renderGraph(q)],
  [/^\/timeline$/, (m, q) => renderTimeline(q)],
  [/^\/match$/, (m, q) => renderMatch(q)],
  [/^\/?$/, () => renderHome()],
];

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return {path, query: new URLSearchParams(query)};
}

function renderChrome() {
  const nav = clear(document.getElementById('nav'));
  for (const [href, key] of [['#/', 'navHome'], ['#/graph', 'navGraph'],
                             ['#/timeline', 'navTimeline'], ['#/match', 'navMatch']]) {
    nav.append(h('a', {href, 'data-nav': key}, t(key)));
  }
  document.getElementById('search-input').placeholder = t('searchPlaceholder');
  document.getElementById('search-button').textContent = t('search');
  document.getElementById('lang-switch').textContent = t('switchTo');
  document.documentElement.lang = uiLang();
}

async function route() {
  renderChrome();
  const view = clear(document.getElementById('view'));
  const {path, query} = parseHash();
  view.append(h('p', {class: 'muted', id: 'loading'}, t('loading')));
  for (const [re, render] of routes) {
    const m = path.match(re);
    if (!m) continue;
    try {
      const content = await render(m, query);
      // A newer navigation may have started meanwhile; only the latest one paints.
      if (parseHash().path !== path) return;
      clear(view).append(content);
    } catch (err) {
      clear(view).append(h('p', {class: 'error', role: 'alert'}, t('error') + ': ' + err.message));
    }
    return;
  }
  clear(view).append(h('p', {class: 'error'}, '404'));
}

document.getElementById('search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  if (q) location.hash = '#/search?' + new URLSearchParams({q});
});
document.getElementById('lang-switch').addEventListener('click', () => {
  toggleLang();
  route();
});
window.addEventListener('hashchange', route);
route();
