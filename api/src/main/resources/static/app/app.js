// The app shell: sign-in state, the menu of the caller's screens, the language switch and a hash router
// (#/<screen>?<params>). A screen renders into <main>; ctx gives it the caller (me), the URL parameters and
// navigation. Everything is served by the application itself (no CDN, no external request).
import { h, fill, status } from './lib/dom.js';
import { t, lang, setLang, LANGUAGES } from './lib/i18n.js';
import { gql } from './lib/api.js';
import { session } from './lib/session.js';
import { SCREENS } from './screens/index.js';

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
    session.me && session.token ? h('button', { type: 'button', class: 'link', id: 'logout', onclick: () => session.signOut() }, t('app.logout')) : null);
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
    session.signOut('expired');
  }
  const home = session.me ? SCREENS.find((s) => s.id !== 'masuk' && allowed(s)) : null;
  let screen = SCREENS.find((s) => s.id === id);
  if (!screen || (!session.me && screen.id !== 'masuk')) screen = SCREENS[0];
  if (screen.id === 'masuk' && session.me && home && !params.has('code')) screen = home;
  if (screen.id !== id) {
    history.replaceState(null, '', '#/' + screen.id + (params.toString() && screen.id === id ? '?' + params : ''));
  }
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
  if (why === 'expired') sessionStorage.setItem('atlas.notice', t('app.session-expired'));
  if (why === 'signin' || route().id === 'masuk') render();
  else navigate('masuk');
});
window.addEventListener('hashchange', render);

setLang(lang());
session.config = await fetch('/app/config.json').then((r) => r.json());
render();
