// The app's only way to the server. GraphQL documents live in /app/graphql/<screen>.graphql, one file per screen,
// so a frontend team finds every operation of a screen in one place; gql(screen, operationName, variables) sends
// that one operation (with the fragments it uses) to /graphql with the session's bearer token. authFetch() does the
// same for REST (tiles are fetched by MapLibre through tileRequest, exports and reports through download()).
import { session } from './session.js';

const documents = new Map();

/** The text of /app/graphql/<screen>.graphql (cached). */
async function documentOf(screen) {
  if (!documents.has(screen)) {
    documents.set(screen, fetch('/app/graphql/' + screen + '.graphql').then((r) => {
      if (!r.ok) throw new Error('GraphQL document ' + screen + '.graphql: HTTP ' + r.status);
      return r.text();
    }));
  }
  return documents.get(screen);
}

/** Top-level definitions of a document: [{kind: 'query'|'mutation'|'subscription'|'fragment', name, text}]. */
export function definitions(text) {
  const source = text.replace(/#[^\n]*/g, '');
  const result = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"' && source[i - 1] !== '\\') inString = !inString;
    if (inString) continue;
    if (depth === 0 && start < 0 && /\S/.test(c)) start = i;
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) {
      const body = source.slice(start, i + 1).trim();
      const m = body.match(/^(query|mutation|subscription|fragment)\s+(\w+)/);
      if (m) result.push({ kind: m[1], name: m[2], text: body });
      start = -1;
    }
  }
  return result;
}

/** The operation named `name` of the document plus every fragment it uses (transitively). */
export function operationText(text, name) {
  const defs = definitions(text);
  const op = defs.find((d) => d.kind !== 'fragment' && d.name === name);
  if (!op) throw new Error('no operation ' + name + ' in the document');
  const parts = [op.text];
  const used = new Set();
  for (let i = 0; i < parts.length; i++) {
    for (const m of parts[i].matchAll(/\.\.\.\s*(\w+)/g)) {
      const fragment = defs.find((d) => d.kind === 'fragment' && d.name === m[1]);
      if (fragment && !used.has(fragment.name)) { used.add(fragment.name); parts.push(fragment.text); }
    }
  }
  return parts.join('\n\n');
}

/** A GraphQL answer with errors: message joins them; errors keeps them (path, extensions.code). */
export class GraphQlError extends Error {
  constructor(errors, data) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.data = data;
  }

  get code() {
    return this.errors[0] && this.errors[0].extensions && this.errors[0].extensions.code;
  }
}

/** Headers of an authenticated request. */
export function authHeaders(extra) {
  const headers = { ...(extra || {}) };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  return headers;
}

/** Runs the operation `name` of screen's document; returns data, throws GraphQlError (or Error on HTTP trouble). */
export async function gql(screen, name, variables) {
  const query = operationText(await documentOf(screen), name);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: authHeaders({ 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' }),
    body: JSON.stringify({ query, operationName: name, variables: variables || {} }),
  });
  if (response.status === 401) { session.expired(); throw new Error('401'); }
  let body;
  try { body = await response.json(); } catch (e) { throw new Error('HTTP ' + response.status); }
  if (body.errors && body.errors.length) throw new GraphQlError(body.errors, body.data);
  if (!response.ok) throw new Error('HTTP ' + response.status);
  return body.data;
}

/** fetch() with the session's token; throws with the server's message on a non-2xx answer. */
export async function authFetch(url, init) {
  const response = await fetch(url, { ...(init || {}), headers: authHeaders(init && init.headers) });
  if (response.status === 401) session.expired();
  if (!response.ok) {
    let message = 'HTTP ' + response.status;
    try { const body = await response.clone().json(); message = body.error || body.message || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

/** Downloads url (with the token) and saves it under filename. */
export async function download(url, filename) {
  const blob = await (await authFetch(url)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** Opens an HTML report (with the token) in a new tab, from a blob: the report's own print view. */
export async function openReport(url) {
  const blob = await (await authFetch(url)).blob();
  const href = URL.createObjectURL(blob);
  window.open(href, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(href), 60000);
}

/** MapLibre transformRequest: adds the token to the app's own tile requests. */
export function tileRequest(url) {
  if (session.token && url.startsWith(location.origin + '/tiles/')) {
    return { url, headers: { Authorization: 'Bearer ' + session.token } };
  }
  return { url };
}
