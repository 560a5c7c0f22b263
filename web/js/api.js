// The JSON API (docs/api.md). Every call returns parsed JSON or throws Error(message).
export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.filter(Boolean).forEach((x) => qs.append(k, x));
    else if (v !== undefined && v !== null && v !== '') qs.append(k, v);
  }
  const url = '/api/' + path + (qs.toString() ? '?' + qs : '');
  return jsonAnswer(await fetch(url, {headers: {Accept: 'application/json'}}));
}

// A response's JSON body, or Error(the server's message, else the HTTP status).
export async function jsonAnswer(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    throw new Error(res.status + ' ' + res.statusText);
  }
  if (!res.ok) throw new Error(body && body.error ? body.error : res.status + '');
  return body;
}
