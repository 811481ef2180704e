// The app shell: sign-in state, the menu of the caller's screens, the language switch and a hash router
// (#/<screen>?<params>). A screen renders into <main>; ctx gives it the caller (me), the URL parameters and
// navigation. Everything is served by the application itself (no CDN, no external request).
import { h, fill, status } from './lib/dom.js';
import { t, lang, setLang, LANGUAGES } from './lib/i18n.js';
import { gql, GraphQlError } from './lib/api.js';
import { session } from './lib/session.js';
import { SCREENS } from './screens/index.js';
import * as oidc from './lib/oidc.js';

const main = document.getElementById('screen');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const message = document.getElementById('app-status');
const state = { screen: null, rendering: null };
window.atlasApp = state;

/** The hash route: { id, params } from '#/peta?region=33.75'. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [id, query] = hash.split('?');
  return { id: id || '', params: new URLSearchParams(query || '') };
}

/** Navigates to a screen with parameters (a new history entry). */
function navigate(id, params) {
  const query = params ? new URLSearchParams(params).toString() : '';
  location.hash = '#/' + id + (query ? '?' + query : '');
}

/** Rewrites the current URL's parameters without re-rendering (bookmarkable state). */
function setParams(params) {
  const { id } = route();
  const query = new URLSearchParams(params).toString();
  history.replaceState(null, '', '#/' + id + (query ? '?' + query : ''));
}

/** The screen each role opens on after signing in: its own task first (then the menu in order). */
const HOME = { DINKES_ADMIN: 'peta', PLANNER: 'peta', CAMAT: 'pilih', LURAH: 'pilih', PUSKESMAS_STAFF: 'pusling', KADER: 'jadwal' };

function allowed(screen) {
  return screen.id === 'masuk' || (session.me && screen.roles.includes(session.me.role));
}

function renderChrome() {
  document.title = t('app.title');
  document.getElementById('skip').textContent = t('app.skip');
  document.getElementById('brand-tagline').textContent = t('app.tagline');
  const current = route().id;
  fill(nav, SCREENS.filter((s) => s.id !== 'masuk' && allowed(s)).map((s) => h('a', {
    href: '#/' + s.id, 'aria-current': s.id === current ? 'page' : false, dataset: { screen: s.id },
  }, t('nav.' + s.id))));
  nav.hidden = !session.me;
  const langSelect = h('select', { id: 'lang', 'aria-label': t('app.language'), onchange: (e) => { setLang(e.target.value); render(); } },
    LANGUAGES.map((l) => h('option', { value: l.value, selected: l.value === lang() }, l.label)));
  fill(who,
    session.me ? h('span', { class: 'who-name' }, session.me.user || t('role.ANONYMOUS'), ' · ', t('role.' + session.me.role)) : null,
    langSelect,
    session.me && session.token ? h('button', { type: 'button', class: 'link', id: 'logout', onclick: signOut }, t('app.logout')) : null);
}

/**
 * Keluar: the token is forgotten here first (even when the issuer cannot be reached), then a tab that signed in
 * through the OpenID issuer leaves through its end_session_endpoint, which sends the browser back to /app/.
 */
async function signOut() {
  const endSession = session.config.oidc && oidc.signedInWithIssuer() ? await oidc.endSessionUrl(session.config.oidc) : null;
  session.signOut();
  if (endSession) location.assign(endSession);
}

/** Back to Masuk ("your session ended") when the token's exp passes, before a request fails with 401. */
let expiryTimer = null;
/** The longest delay setTimeout keeps (2^31 − 1 ms, about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2147483647;
function watchExpiry() {
  clearTimeout(expiryTimer);
  const seconds = session.secondsLeft();
  if (seconds === null) return;
  if (seconds * 1000 > MAX_TIMER_MS) expiryTimer = setTimeout(watchExpiry, MAX_TIMER_MS);
  else expiryTimer = setTimeout(() => session.expired(), Math.max(0, seconds * 1000));
}

/** The caller as the server sees it (needs a token; anonymous otherwise). */
async function loadMe() {
  if (session.me || !session.token) return;
  session.me = (await gql('common', 'Me')).me;
}

let renders = 0;

async function render() {
  const generation = ++renders;
  const { id, params } = route();
  status(message, '');
  try {
    await loadMe();
  } catch (e) {
    // 401 (expired, revoked, another issuer): gql already signed out. A token the server reads but refuses (no
    // atlas_role claim, ...) is signed out with the server's reason on Masuk.
    if (e instanceof GraphQlError) sessionStorage.setItem('atlas.notice', t('app.refused', { message: e.message }));
    if (session.token) session.signOut(e instanceof GraphQlError ? 'refused' : 'expired');
  }
  const home = session.me ? SCREENS.find((s) => s.id === HOME[session.me.role] && allowed(s))
    || SCREENS.find((s) => s.id !== 'masuk' && allowed(s)) : null;
  let screen = SCREENS.find((s) => s.id === id);
  if (!screen || (!session.me && screen.id !== 'masuk')) screen = SCREENS[0];
  // An issuer's answer arriving while signed in (the back button to an old redirect) is dropped, not replayed.
  if (session.me && oidc.isCallback()) oidc.clearCallback();
  if (screen.id === 'masuk' && session.me && home) screen = home;
  if (screen.id !== id) {
    history.replaceState(null, '', '#/' + screen.id + (params.toString() && screen.id === id ? '?' + params : ''));
  }
  state.hash = location.hash;
  renderChrome();
  if (!allowed(screen)) {
    fill(main, h('p', { class: 'status error', role: 'alert' }, t('app.forbidden')));
    return;
  }
  state.screen = screen.id;
  document.body.dataset.screen = screen.id;
  const root = h('div', { class: 'screen screen-' + screen.id });
  fill(main, root);
  const ctx = { me: session.me, params: route().params, navigate, setParams, config: session.config, rerender: render };
  state.rendering = (async () => {
    try {
      await screen.render(root, ctx);
    } catch (e) {
      console.warn(e);
      status(message, t('app.error', { message: e.message }), 'error');
    }
  })();
  await state.rendering;
  // A render overtaken by a newer one (e.g. Masuk still loading when the user signs in) must not claim to be current.
  if (generation === renders) state.rendered = screen.id;
}

session.onChange((why) => {
  watchExpiry();
  if (why === 'expired') sessionStorage.setItem('atlas.notice', t('app.session-expired'));
  if (why === 'signin' || route().id === 'masuk') render();
  else navigate('masuk');
});
// A hash this render already shows is not rendered twice (signing out on a 401 both navigates to Masuk and
// renders it: the second render would drop the "session ended" notice the first one showed).
window.addEventListener('hashchange', () => { if (location.hash !== state.hash) render(); });

setLang(lang());
session.config = await fetch('/app/config.json').then((r) => r.json());
watchExpiry();
render();
