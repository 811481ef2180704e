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
    'masuk.leaving': 'Menuju halaman masuk {issuer}…',
    'masuk.error.unreachable': 'server masuk {issuer} tidak dapat dihubungi ({detail}). Coba lagi sebentar lagi; bila tetap gagal, hubungi admin Dinkes.',
    'masuk.error.issuer': 'server masuk menjawab sebagai penerbit lain ({detail}). Pengaturan server perlu diperiksa admin.',
    'masuk.error.denied': 'server masuk tidak mengizinkan masuk ({detail}).',
    'masuk.error.stale': 'permintaan masuk ini sudah tidak berlaku (halaman dimuat ulang, dibuka di tab lain, atau lebih dari 10 menit). Silakan masuk lagi.',
    'masuk.error.state': 'jawaban server masuk tidak cocok dengan permintaan dari halaman ini (state). Demi keamanan, silakan masuk lagi.',
    'masuk.error.token': 'server masuk menolak kode masuk ({detail}). Silakan masuk lagi.',
    'masuk.error.id-token': 'server masuk tidak mengirim ID token yang sah untuk aplikasi ini ({detail}). Pengaturan klien perlu diperiksa admin.',
    'masuk.error.nonce': 'token dari server masuk bukan untuk permintaan ini (nonce). Demi keamanan, silakan masuk lagi.',
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
    'masuk.leaving': 'Going to the sign-in page of {issuer}…',
    'masuk.error.unreachable': 'the sign-in server {issuer} cannot be reached ({detail}). Try again shortly; if it keeps failing, ask the health office admin.',
    'masuk.error.issuer': 'the sign-in server answers as another issuer ({detail}). An admin must check the server settings.',
    'masuk.error.denied': 'the sign-in server did not allow the sign-in ({detail}).',
    'masuk.error.stale': 'this sign-in request is no longer valid (page reloaded, opened in another tab, or older than 10 minutes). Please sign in again.',
    'masuk.error.state': 'the sign-in server\'s answer does not match the request of this page (state). To be safe, please sign in again.',
    'masuk.error.token': 'the sign-in server refused the sign-in code ({detail}). Please sign in again.',
    'masuk.error.id-token': 'the sign-in server sent no valid ID token for this app ({detail}). An admin must check the client settings.',
    'masuk.error.nonce': 'the token from the sign-in server is not for this request (nonce). To be safe, please sign in again.',
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
      const issuerHost = new URL(config.oidc.issuer).host;
      const failed = (e) => status(message, t('masuk.failed', { message: e instanceof oidc.OidcError
        ? t('masuk.error.' + e.code, { issuer: issuerHost, detail: e.detail }) : e.message }), 'error');
      if (oidc.isCallback()) {
        try {
          status(message, t('masuk.working'));
          session.signIn(await oidc.completeLogin(config.oidc));
          return;
        } catch (e) {
          failed(e);
        }
      }
      const button = h('button', { type: 'button', class: 'primary', id: 'oidc-login', onclick: async () => {
        button.disabled = true;
        status(message, t('masuk.leaving', { issuer: issuerHost }));
        try {
          await oidc.startLogin(config.oidc);
        } catch (e) {
          failed(e);
          button.disabled = false;
        }
      } }, t('masuk.oidc'));
      // Back from the issuer's page (the browser's back/forward cache restores this page as it was left): usable again.
      window.addEventListener('pageshow', (e) => {
        if (e.persisted && button.disabled) { button.disabled = false; status(message, ''); }
      });
      root.append(h('div', { class: 'card' }, button, h('small', { class: 'hint' }, t('masuk.oidc-hint', { issuer: issuerHost }))));
    }

    if (config.demo) {
      const users = await (await fetch('/demo/users')).json();
      const list = h('div', { class: 'login-users' }, users.map((u) => h('button', {
        type: 'button', dataset: { user: u.user },
        onclick: () => demoSignIn(u.user, message).catch((e) => status(message, t('masuk.failed', { message: e.message }), 'error')),
      }, h('strong', {}, u.user), h('small', {}, t('role.' + u.role) + ' · ' + (u.area || (u.regions.length ? u.regions.join(', ') : u.facility))))));
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
