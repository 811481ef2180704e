// Browser test of the planner map (/map) in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core,
// no browser download). Usage: node map.spec.mjs <baseUrl>. Exit code 0 = pass. Run by MapPageBrowserTest (JUnit),
// which starts the app; ./atlas test installs chromium and playwright-core when missing.
// Env: ATLAS_NODE_DIR (folder holding node_modules/playwright-core, default <repo>/.atlas/node),
//      ATLAS_CHROMIUM (default /usr/bin/chromium), ATLAS_MAP_SCREENSHOT (default <repo>/api/target/map-screenshot.png).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const baseUrl = (process.argv[2] || '').replace(/\/$/, '');
if (!baseUrl) { console.error('usage: node map.spec.mjs <baseUrl>'); process.exit(2); }
const nodeDir = process.env.ATLAS_NODE_DIR || path.join(repo, '.atlas', 'node');
const chromiumPath = process.env.ATLAS_CHROMIUM || '/usr/bin/chromium';
const screenshot = process.env.ATLAS_MAP_SCREENSHOT || path.join(repo, 'api', 'target', 'map-screenshot.png');

let chromium;
try {
  ({ chromium } = createRequire(path.join(nodeDir, 'package.json'))('playwright-core'));
} catch (e) {
  console.error(`playwright-core not found in ${nodeDir}/node_modules. Install it with:\n`
    + `  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --prefix ${nodeDir} playwright-core@1.61.1`
    + ` graphql-http@1.23.1 graphql@16.15.0 axe-core@4.14.1\n(or run ./atlas test; one install for all: npm prunes unnamed ones)`);
  process.exit(3);
}
if (!fs.existsSync(chromiumPath)) {
  console.error(`${chromiumPath} not found. Install it with: apt-get install -y chromium (or run ./atlas test)`);
  process.exit(3);
}

const started = Date.now();
const log = (m) => console.log(`[map.spec ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
  log('ok: ' + message);
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
try {
  const external = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  // The page runs under the server's Content-Security-Policy (PageSecurityHeaders): a violation fails the test.
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    log('console error: ' + m.text());
    if (m.text().includes('Content Security Policy')) errors.push('CSP: ' + m.text());
  });
  page.setDefaultTimeout(30000);

  await page.goto(baseUrl + '/map', { waitUntil: 'load' });
  check(await page.evaluate(() => typeof window.maplibregl === 'object' && !!window.atlasMap), 'MapLibre GL loaded from the app, window.atlasMap exposed');

  // RW polygons rendered and classed.
  await page.waitForFunction(() => {
    const s = window.atlasState;
    if (s.error) return true;
    return s.choropleth && window.atlasMap.loaded() && window.atlasMap.queryRenderedFeatures({ layers: ['rw-fill'] }).length > 0;
  });
  const state = await page.evaluate(() => ({ error: window.atlasState.error, mode: window.atlasState.mode,
    rendered: new Set(window.atlasMap.queryRenderedFeatures({ layers: ['rw-fill'] }).map((f) => f.properties.code)).size,
    classes: window.atlasState.choropleth.classes, colors: window.atlasState.choropleth.colors,
    classed: window.atlasState.choropleth.rws.filter((r) => r.color).length, synthetic: window.atlasState.synthetic }));
  check(!state.error, 'no page error status: ' + state.error);
  log(`polygons from ${state.mode}; ${state.rendered} RWs rendered; ${state.classed} classed into ${state.classes} classes`);
  check(state.rendered > 10, 'RW features rendered on the map');
  check(state.classes >= 2 && state.classed > 0, 'server choropleth has classes and classed RWs');

  // Legend shows the server's classes and colours.
  const legend = await page.$$eval('#legend .legend-item[data-class-index]', (items) => items.map((i) => i.dataset.color));
  check(JSON.stringify(legend) === JSON.stringify(state.colors), `legend shows the ${state.classes} server classes ${legend.join(' ')}`);
  check(state.synthetic === await page.isVisible('#synthetic'), 'synthetic-data label shown iff the data are synthetic');

  // A filled RW pixel carries a class colour: pick a classed RW's rendered feature and click its centre.
  const target = await page.evaluate(() => {
    const map = window.atlasMap;
    const classed = new Set(window.atlasState.choropleth.rws.filter((r) => r.color).map((r) => r.regionCode));
    const canvas = map.getCanvas().getBoundingClientRect();
    for (let y = 40; y < canvas.height - 40; y += 12) {
      for (let x = 40; x < canvas.width - 40; x += 12) {
        const f = map.queryRenderedFeatures([x, y], { layers: ['rw-fill'] })[0];
        const around = [[x + 5, y], [x - 5, y], [x, y + 5], [x, y - 5]]
          .map((p) => map.queryRenderedFeatures(p, { layers: ['rw-fill'] })[0]);
        if (f && classed.has(f.properties.code) && around.every((g) => g && g.properties.code === f.properties.code)) {
          return { code: f.properties.code, x: canvas.left + x, y: canvas.top + y };
        }
      }
    }
    return null;
  });
  check(target, 'found a classed RW to click');
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction((code) => document.querySelector('#details').dataset.code === code, target.code);
  const details = await page.textContent('#details');
  check(details.includes(target.code) && /Stunting prevalence/.test(details), `details panel shows ${target.code}`);

  // Another method from the server re-classes the map.
  await page.selectOption('#method', 'QUANTILE');
  await page.waitForFunction(() => window.atlasState.choropleth.method === 'QUANTILE');
  check(await page.$$eval('#legend .legend-item[data-class-index]', (i) => i.length) >= 2, 'quantile legend from the server');
  await page.selectOption('#method', 'NATURAL_BREAKS');
  await page.waitForFunction(() => window.atlasState.choropleth.method === 'NATURAL_BREAKS');
  const idle = () => page.evaluate(() => new Promise((resolve) => { const m = window.atlasMap; if (m.loaded()) resolve(); else m.once('idle', resolve); }));
  await idle();

  // Hex heat (vector tiles /tiles/hex-heat): toggled on, its hexagons render over the RWs.
  if (state.mode === 'tiles') {
    await page.check('#hex');
    await page.waitForFunction(() => window.atlasMap.getLayoutProperty('hex', 'visibility') === 'visible');
    await page.waitForFunction(() => window.atlasMap.loaded() && window.atlasMap.queryRenderedFeatures({ layers: ['hex'] }).length > 0);
    check(true, `hex heat rendered (${await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['hex'] }).length)} hexagons)`);
    // Its legend is the server's (hexHeatLayer), the hexagons carry its class colours, and the page says which share
    // of the records is on the map. Without a token a month falls back to the year, and the page says so.
    await page.waitForFunction(() => window.atlasState.hexLayer && !document.querySelector('#hex-panel').hidden);
    const hex = await page.evaluate(() => ({ layer: window.atlasState.hexLayer, month: window.atlasState.hexMonth,
      legend: [...document.querySelectorAll('#hex-legend .legend-item[data-hex-class-index]')].map((i) => i.dataset.color),
      placed: document.querySelector('#hex-geocoded').textContent, note: (document.querySelector('#hex-note') || {}).textContent || '',
      drawn: [...new Set(window.atlasMap.queryRenderedFeatures({ layers: ['hex'] }).map((f) => f.properties.color))] }));
    check(JSON.stringify(hex.legend) === JSON.stringify(hex.layer.colors), `hex legend shows the server's ${hex.layer.classes} classes`);
    check(hex.drawn.every((c) => hex.layer.colors.includes(c) || c === hex.layer.suppressedColor), `hexagons drawn in legend colours ${hex.drawn.join(' ')}`);
    check(/On the map: \d+\.\d %/.test(hex.placed), 'geocoded share stated: ' + hex.placed);
    check(hex.month === null && /whole year/.test(hex.note) && hex.layer.period === '2026', 'month falls back to the year without a token: ' + hex.note);
    await page.selectOption('#hex-measure', 'RATE');
    await page.waitForFunction(() => window.atlasState.hexLayer.measure === 'RATE');
    check(/%/.test(await page.textContent('#hex-legend .legend-item[data-hex-class-index]')), 'rate legend in percent');
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-hex.png') });
    await page.uncheck('#hex');
    await idle();
  } else {
    log('tile endpoints not available: hex heat not tested');
  }

  check(errors.length === 0, 'no JavaScript errors and no CSP violations' + (errors.length ? ': ' + errors.join('; ') : ''));
  check(external.length === 0, 'no request left the app (offline)' + (external.length ? ': ' + external.join(' ') : ''));
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  log('screenshot ' + screenshot);
} catch (e) {
  failed = true;
  console.error(e && e.stack || e);
  try { fs.mkdirSync(path.dirname(screenshot), { recursive: true }); await page.screenshot({ path: screenshot }); console.error('screenshot of the failure: ' + screenshot); } catch (ignored) { /* nothing */ }
} finally {
  await browser.close();
}
log(failed ? 'FAILED' : 'passed');
process.exit(failed ? 1 : 0);
