// End-to-end tests of the web UI: playwright-core drives Debian's Chromium (headless) against
// a `ketnoi serve` that run.sh started over the bundled examples. Screenshots go to
// $KETNOI_ARTIFACTS. Run through run.sh (it sets KETNOI_URL and KETNOI_TOKEN).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';

const BASE = process.env.KETNOI_URL;
const TOKEN = process.env.KETNOI_TOKEN;
const ARTIFACTS = process.env.KETNOI_ARTIFACTS || path.resolve('artifacts');
const CHROMIUM = process.env.KETNOI_CHROMIUM || '/usr/bin/chromium';

let context, page, profileDir;
const dialogs = [];
const pageErrors = [];

before(async () => {
  assert.ok(BASE, 'KETNOI_URL is not set: run tests/browser/run.sh');
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1280, height: 900},
  });
  page = context.pages()[0] || await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.setDefaultTimeout(15000);
});

after(async () => {
  await context?.close();
  if (profileDir) fs.rmSync(profileDir, {recursive: true, force: true});
});

async function shot(name) {
  await page.screenshot({path: path.join(ARTIFACTS, name + '.png'), fullPage: true});
}

async function apiJson(p) {
  const res = await page.request.get(BASE + p);
  assert.equal(res.status(), 200, p);
  return res.json();
}

test('home shows the knowledge base and switches labels between en and vi', async () => {
  await page.goto(BASE + '/#/');
  await page.waitForSelector('[data-stat="documents"]');
  const stats = await apiJson('/api/stats');
  assert.equal(await page.textContent('[data-stat="documents"]'), String(stats.documents));
  const before = await page.textContent('[data-nav="navGraph"]');
  await page.click('#lang-switch');
  await page.waitForFunction((b) => document.querySelector('[data-nav="navGraph"]').textContent !== b,
                             before);
  const after = await page.textContent('[data-nav="navGraph"]');
  assert.notEqual(before, after);
  await shot('01-home-switched');
  await page.click('#lang-switch');
  await page.waitForFunction((b) => document.querySelector('[data-nav="navGraph"]').textContent === b,
                             before);
});

test('search shows highlighted results and opens an entity profile', async () => {
  await page.fill('#search-input', 'Vietnam');
  await page.press('#search-input', 'Enter');
  await page.waitForSelector('#search-results .hit');
  const marks = await page.locator('#search-results mark').count();
  assert.ok(marks > 0, 'no highlighted words');
  await shot('02-search');
  await page.waitForSelector('#entity-matches a.entity');
  await page.click('#entity-matches a.entity >> nth=0');
  await page.waitForSelector('#entity-name');
  assert.ok((await page.textContent('#entity-name')).length > 0);
  assert.ok(await page.locator('#aliases tr').count() > 0, 'no aliases');
  await shot('03-entity');
});

test('graph renders the node count the API reports', async () => {
  const graph = await apiJson('/api/graph');
  assert.ok(graph.nodes.length > 1);
  await page.goto(BASE + '/#/graph');
  await page.waitForSelector('#graph[data-rendered]');
  const rendered = await page.getAttribute('#graph', 'data-rendered');
  assert.equal(Number(rendered), graph.nodes.length);
  const canvases = await page.locator('#graph canvas').count();
  assert.ok(canvases > 0, 'cytoscape drew nothing');
  await shot('04-graph');
  // A filter narrows the graph and keeps it consistent with the API.
  const types = Object.keys((await apiJson('/api/stats')).events_by_type);
  await page.selectOption('#filter-type', types[0]);
  await page.click('#filter-apply');
  const filtered = await apiJson('/api/graph?type=' + encodeURIComponent(types[0]));
  await page.waitForFunction((n) => {
    const g = document.querySelector('#graph[data-rendered]');
    return g && location.hash.includes('type=') && Number(g.dataset.rendered) === n;
  }, filtered.nodes.length);
  await shot('05-graph-filtered');
});

test('timeline draws bars', async () => {
  await page.goto(BASE + '/#/timeline');
  await page.waitForSelector('#timeline-chart rect.bar');
  await shot('06-timeline');
});

test('matchmaking lists partners with reasons and evidence', async () => {
  await page.goto(BASE + '/#/match');
  await page.fill('#match-need', 'semiconductor chip design training');
  await page.click('#match-submit');
  await page.waitForSelector('#match-results li.result');
  assert.ok(await page.locator('#match-results .reasons li').count() > 0, 'no reasons');
  assert.ok(await page.locator('#match-results .evidence').count() > 0, 'no evidence');
  await shot('07-match');
});

test('document view links every recognised mention to its entity', async () => {
  await page.goto(BASE + '/#/');
  await page.waitForSelector('#document-list a');
  await page.click('#document-list a >> nth=0');
  await page.waitForSelector('#doc-text');
  const id = decodeURIComponent((await page.evaluate(() => location.hash)).replace('#/doc/', ''));
  const doc = await apiJson('/api/documents/' + encodeURIComponent(id));
  const links = await page.locator('#doc-text a.mention').count();
  // Nested or overlapping mentions may share a piece, so at least one link per mention start.
  assert.ok(links >= new Set(doc.mentions.map((m) => m.begin16)).size);
  assert.equal(await page.textContent('#doc-text'), doc.text);
  await shot('08-document');
  if (links > 0) {
    await page.click('#doc-text a.mention >> nth=0');
    await page.waitForSelector('#entity-name');
  }
});

test('a hostile page is shown as text and never runs', async () => {
  assert.ok(TOKEN, 'KETNOI_TOKEN is not set');
  const payload = '<script>window.__pwned=1;alert(1)</script>' +
                  '<img src=x onerror="window.__pwned=2;alert(2)">';
  const title = 'Joint lab ' + payload + ' opens';
  const escaped = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<!doctype html><html lang="en"><head><title>Joint lab ${escaped} opens</title>` +
      `</head><body><article><h1>Joint lab ${escaped} opens</h1>` +
      `<p>HANOI, 2 March 2026 - Vietnam and Japan agreed to cooperate on semiconductor ` +
      `research ${escaped} at a joint laboratory in Hanoi.</p><p>The Vietnam Academy of ` +
      `Science and Technology signed a memorandum with the University of Tokyo.</p>` +
      `</article></body></html>`;
  const res = await page.request.post(BASE + '/api/ingest?name=hostile_e2e.html', {
    headers: {Authorization: 'Bearer ' + TOKEN, 'Content-Type': 'text/html'}, data: html});
  assert.ok([200, 201].includes(res.status()), await res.text());
  const {id} = await res.json();
  await page.goto(BASE + '/#/doc/' + encodeURIComponent(id));
  await page.waitForSelector('#doc-text');
  const text = await page.textContent('#doc-text');
  assert.ok(text.includes('<script>'), 'the markup should be visible as text');
  assert.ok(text.includes('onerror='));
  assert.equal(await page.locator('#view script, #view img').count(), 0);
  // Search results show it as text as well.
  await page.goto(BASE + '/#/search?q=onerror');
  await page.waitForSelector('#search-results .hit');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  await shot('09-hostile');
});

test('an editor signs in and merges two entities from the entity page', async () => {
  assert.ok(TOKEN, 'KETNOI_TOKEN is not set');
  // Two organizations named in one document.
  const docs = await apiJson('/api/documents?limit=1000');
  let pair = null;
  for (const d of docs.documents) {
    const doc = await apiJson('/api/documents/' + encodeURIComponent(d.id));
    const orgs = [...new Set(doc.mentions.filter((m) => m.kind === 'organization')
                                         .map((m) => m.entity_id))];
    if (orgs.length >= 2) {
      pair = {doc: d.id, from: orgs[0], into: orgs[1]};
      break;
    }
  }
  assert.ok(pair, 'no document with two organizations in examples/');
  await page.goto(BASE + '/#/entity/' + encodeURIComponent(pair.from));
  await page.waitForSelector('#entity-name');
  assert.equal(await page.locator('#merge-form').count(), 0, 'no edit controls before sign-in');
  await page.click('#editor-bar summary');
  await page.fill('#editor-name', 'Playwright');
  await page.fill('#editor-token', TOKEN);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#merge-form');
  await page.fill('#merge-form-input', pair.into);
  await page.click('#merge-form button[type=submit]');
  await page.waitForFunction(
      (id) => document.querySelector('section[data-entity-id]')?.dataset.entityId === id,
      pair.into);
  assert.match(await page.textContent('#curation-status'),
               new RegExp('merged .* into .* \\(\\d+ mentions\\)'));
  const doc = await apiJson('/api/documents/' + encodeURIComponent(pair.doc));
  assert.ok(doc.mentions.some((m) => m.entity_id === pair.into));
  assert.ok(doc.mentions.every((m) => m.entity_id !== pair.from));
  await shot('10-curation-merge');
  await page.click('#sign-out');
  await page.waitForSelector('#editor-bar summary');
});

test('no script errors on any page', () => {
  assert.deepEqual(pageErrors, []);
});
