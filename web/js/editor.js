// Curation for signed-in editors (docs/api.md, POST /api/curation/ACTION). Signing in keeps
// the editor's name and the server's write token in this tab only (sessionStorage); every
// edit sends both, and the server records the name with the time.
import {jsonAnswer} from './api.js';
import {h} from './dom.js';
import {t} from './i18n.js';

const KEY = 'ketnoi.editor';

export function editorSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return s && s.name && s.token ? s : null;
  } catch {
    return null;
  }
}

function signIn(name, token) {
  sessionStorage.setItem(KEY, JSON.stringify({name, token}));
}

function signOut() {
  sessionStorage.removeItem(KEY);
}

// POSTs one edit; resolves to the server's JSON answer or throws Error(its message).
export async function curate(action, fields) {
  const s = editorSession();
  if (!s) throw new Error(t('notSignedIn'));
  return jsonAnswer(await fetch('/api/curation/' + action, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json',
              Authorization: 'Bearer ' + s.token},
    body: JSON.stringify({editor: s.name, ...fields}),
  }));
}

// A one-field form: label, input, button; `run(value)` does the edit. The outcome (the
// server's message or error) goes to `status`, as text.
export function editForm(id, label, button, run, status) {
  const input = h('input', {id: id + '-input', type: 'text', required: true, 'aria-label': label});
  return h('form', {id, class: 'edit-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    await runEdit(() => run(value), status);
  }}, h('label', {}, label, ' ', input), ' ', h('button', {type: 'submit'}, button));
}

// Runs an edit, writing its outcome into `status` (role=status, text only).
export async function runEdit(edit, status) {
  status.textContent = t('saving');
  status.className = 'muted';
  try {
    const done = await edit();
    status.textContent = t('done') + ': ' + done.message;
    status.className = 'ok';
    return done;
  } catch (err) {
    status.textContent = t('error') + ': ' + err.message;
    status.className = 'error';
    return null;
  }
}

// The sign-in box, or "signed in as NAME" with a sign-out button; `rerender` repaints the view.
export function editorBar(rerender) {
  const s = editorSession();
  if (s) {
    return h('p', {id: 'editor-bar', class: 'muted'}, t('signedInAs') + ' ', h('strong', {}, s.name),
      ' ', h('button', {type: 'button', id: 'sign-out', onclick: () => { signOut(); rerender(); }},
             t('signOut')));
  }
  const name = h('input', {id: 'editor-name', type: 'text', required: true, maxlength: 100});
  const token = h('input', {id: 'editor-token', type: 'password', required: true,
                            autocomplete: 'off'});
  return h('details', {id: 'editor-bar'}, h('summary', {}, t('editorSignIn')),
    h('form', {id: 'sign-in', class: 'edit-form', onsubmit: (ev) => {
      ev.preventDefault();
      if (!name.value.trim() || !token.value) return;
      signIn(name.value.trim(), token.value);
      rerender();
    }}, h('label', {}, t('editorName'), ' ', name), ' ',
      h('label', {}, t('token'), ' ', token), ' ', h('button', {type: 'submit'}, t('signIn'))));
}

// The last edit's outcome survives the repaint that shows its effect.
let lastOutcome = null;

export function rememberOutcome(status) {
  lastOutcome = {text: status.textContent, className: status.className};
}

export function statusLine() {
  const status = h('p', {id: 'curation-status', role: 'status'});
  if (lastOutcome) {
    status.textContent = lastOutcome.text;
    status.className = lastOutcome.className;
    lastOutcome = null;
  }
  return status;
}

export function repaint() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

// Runs an edit and then shows its effect: `next` is the hash to open (or null: this view).
export async function editThenShow(edit, status, next) {
  const done = await runEdit(edit, status);
  if (!done) return;
  rememberOutcome(status);
  const target = next ? next(done) : null;
  if (target && location.hash !== target) location.hash = target;
  else repaint();
}
