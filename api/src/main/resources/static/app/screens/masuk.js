// Masuk (sign-in). Production: OpenID Connect with PKCE against the configured issuer (lib/oidc.js). Demo: pick one
// of the demo users (a kader picks her posyandu); the server's demo signer issues the token. No token pasting.
import { h, fill, field, status } from '../lib/dom.js';
import { t, addMessages } from '../lib/i18n.js';
import { gql } from '../lib/api.js';
import { session } from '../lib/session.js';
import * as oidc from '../lib/oidc.js';

addMessages({
  id: {
    'masuk.title': 'Masuk ke ILP Atlas',
    'masuk.intro': 'Peta kasus stunting, TB dan kemiskinan ekstrem per RW, pilihan RW sasaran, dan jadwal Pusling.',
    'masuk.oidc': 'Masuk dengan akun Dinkes',
    'masuk.oidc-hint': 'Anda akan diarahkan ke halaman masuk {issuer} lalu kembali ke sini.',
    'masuk.demo': 'Mode demo: pilih pengguna contoh',
    'masuk.demo-hint': 'Server ini berjalan dengan data contoh. Setiap pengguna punya peran dan wilayah sendiri.',
    'masuk.kader': 'Kader posyandu',
    'masuk.kader-posyandu': 'Posyandu',
    'masuk.kader-go': 'Masuk sebagai kader',
    'masuk.none': 'Server ini belum diatur untuk masuk (atlas.app.oidc.client-id dan atlas.security.issuer-uri).',
    'masuk.failed': 'Gagal masuk: {message}',
    'masuk.working': 'Sedang masuk…',
  },
  en: {
    'masuk.title': 'Sign in to ILP Atlas',
    'masuk.intro': 'Maps of stunting, TB and extreme poverty per RW, target RW selection and Pusling schedules.',
    'masuk.oidc': 'Sign in with your health office account',
    'masuk.oidc-hint': 'You will go to the sign-in page of {issuer} and come back here.',
    'masuk.demo': 'Demo mode: choose a demo user',
    'masuk.demo-hint': 'This server runs with demo data. Each user has a role and an area of their own.',
    'masuk.kader': 'Posyandu kader',
    'masuk.kader-posyandu': 'Posyandu',
    'masuk.kader-go': 'Sign in as kader',
    'masuk.none': 'This server has no sign-in configured (atlas.app.oidc.client-id and atlas.security.issuer-uri).',
    'masuk.failed': 'Sign-in failed: {message}',
    'masuk.working': 'Signing in…',
  },
});

async function demoSignIn(user, message) {
  status(message, t('masuk.working'));
  const response = await fetch('/demo/token/' + encodeURIComponent(user));
  if (!response.ok) throw new Error((await response.text()).trim());
  session.signIn((await response.text()).trim());
}

async function posyanduOptions() {
  const options = [];
  let after = null;
  for (;;) {
    const data = await gql('masuk', 'MasukPosyandu', { after });
    data.facilities.edges.forEach(({ node }) => options.push({ value: node.id, label: node.name + ' · ' + node.kelurahan.name }));
    if (!data.facilities.pageInfo.hasNextPage) return options;
    after = data.facilities.pageInfo.endCursor;
  }
}

export default {
  id: 'masuk',
  roles: [],
  async render(root) {
    const config = session.config || {};
    const message = h('p', { class: 'status', hidden: true });
    const notice = sessionStorage.getItem('atlas.notice');
    sessionStorage.removeItem('atlas.notice');
    fill(root, h('h1', {}, t('masuk.title')), h('p', { class: 'muted' }, t('masuk.intro')), message);
    if (notice) status(message, notice, 'error');

    if (config.oidc) {
      if (oidc.isCallback()) {
        try {
          status(message, t('masuk.working'));
          session.signIn(await oidc.completeLogin(config.oidc));
          return;
        } catch (e) {
          status(message, t('masuk.failed', { message: e.message }), 'error');
        }
      }
      root.append(h('div', { class: 'card' },
        h('button', { type: 'button', class: 'primary', id: 'oidc-login', onclick: async () => {
          try { await oidc.startLogin(config.oidc); } catch (e) { status(message, t('masuk.failed', { message: e.message }), 'error'); }
        } }, t('masuk.oidc')),
        h('small', { class: 'hint' }, t('masuk.oidc-hint', { issuer: new URL(config.oidc.issuer).host }))));
    }

    if (config.demo) {
      const users = await (await fetch('/demo/users')).json();
      const list = h('div', { class: 'login-users' }, users.map((u) => h('button', {
        type: 'button', dataset: { user: u.user },
        onclick: () => demoSignIn(u.user, message).catch((e) => status(message, t('masuk.failed', { message: e.message }), 'error')),
      }, h('strong', {}, u.user), h('small', {}, t('role.' + u.role) + ' · ' + (u.regions.length ? u.regions.join(', ') : u.facility)))));
      const posyandu = h('select', { id: 'kader-posyandu' });
      const kader = h('fieldset', {}, h('legend', {}, t('masuk.kader')),
        field(t('masuk.kader-posyandu'), posyandu),
        h('button', { type: 'button', id: 'kader-login', onclick: () => demoSignIn('kader-' + posyandu.value, message)
          .catch((e) => status(message, t('masuk.failed', { message: e.message }), 'error')) }, t('masuk.kader-go')));
      root.append(h('section', { class: 'card', 'aria-labelledby': 'demo-title' },
        h('h2', { id: 'demo-title' }, t('masuk.demo')), h('p', { class: 'hint' }, t('masuk.demo-hint')), list, kader));
      (await posyanduOptions()).forEach((o) => posyandu.append(h('option', { value: o.value }, o.label)));
    }
    if (!config.oidc && !config.demo) status(message, t('masuk.none'), 'error');
  },
};
