// Shared harness of the app's browser tests (app.spec.mjs): Debian's headless Chromium through playwright-core (no
// browser download), one page per viewport (phone 390×844, desktop 1366×768), and on every page: no JavaScript error,
// no Content-Security-Policy violation (the app runs under the server's CSP, PageSecurityHeaders), no request leaving
// the app (oidc.spec.mjs allows its test issuer's origin), no failed GraphQL operation unless a step expects it,
// axe-core (evaluated from the npm package by the test, never fetched by the app) with no serious or critical
// violation, screenshots under ATLAS_APP_SCREENSHOTS. Every GraphQL operation the app sends is recorded
// (operationName) for the coverage check.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../../../../..');
export const nodeDir = process.env.ATLAS_NODE_DIR || path.join(repo, '.atlas', 'node');
const chromiumPath = process.env.ATLAS_CHROMIUM || '/usr/bin/chromium';
export const screenshots = process.env.ATLAS_APP_SCREENSHOTS || path.join(repo, 'api', 'target', 'app-screenshots');

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  { name: 'desktop', width: 1366, height: 768, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

const require = createRequire(path.join(nodeDir, 'package.json'));
let chromium;
let axeSource;
try {
  ({ chromium } = require('playwright-core'));
  axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.error(`playwright-core or axe-core not found in ${nodeDir}/node_modules (${e.message}). Install them with:\n`
    + '  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --prefix ' + nodeDir
    + ' playwright-core@1.61.1 graphql-http@1.23.1 graphql@16.15.0 axe-core@4.14.1\n(or run ./atlas test)');
  process.exit(3);
}
if (!fs.existsSync(chromiumPath)) {
  console.error(`${chromiumPath} not found. Install it with: apt-get install -y chromium (or run ./atlas test)`);
  process.exit(3);
}

const started = Date.now();
export function log(message) {
  console.log(`[app.spec ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

/**
 * "Now" of the walks: ATLAS_APP_NOW (an ISO instant) when the test pins the app's clock to it (AppBrowserTest does,
 * so the walks plan, publish and record on the same calendar on any day they run), else the real time. The pages
 * see the same time (their Date is pinned too); timers run normally.
 */
export function now() {
  return process.env.ATLAS_APP_NOW ? new Date(process.env.ATLAS_APP_NOW) : new Date();
}

export function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
  log('ok: ' + message);
}

/** A demo user's token straight from the server (for preparing data through the API, as another user would). */
export async function tokenOf(baseUrl, user) {
  const response = await fetch(baseUrl + '/demo/token/' + encodeURIComponent(user));
  if (!response.ok) throw new Error('no demo token for ' + user + ': ' + response.status);
  return (await response.text()).trim();
}

/** A GraphQL call outside the browser (setup of another persona's data); throws on errors. */
export async function graphql(baseUrl, user, query, variables) {
  const headers = { 'Content-Type': 'application/json' };
  if (user) headers.Authorization = 'Bearer ' + await tokenOf(baseUrl, user);
  const response = await fetch(baseUrl + '/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors && body.errors.length) throw new Error('setup GraphQL failed: ' + JSON.stringify(body.errors));
  return body.data;
}

/**
 * Runs walk(page, ctx) once per viewport for a persona. ctx: { baseUrl, viewport, persona, shot(name), axe(label),
 * signIn(user), expectGraphQlErrors(fn), operations }. Returns the operation names sent (with counts).
 * options.allowedOrigins: origins besides the app's that the walk may reach (the OpenID test issuer).
 */
export async function runPersona(baseUrl, persona, walk, options) {
  const allowedOrigins = [baseUrl, ...((options && options.allowedOrigins) || [])];
  const browser = await chromium.launch({
    executablePath: chromiumPath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  const operations = {};
  fs.mkdirSync(screenshots, { recursive: true });
  try {
    for (const viewport of VIEWPORTS) {
      log(`--- ${persona} at ${viewport.width}×${viewport.height}`);
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height },
        isMobile: viewport.isMobile, hasTouch: viewport.hasTouch, deviceScaleFactor: viewport.deviceScaleFactor,
        locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
      // CSP violations also as console errors with a fixed text (the browser's own wording varies by case).
      await context.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(
        `Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.href}:${e.lineNumber}`)));
      if (process.env.ATLAS_APP_NOW) await context.clock.setFixedTime(now());
      const page = await context.newPage();
      page.setDefaultTimeout(45000);
      const external = [];
      const errors = [];
      const graphQlErrors = [];
      let allowGraphQlErrors = 0;
      page.on('request', (r) => {
        const url = r.url();
        if (!allowedOrigins.some((o) => url === o || url.startsWith(o + '/')) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
        if (url.startsWith(baseUrl + '/graphql') && r.method() === 'POST') {
          try { const name = JSON.parse(r.postData()).operationName; if (name) operations[name] = (operations[name] || 0) + 1; } catch (e) { /* not JSON */ }
        }
      });
      page.on('response', async (r) => {
        if (!r.url().startsWith(baseUrl + '/graphql')) return;
        try {
          const body = await r.json();
          if (body.errors && body.errors.length) {
            const name = JSON.parse(r.request().postData()).operationName;
            graphQlErrors.push(name + ': ' + body.errors.map((e) => e.message).join('; '));
          }
        } catch (e) { /* not JSON */ }
      });
      page.on('pageerror', (e) => errors.push(e.message));
      // Every page of the context (report pop-ups too): console errors logged, CSP violations fail the walk.
      context.on('console', (m) => {
        if (m.type() !== 'error') return;
        log('console error: ' + m.text());
        if (m.text().includes('Content Security Policy')) errors.push('CSP: ' + m.text());
      });
      let shotCount = 0;
      const ctx = {
        baseUrl, viewport, persona, page,
        async shot(name) {
          const file = path.join(screenshots, `${persona}-${viewport.name}-${String(++shotCount).padStart(2, '0')}-${name}.png`);
          await page.screenshot({ path: file, fullPage: false });
          log('screenshot ' + path.relative(repo, file));
          return file;
        },
        /** axe-core on the page as it is (no serious or critical violation), and the page no wider than the screen. */
        async axe(label) {
          // evaluated, not added as a <script>: the page's CSP refuses inline scripts (and so it should)
          if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
          const result = await page.evaluate(async () => window.axe.run(document, {
            resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          }));
          const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          const minor = result.violations.length - bad.length;
          // Nothing wider than the screen: a phone user never scrolls the page sideways.
          const overflow = await page.evaluate(() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width + 1) return null;
            const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > width + 1
              && !el.closest('.maplibregl-map, .table-scroll, nav') && getComputedStyle(el).position !== 'fixed');
            return { scrollWidth: document.documentElement.scrollWidth, width,
              culprits: wide.slice(-3).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')) };
          });
          check(!overflow, `${label} (${viewport.name}) fits the screen width` + (overflow ? `: ${overflow.scrollWidth} px > ${overflow.width} px (${overflow.culprits.join(', ')})` : ''));
          check(bad.length === 0, `axe-core on ${label} (${viewport.name}): no serious or critical violation`
            + (minor ? ` (${minor} minor/moderate)` : '') + (detail.length ? '\n  ' + detail.join('\n  ') : ''));
        },
        /** Signs in on Masuk as a demo user (by keyboard on the phone, by mouse on the desktop), waits for the first screen. */
        async signIn(user) {
          await page.goto(baseUrl + '/app/#/masuk', { waitUntil: 'load' });
          if (user.startsWith('kader-')) {
            await page.waitForSelector('#kader-posyandu option', { state: 'attached' });
            await page.selectOption('#kader-posyandu', user.slice('kader-'.length));
            await page.click('#kader-login');
          } else if (viewport.name === 'phone') {
            // By keyboard alone: Tab from the top of the page to the user's button, Enter.
            await page.waitForSelector(`button[data-user="${user}"]`);
            let focused = false;
            for (let i = 0; i < 40 && !focused; i++) {
              await page.keyboard.press('Tab');
              focused = await page.evaluate((u) => document.activeElement && document.activeElement.dataset.user === u, user);
            }
            check(focused, `Masuk: the button of ${user} is reachable with Tab`);
            await page.keyboard.press('Enter');
          } else {
            await page.click(`button[data-user="${user}"]`);
          }
          await page.waitForFunction(() => window.atlasApp && window.atlasApp.rendered && window.atlasApp.rendered !== 'masuk');
          log('signed in as ' + user);
        },
        /** Waits until the screen id has finished rendering (after a navigation). */
        async rendered(id) {
          await page.waitForFunction((s) => window.atlasApp && window.atlasApp.rendered === s, id);
        },
        /** Runs fn while GraphQL errors are expected (e.g. a refused action); returns the errors seen. */
        async expectGraphQlErrors(fn) {
          const before = graphQlErrors.length;
          allowGraphQlErrors++;
          try { await fn(); } finally { allowGraphQlErrors--; }
          return graphQlErrors.splice(before);
        },
      };
      try {
        await walk(page, ctx);
        check(errors.length === 0, 'no JavaScript errors and no CSP violations' + (errors.length ? ': ' + errors.join('; ') : ''));
        check(graphQlErrors.length === 0, 'no GraphQL errors' + (graphQlErrors.length ? ': ' + graphQlErrors.join(' | ') : ''));
        check(external.length === 0, 'no request left the app' + (external.length ? ': ' + [...new Set(external)].join(' ') : ''));
      } catch (e) {
        try { await page.screenshot({ path: path.join(screenshots, `${persona}-${viewport.name}-FAILED.png`) }); } catch (ignored) { /* nothing */ }
        throw e;
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return operations;
}
