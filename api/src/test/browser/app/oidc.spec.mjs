// Production sign-in of the web app, end to end: node oidc.spec.mjs <baseUrl> <issuerUrl> <user> <roleLabel>.
// Run by AppOidcBrowserTest (JUnit) against an app without demo users whose issuer is OidcTestIssuer (an OpenID
// provider inside the test). At 390×844 and 1366×768 (harness.mjs: no JS error, no CSP violation, no request
// leaving the app except to the issuer's origin): Masuk offers only "Masuk dengan akun Dinkes"; back from the issuer's
// page with the back button; a tampered state and a wrong PKCE code_verifier each end on Masuk with an Indonesian
// error; then a real sign-in at the issuer's page, back on the role's first screen with the role in the header, a
// GraphQL query with the issued token, a report opened as a blob: page styled under the CSP, a reload that keeps the
// session, a refused token that leads back to Masuk ("Sesi Anda berakhir"), the sign-out through the issuer's
// end_session_endpoint, and last a token whose exp passes (the browser's clock moved) back to Masuk.
import { runPersona, log, check } from './harness.mjs';

const baseUrl = (process.argv[2] || '').replace(/\/$/, '');
const issuer = (process.argv[3] || '').replace(/\/$/, '');
const user = process.argv[4];
const roleLabel = process.argv[5];
if (!baseUrl || !issuer || !user || !roleLabel) {
  console.error('usage: node oidc.spec.mjs <baseUrl> <issuerUrl> <user> <roleLabel>');
  process.exit(2);
}

async function masukError(page) {
  await page.waitForFunction(() => window.atlasApp && window.atlasApp.rendered === 'masuk' && !location.search);
  const text = await page.textContent('#screen .status.error[role=alert]');
  return text.trim();
}

/** On Masuk: the OIDC button, to the issuer's page, optionally tamper with its form, sign in as user. */
async function throughIssuer(page, ctx, tamper) {
  await page.click('#oidc-login');
  await page.waitForURL((url) => url.href.startsWith(issuer + '/authorize?'));
  const request = new URL(page.url()).searchParams;
  check(request.get('code_challenge_method') === 'S256' && /^[\w-]{43}$/.test(request.get('code_challenge'))
    && request.get('state') && request.get('nonce') && request.get('redirect_uri') === baseUrl + '/app/'
    && request.get('client_id') === 'atlas-app' && request.get('response_type') === 'code',
  'authorization request: code, S256 challenge, state, nonce, client atlas-app, redirect ' + request.get('redirect_uri'));
  if (tamper) await tamper();
  await page.click(`button[data-user="${user}"]`);
  await page.waitForURL((url) => url.href.startsWith(baseUrl + '/app/'));
}

async function walk(page, ctx) {
  await page.goto(baseUrl + '/app/', { waitUntil: 'load' });
  await ctx.rendered('masuk');
  check(await page.locator('#oidc-login').isVisible(), 'Masuk offers "Masuk dengan akun Dinkes": '
    + (await page.textContent('#oidc-login')).trim());
  check(await page.locator('.login-users, [data-user], #kader-login, #demo-title').count() === 0, 'no demo users on Masuk');
  check((await page.textContent('#screen .hint')).includes(new URL(issuer).host), 'Masuk names the issuer\'s host');
  await ctx.axe('Masuk (OpenID Connect)');
  await ctx.shot('masuk-oidc');

  // To the issuer's page and back with the browser's back button: Masuk is usable again.
  await page.click('#oidc-login');
  await page.waitForURL((url) => url.href.startsWith(issuer + '/authorize?'));
  await page.goBack();
  await ctx.rendered('masuk');
  await page.waitForFunction(() => { const b = document.getElementById('oidc-login'); return b && !b.disabled; });
  check(await page.locator('#oidc-login').isEnabled(), 'back from the issuer\'s page: "Masuk dengan akun Dinkes" usable again');

  // A tampered state: the answer is refused before any code is exchanged.
  await throughIssuer(page, ctx, () => page.evaluate(() => document.querySelectorAll('input[name=state]')
    .forEach((i) => { i.value = 'dirusak-' + i.value; })));
  let error = await masukError(page);
  check(/^Gagal masuk: jawaban server masuk tidak cocok .*\(state\)/.test(error), 'tampered state refused in Indonesian: ' + error);
  check(await page.evaluate(() => !sessionStorage.getItem('atlas.token')), 'no token after the tampered state');
  await ctx.axe('Masuk with the state error');
  await ctx.shot('state-refused');

  // A wrong code_verifier: the issuer's PKCE check refuses the code, the app says so in Indonesian.
  await page.route(issuer + '/token', (route) => {
    const form = new URLSearchParams(route.request().postData());
    form.set('code_verifier', 'A'.repeat(43));
    return route.continue({ postData: form.toString() });
  });
  await throughIssuer(page, ctx);
  error = await masukError(page);
  await page.unroute(issuer + '/token');
  check(/^Gagal masuk: server masuk menolak kode masuk \(invalid_grant: PKCE/.test(error), 'wrong code_verifier refused: ' + error);
  check(await page.evaluate(() => !sessionStorage.getItem('atlas.token')), 'no token after the wrong verifier');

  // The real sign-in: to the issuer's page and back, the role's first screen, the role in the header.
  await page.click('#oidc-login');
  await page.waitForURL((url) => url.href.startsWith(issuer + '/authorize?'));
  await ctx.shot('issuer-page');
  await page.click(`button[data-user="${user}"]`);
  await page.waitForFunction(() => window.atlasApp && window.atlasApp.rendered && window.atlasApp.rendered !== 'masuk');
  const home = await page.evaluate(() => window.atlasApp.rendered);
  check(!page.url().includes('code=') && !page.url().includes('state='), 'the code is gone from the address bar: ' + page.url());
  const who = (await page.textContent('#who .who-name')).trim();
  check(who.includes(user) && who.includes(roleLabel), `header names the user and the role: "${who}" (screen ${home})`);
  await ctx.axe('first screen after the OpenID sign-in');
  await ctx.shot('signed-in');

  // The token the issuer gave works on the API.
  const answer = await page.evaluate(async () => {
    const response = await fetch('/graphql', { method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('atlas.token') },
      body: JSON.stringify({ query: '{ me { user role scope } }' }) });
    return { status: response.status, body: await response.json() };
  });
  check(answer.status === 200 && !answer.body.errors && answer.body.data.me.user === user,
    'GraphQL me with the issued token: ' + JSON.stringify(answer.body));

  // A printable report opened as a blob: page (lib/api.js openReport) inherits the app's CSP: its <style> is allowed
  // by hash (ReportStyles), so it prints styled and the walk sees no CSP violation.
  const [report] = await Promise.all([page.context().waitForEvent('page'), page.evaluate(async () =>
    (await import('/app/lib/api.js')).openReport('/reports/kia-gizi/33.75.01/2026-05.html'))]);
  await report.waitForLoadState('load');
  const margin = await report.evaluate(() => getComputedStyle(document.body).marginTop);
  check(report.url().startsWith('blob:') && margin !== '8px', `KIA-gizi report styled under the CSP (body margin ${margin})`);
  await report.close();

  // A reload keeps the session (sessionStorage), without a second trip to the issuer.
  await page.reload({ waitUntil: 'load' });
  await ctx.rendered(home);
  check((await page.textContent('#who .who-name')).includes(roleLabel), 'still signed in after a reload');

  // A token the server refuses (signature broken): back to Masuk, told why, no token kept.
  await page.evaluate(() => {
    const [head, body, signature] = sessionStorage.getItem('atlas.token').split('.');
    sessionStorage.setItem('atlas.token', [head, body, signature.slice(0, -6) + 'AAAAAA'].join('.'));
  });
  await page.reload({ waitUntil: 'load' });
  await ctx.rendered('masuk');
  error = (await page.textContent('#screen .status.error')).trim();
  check(error === 'Sesi Anda berakhir. Silakan masuk lagi.', 'refused token: back to Masuk: ' + error);
  check(await page.evaluate(() => !sessionStorage.getItem('atlas.token')), 'the refused token is forgotten');

  // Signed in again, then Keluar: through the issuer's end_session_endpoint and back to Masuk.
  await throughIssuer(page, ctx);
  await page.waitForFunction(() => window.atlasApp && window.atlasApp.rendered && window.atlasApp.rendered !== 'masuk');
  const leaving = page.waitForRequest((r) => r.url().startsWith(issuer + '/logout?'));
  await page.click('#logout');
  const logout = new URL((await leaving).url()).searchParams;
  check(logout.get('post_logout_redirect_uri') === baseUrl + '/app/' && logout.get('client_id') === 'atlas-app'
    && (logout.get('id_token_hint') || '').split('.').length === 3,
  'sign-out at the issuer: id_token_hint, client_id, post_logout_redirect_uri ' + logout.get('post_logout_redirect_uri'));
  await page.waitForURL((url) => url.href.startsWith(baseUrl + '/app/'));
  await ctx.rendered('masuk');
  check(await page.evaluate(() => !sessionStorage.getItem('atlas.token') && !sessionStorage.getItem('atlas.oidc.idToken')),
    'signed out: no token, no ID token in the tab');
  check(await page.locator('#oidc-login').isVisible() && !(await page.locator('#logout').count()), 'back on Masuk, no Keluar');
  await ctx.axe('Masuk after the sign-out');
  await ctx.shot('signed-out');

  // Signed in again; the token's exp passes (the browser's clock moved past it): back to Masuk without a request.
  // Last: the moved clock stays with the browser context.
  await page.clock.install();
  await throughIssuer(page, ctx);
  await page.waitForFunction(() => window.atlasApp && window.atlasApp.rendered && window.atlasApp.rendered !== 'masuk');
  const secondsLeft = await page.evaluate(async () => (await import('/app/lib/session.js')).session.secondsLeft());
  check(secondsLeft > 60, `token lifetime ${Math.round(secondsLeft)} s left`);
  await page.clock.fastForward(Math.ceil(secondsLeft + 1) * 1000);
  await ctx.rendered('masuk');
  error = (await page.textContent('#screen .status.error')).trim();
  check(error === 'Sesi Anda berakhir. Silakan masuk lagi.', 'token expired in the browser: back to Masuk: ' + error);
  await ctx.shot('expired');
}

let failed = false;
try {
  await runPersona(baseUrl, 'oidc', walk, { allowedOrigins: [new URL(issuer).origin] });
} catch (e) {
  failed = true;
  console.error(e && e.stack || e);
}
log(failed ? 'FAILED' : 'passed');
process.exit(failed ? 1 : 0);
