#!/usr/bin/env node
// Mozilla Readability on a list of pages, timed per page (median of --reps runs of
// JSDOM parse + Readability.parse, the same work ketnoi's clean stage does from bytes).
// .txt pages are wrapped as HTML, one <p> per line, since Readability needs a DOM.
// usage: node run.js --reps N FILE... > out.json   ({path: {body, title, ms}})
'use strict';
const fs = require('fs');
const { JSDOM } = require('jsdom');
const { Readability } = require('@mozilla/readability');

function esc(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function asHtml(path, bytes) {
  if (/\.html?$/i.test(path)) return bytes;
  const lines = bytes.split('\n').filter((l) => l.trim() !== '');
  return '<html><body>' + lines.map((l) => '<p>' + esc(l) + '</p>').join('\n') + '</body></html>';
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const args = process.argv.slice(2);
let reps = 5;
const files = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--reps') reps = parseInt(args[++i], 10);
  else files.push(args[i]);
}
const out = {};
for (const path of files) {
  const html = asHtml(path, fs.readFileSync(path, 'utf8'));
  const times = [];
  let article = null;
  for (let r = 0; r < reps; ++r) {
    const t0 = process.hrtime.bigint();
    const dom = new JSDOM(html);
    article = new Readability(dom.window.document).parse();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    dom.window.close();
  }
  out[path] = {
    body: article ? article.textContent : '',
    title: article ? article.title : '',
    ms: median(times),
  };
}
process.stdout.write(JSON.stringify(out));
