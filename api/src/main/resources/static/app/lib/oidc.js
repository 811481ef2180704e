// OpenID Connect sign-in for production: authorization code flow with PKCE (RFC 7636, S256), no client secret in the
// browser. The issuer and client id come from /app/config.json (atlas.app.oidc.* on the server). The access token
// (a JWT the API verifies against the same issuer) is kept in sessionStorage like the demo's; the ID token too, as
// the hint of the sign-out at the issuer (end_session_endpoint). The issuer must allow this origin (CORS) on its
// discovery document and token endpoint, and have <server>/app/ registered as redirect and post-logout URI.
const PENDING_KEY = 'atlas.oidc.pending';
const ID_TOKEN_KEY = 'atlas.oidc.idToken';
/** A sign-in started longer ago than this is not completed (the code would have expired at the issuer anyway). */
const PENDING_MAX_AGE_MS = 10 * 60 * 1000;
/** Clock difference tolerated between the issuer and this browser when checking the ID token's exp. */
const CLOCK_SKEW_SECONDS = 120;

/**
 * A failed sign-in. code names the step (masuk.js shows the Indonesian message masuk.error.<code>): unreachable,
 * issuer, denied, stale, state, token, id-token, nonce; detail is the issuer's own word (error: description).
 */
export class OidcError extends Error {
  constructor(code, detail) {
    super(code + (detail ? ': ' + detail : ''));
    this.code = code;
    this.detail = detail || '';
  }
}

function base64url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function challengeOf(verifier) {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** The claims of a JWT (payload decoded as UTF-8 JSON; the signature is not checked here). */
export function claimsOf(jwt) {
  const part = String(jwt).split('.')[1] || '';
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

const sameIssuer = (a, b) => String(a).replace(/\/$/, '') === String(b).replace(/\/$/, '');

/** The issuer's metadata (/.well-known/openid-configuration); its issuer must be the configured one. */
async function discover(issuer) {
  const url = issuer.replace(/\/$/, '') + '/.well-known/openid-configuration';
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new OidcError('unreachable', e.message);
  }
  if (!response.ok) throw new OidcError('unreachable', 'HTTP ' + response.status);
  const metadata = await response.json().catch(() => ({}));
  if (!sameIssuer(metadata.issuer, issuer)) throw new OidcError('issuer', String(metadata.issuer));
  return metadata;
}

/**
 * Where the issuer sends the browser back: the app's page (registered as the client's redirect URI and post-logout
 * redirect URI). Always <origin>/app/ whichever of /app or /app/ was opened, so that it matches the registration.
 */
export function redirectUri() {
  return location.origin + '/app/';
}

/** Starts the sign-in: remembers verifier, state and nonce, then leaves for the issuer's authorization endpoint. */
export async function startLogin(oidc) {
  const metadata = await discover(oidc.issuer);
  const pending = {
    verifier: randomString(32), state: randomString(16), nonce: randomString(16), issuer: oidc.issuer,
    tokenEndpoint: metadata.token_endpoint, created: Date.now(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope || 'openid',
    state: pending.state, nonce: pending.nonce, code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  });
  const endpoint = new URL(metadata.authorization_endpoint);
  query.forEach((value, key) => endpoint.searchParams.set(key, value));
  location.assign(endpoint.href);
}

/** True when the page was opened by the issuer's redirect (?code=…&state=… or ?error=…). */
export function isCallback() {
  const q = new URLSearchParams(location.search);
  return q.has('code') || q.has('error');
}

/** Removes the issuer's answer from the address bar (a reload must not send the used code again). */
export function clearCallback() {
  history.replaceState(null, '', location.pathname + location.hash);
}

/**
 * Completes the sign-in after the redirect: checks state, exchanges the code with the verifier, checks the ID
 * token (issuer, audience, nonce, expiry; it came straight from the token endpoint over TLS, so its signature is
 * not checked here, OpenID Connect Core 3.1.3.7); returns the access token. Throws OidcError.
 */
export async function completeLogin(oidc) {
  const q = new URLSearchParams(location.search);
  let pending = null;
  try { pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null'); } catch (e) { /* unreadable: stale */ }
  sessionStorage.removeItem(PENDING_KEY);
  clearCallback();
  if (q.has('error')) throw new OidcError('denied', q.get('error') + (q.get('error_description') ? ': ' + q.get('error_description') : ''));
  if (!pending || Date.now() - pending.created > PENDING_MAX_AGE_MS || !sameIssuer(pending.issuer, oidc.issuer)) {
    throw new OidcError('stale');
  }
  if (pending.state !== q.get('state')) throw new OidcError('state');
  let response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code') || '', redirect_uri: redirectUri(),
        client_id: oidc.clientId, code_verifier: pending.verifier }),
    });
  } catch (e) {
    throw new OidcError('unreachable', e.message);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new OidcError('token', body.error ? body.error + (body.error_description ? ': ' + body.error_description : '') : 'HTTP ' + response.status);
  }
  if (!body.id_token) throw new OidcError('id-token', 'no id_token (scope openid?)');
  let claims;
  try { claims = claimsOf(body.id_token); } catch (e) { throw new OidcError('id-token', e.message); }
  const audience = [].concat(claims.aud || []);
  if (!sameIssuer(claims.iss, oidc.issuer) || !audience.includes(oidc.clientId)) {
    throw new OidcError('id-token', 'iss ' + claims.iss + ', aud ' + audience.join(' '));
  }
  if (!claims.exp || claims.exp < Date.now() / 1000 - CLOCK_SKEW_SECONDS) throw new OidcError('id-token', 'exp');
  if (claims.nonce !== pending.nonce) throw new OidcError('nonce');
  sessionStorage.setItem(ID_TOKEN_KEY, body.id_token);
  return body.access_token;
}

/** True when this tab signed in through the issuer (so signing out goes through the issuer too). */
export function signedInWithIssuer() {
  return !!sessionStorage.getItem(ID_TOKEN_KEY);
}

/**
 * The issuer's end-session URL for this tab's sign-in (RP-initiated logout: id_token_hint, client_id,
 * post_logout_redirect_uri = the app), or null when the issuer has none or cannot be reached. Forgets the ID token.
 */
export async function endSessionUrl(oidc) {
  const idToken = sessionStorage.getItem(ID_TOKEN_KEY);
  sessionStorage.removeItem(ID_TOKEN_KEY);
  const metadata = await discover(oidc.issuer).catch(() => null);
  if (!metadata || !metadata.end_session_endpoint) return null;
  const url = new URL(metadata.end_session_endpoint);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  return url.href;
}
