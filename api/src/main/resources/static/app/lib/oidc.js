// OpenID Connect sign-in for production: authorization code flow with PKCE (RFC 7636, S256), no client secret in the
// browser. The issuer and client id come from /app/config.json (atlas.app.oidc.* on the server). The access token
// (a JWT the API verifies against the same issuer) is kept in sessionStorage like the demo's.
const PENDING_KEY = 'atlas.oidc.pending';

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

/** The issuer's metadata (/.well-known/openid-configuration); its issuer must be the configured one. */
async function discover(issuer) {
  const url = issuer.replace(/\/$/, '') + '/.well-known/openid-configuration';
  const response = await fetch(url);
  if (!response.ok) throw new Error('OpenID configuration of ' + issuer + ': HTTP ' + response.status);
  const metadata = await response.json();
  if (metadata.issuer.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) {
    throw new Error('the issuer answers as ' + metadata.issuer + ', expected ' + issuer);
  }
  return metadata;
}

/** Where the issuer sends the browser back: this page, Masuk screen (registered as the client's redirect URI). */
export function redirectUri() {
  return location.origin + '/app/';
}

/** Starts the sign-in: remembers verifier, state and nonce, then leaves for the issuer's authorization endpoint. */
export async function startLogin(oidc) {
  const metadata = await discover(oidc.issuer);
  const pending = { verifier: randomString(32), state: randomString(16), nonce: randomString(16), issuer: oidc.issuer };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope || 'openid',
    state: pending.state, nonce: pending.nonce, code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  });
  location.assign(metadata.authorization_endpoint + '?' + query);
}

/** True when the page was opened by the issuer's redirect (?code=…&state=… or ?error=…). */
export function isCallback() {
  const q = new URLSearchParams(location.search);
  return (q.has('code') || q.has('error')) && q.has('state');
}

/** Completes the sign-in after the redirect: checks state, exchanges the code with the verifier; returns the token. */
export async function completeLogin(oidc) {
  const q = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', location.pathname + location.hash);
  if (q.has('error')) throw new Error(q.get('error_description') || q.get('error'));
  if (!pending || pending.state !== q.get('state')) throw new Error('the sign-in answer does not match the request (state)');
  const metadata = await discover(pending.issuer);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.clientId, code_verifier: pending.verifier }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) throw new Error(body.error_description || body.error || 'token endpoint: HTTP ' + response.status);
  if (body.id_token) {
    const claims = JSON.parse(atob(body.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (claims.nonce !== pending.nonce) throw new Error('the sign-in answer does not match the request (nonce)');
  }
  return body.access_token;
}

/** Leaves through the issuer's end-session endpoint when it has one. */
export async function endSession(oidc) {
  const metadata = await discover(oidc.issuer).catch(() => null);
  if (metadata && metadata.end_session_endpoint) {
    location.assign(metadata.end_session_endpoint + '?' + new URLSearchParams({ client_id: oidc.clientId, post_logout_redirect_uri: redirectUri() }));
  }
}
