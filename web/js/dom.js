// Building DOM safely: every string becomes a text node or an attribute value, never markup.
// There is deliberately no innerHTML anywhere in the UI.

// h('a', {href: '#/x', class: 'c'}, 'text', child, [more, children])
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'href') {
      el.setAttribute('href', safeHref(String(v)));
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// Only in-app links and http(s) are allowed: a stored "javascript:" URL stays inert.
function safeHref(v) {
  return /^(#|\/|https?:\/\/)/i.test(v) ? v : '#';
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function entityHref(id) {
  return '#/entity/' + encodeURIComponent(id);
}

export function docHref(id) {
  return '#/doc/' + encodeURIComponent(id);
}

export function entityLink(e) {
  return h('a', {href: entityHref(e.id), class: 'entity kind-' + e.kind, 'data-entity': e.id},
           e.name);
}
