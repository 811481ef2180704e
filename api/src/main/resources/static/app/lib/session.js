// Who is signed in. The bearer token lives in sessionStorage (closed with the tab); `me` (GraphQL) says the role,
// scope and facility the server sees. Demo: a demo user is chosen and the app's demo signer issues the token
// (/demo/token/<user>, only when the server runs the demo). Production: OpenID Connect with PKCE (oidc.js).
const TOKEN_KEY = 'atlas.token';
const listeners = new Set();

export const session = {
  token: sessionStorage.getItem(TOKEN_KEY) || null,
  /** The server's view of the caller: { user, role, scope, facilityId, caseAccess, canEditRegistry }. */
  me: null,
  /** The app's configuration from /app/config.json: { demo, oidc: { issuer, clientId, scope } | null }. */
  config: null,

  signIn(token) {
    this.token = token;
    this.me = null;
    sessionStorage.setItem(TOKEN_KEY, token);
    listeners.forEach((l) => l('signin'));
  },

  signOut(reason) {
    this.token = null;
    this.me = null;
    sessionStorage.removeItem(TOKEN_KEY);
    listeners.forEach((l) => l(reason || 'signout'));
  },

  /** The server refused the token (401): back to Masuk with a message. */
  expired() {
    if (this.token) this.signOut('expired');
  },

  /** Seconds until the token expires (from its exp claim), null without a token. */
  secondsLeft() {
    if (!this.token) return null;
    try {
      const payload = JSON.parse(atob(this.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return payload.exp ? payload.exp - Date.now() / 1000 : null;
    } catch (e) {
      return null;
    }
  },

  onChange(listener) {
    listeners.add(listener);
  },
};
