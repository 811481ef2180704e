// The Dinkes planner on Peta: signs in, sees the classed RW map of Kota Pekalongan with its legend and names, on the
// latest month e-PPGBM covers completely (asked of the API here too: never a fixed date), changes indicator and
// period, selects an RW on the map and from the list (details and trend), turns on the facility, KLEOPATRA, access and
// heat layers, downloads GeoJSON and CSV, and switches to English and back. The screen tells what it drew through
// window.atlasPeta (ready, classed, legend, selected, details, trend, layers, downloads, rendered(layer)).
import fs from 'node:fs';
import { check, graphql, log } from '../harness.mjs';

/** Waits until Peta has drawn and nothing it started is still loading. */
async function settled(page) {
  await page.waitForFunction(() => window.atlasPeta && window.atlasPeta.ready && window.atlasPeta.busy === 0);
}

async function peta(page) {
  return page.evaluate(() => {
    const p = window.atlasPeta;
    return { period: p.period, indicator: p.indicator, classed: p.classed, total: p.total, legend: p.legend,
      selected: p.selected, details: p.details, trend: p.trend, layers: p.layers, downloads: p.downloads, list: p.list };
  });
}

/** The latest month the e-PPGBM imports of Kota Pekalongan cover completely, as the API says. */
async function latestCompleteMonth(baseUrl) {
  const data = await graphql(baseUrl, 'planner', `query { dataAvailability(kabkotaCode: "33.75") {
    registers { register periods(granularity: MONTH) { period status } } } }`);
  const months = data.dataAvailability.registers.find((r) => r.register === 'EPPGBM').periods
    .filter((p) => p.status === 'COMPLETE').map((p) => p.period);
  return months[months.length - 1];
}

async function download(page, format) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#peta-download-' + format)]);
  const text = fs.readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), text };
}

async function toggle(page, layer) {
  await page.check('#peta-layer-' + layer);
  await settled(page);
  await page.waitForSelector('#peta-legend-' + layer + ':not([hidden])');
}

export async function walk(page, ctx) {
  const expectedPeriod = await latestCompleteMonth(ctx.baseUrl);
  await ctx.signIn('planner');
  await ctx.rendered('peta');
  await settled(page);

  // The classed map with its legend and the kelurahan and RW names.
  let state = await peta(page);
  check(state.period === expectedPeriod, `Peta opens on the latest complete e-PPGBM month ${expectedPeriod} (was ${state.period})`);
  check(state.indicator === 'STUNTING_PREVALENCE' && state.classed > 0 && state.classed <= state.total,
    `stunting prevalence drawn: ${state.classed} of ${state.total} RWs classed`);
  check(await page.evaluate(() => window.atlasPeta.rendered('rw-fill')) > 0, 'RW polygons rendered on the map');
  const legendItems = await page.locator('#peta-legend-classes li').count();
  check(state.legend.length > 0 && legendItems === state.legend.length + 1,
    `legend shows ${state.legend.length} classes and the no-value entry: ${state.legend.join(' | ')}`);
  const kelurahanLabels = await page.locator('.map-label.kelurahan').count();
  const rwLabels = await page.locator('.map-label.rw').count();
  check(kelurahanLabels > 0 && rwLabels >= state.total, `${kelurahanLabels} kelurahan and ${rwLabels} RW name labels on the map`);
  check(await page.locator('.map-label.kelurahan').first().isVisible(), 'kelurahan names visible at the opening zoom');
  check((await page.locator('#peta-list tbody tr').count()) === state.total, 'the RW list beside the map has every RW');
  check(/Peta indikator RW/.test(await page.textContent('h1')), 'the screen is in Indonesian');
  await ctx.shot('peta');
  await ctx.axe('Peta');

  // Another indicator and another period.
  await page.selectOption('#peta-indicator', 'WASTING_PREVALENCE');
  await page.waitForFunction(() => window.atlasPeta.indicator === 'WASTING_PREVALENCE');
  await settled(page);
  const months = await page.$$eval('#peta-period optgroup:first-of-type option', (os) => os.map((o) => o.value));
  const otherMonth = months.find((m) => m < expectedPeriod && m.slice(0, 4) === expectedPeriod.slice(0, 4)) || months[1];
  await page.selectOption('#peta-period', otherMonth);
  await page.waitForFunction((m) => window.atlasPeta.period === m, otherMonth);
  await settled(page);
  state = await peta(page);
  check(state.indicator === 'WASTING_PREVALENCE' && state.period === otherMonth && state.classed > 0,
    `wasting prevalence of ${otherMonth}: ${state.classed} RWs classed, legend ${state.legend.join(' | ')}`);
  check((await page.textContent('#peta-legend')).includes('Prevalensi gizi kurang'), 'the legend names the indicator in Indonesian');
  check(page.url().includes('ind=WASTING_PREVALENCE') && page.url().includes('per=' + otherMonth), 'the view is in the URL');
  await ctx.shot('indikator-periode');
  await ctx.axe('Peta, wasting prevalence');

  // An RW selected on the map: details and trend.
  await page.locator('#peta-map').scrollIntoViewIfNeeded();
  const target = await page.evaluate(() => {
    const codes = window.atlasPeta.clickableRws();
    const code = codes[Math.floor(codes.length / 2)];
    return code ? { code, point: window.atlasPeta.clickPointOf(code) } : null;
  });
  check(target !== null, 'an RW can be clicked on the map');
  await page.mouse.click(target.point.x, target.point.y);
  await page.waitForFunction((c) => window.atlasPeta.selected === c && window.atlasPeta.details === c, target.code);
  await page.waitForFunction((c) => window.atlasPeta.trend && window.atlasPeta.trend.region === c, target.code);
  await settled(page);
  state = await peta(page);
  check(state.trend.periods === 12, `trend of ${target.code}: 12 months, ${state.trend.values} with a value`);
  check(await page.isVisible('#peta-selection'), 'the selected RW is named right under the map');
  check((await page.locator('#peta-details tbody tr').count()) >= 15, 'the details list the RW\'s indicators');
  check((await page.locator('#peta-trend svg.peta-chart').count()) === 1, 'the trend is drawn');
  const accessText = await page.textContent('#peta-details-access');
  check(/menit|wilayah kerja/.test(accessText), `the details say the way to the responsible puskesmas: ${accessText}`);
  const missing = await page.$$eval('#peta-details tr.missing td', (tds) => tds.map((td) => td.textContent));
  check(missing.every((text) => /Belum ada data|belum lengkap|Disembunyikan|Tidak bisa dihitung|Belum bisa dihitung|Tidak ada nilai/.test(text)),
    `every missing value says why (${missing.length} missing)`);
  await ctx.shot('rw-dari-peta');
  await ctx.axe('Peta, RW selected on the map');

  // An RW selected from the list: the row, the map and the trend follow; the trend as a table.
  const fromList = await page.$eval('#peta-list tbody tr:first-child button.rw-choose', (b) => b.dataset.code);
  const listCode = fromList !== target.code ? fromList
    : await page.$eval('#peta-list tbody tr:nth-child(2) button.rw-choose', (b) => b.dataset.code);
  await page.click(`#peta-list button.rw-choose[data-code="${listCode}"]`);
  await page.waitForFunction((c) => window.atlasPeta.details === c && window.atlasPeta.trend && window.atlasPeta.trend.region === c, listCode);
  await settled(page);
  check(await page.getAttribute(`#peta-list button.rw-choose[data-code="${listCode}"]`, 'aria-pressed') === 'true',
    `${listCode} chosen from the list is marked in the list`);
  check(page.url().includes('rw=' + encodeURIComponent(listCode)) || page.url().includes('rw=' + listCode), 'the selected RW is in the URL');
  await page.click('#peta-trend details summary');
  check((await page.locator('#peta-trend details tbody tr').count()) === 12, 'the trend as a table: 12 months');
  await ctx.shot('rw-dari-daftar');
  await ctx.axe('Peta, RW chosen from the list, trend table');

  // The layers: facilities, KLEOPATRA, access, heat.
  await page.click('#peta-fit');
  await toggle(page, 'fasilitas');
  state = await peta(page);
  const facilitiesDrawn = await page.evaluate(() => window.atlasPeta.rendered('puskesmas') + window.atlasPeta.rendered('posyandu'));
  check(state.layers.fasilitas > 0 && facilitiesDrawn > 0, `${state.layers.fasilitas} puskesmas and posyandu loaded, ${facilitiesDrawn} drawn`);
  await toggle(page, 'kleopatra');
  state = await peta(page);
  check(state.layers.kleopatra !== null && (await page.textContent('#peta-legend-kleopatra')).includes('KLEOPATRA'),
    `KLEOPATRA layer on: ${state.layers.kleopatra} RWs`);
  if (state.layers.kleopatra > 0) {
    check(await page.evaluate(() => window.atlasPeta.rendered('kleopatra-line')) > 0, 'KLEOPATRA RWs outlined on the map');
  }
  await toggle(page, 'akses');
  state = await peta(page);
  const accessDrawn = await page.evaluate(() => window.atlasPeta.rendered('akses-points'));
  check(state.layers.akses > 0 && accessDrawn > 0, `access of ${state.layers.akses} RWs, ${accessDrawn} points drawn`);
  check(/penduduk/.test(await page.textContent('#peta-akses-coverage')), 'the population within 30 minutes is said');
  await toggle(page, 'panas');
  state = await peta(page);
  check(state.layers.panas && (await page.locator('#peta-legend-panas-classes li').count()) === state.layers.panas.legend + 1,
    `heat legend: ${state.layers.panas.legend} classes, ${state.layers.panas.hexCount} hexagons of ${state.layers.panas.sizeMeters} m`);
  if (state.layers.panas.hexCount > 0) {
    await page.waitForFunction(() => window.atlasPeta.rendered('hex') > 0);
    log('hexagons drawn: ' + await page.evaluate(() => window.atlasPeta.rendered('hex')));
  }
  await page.locator('#peta-map').scrollIntoViewIfNeeded();
  await ctx.shot('lapisan');
  await ctx.axe('Peta, all layers on');

  // Downloads, with the token.
  const geojson = await download(page, 'geojson');
  const features = JSON.parse(geojson.text).features;
  check(geojson.name.endsWith('.geojson') && features.length === state.total,
    `GeoJSON downloaded: ${geojson.name}, ${features.length} RWs`);
  const csv = await download(page, 'csv');
  const lines = csv.text.trim().split('\n');
  check(csv.name.endsWith('.csv') && lines[0].startsWith('code,name,period') && lines.length === state.total + 1,
    `CSV downloaded: ${csv.name}, ${lines.length - 1} rows`);
  check((await peta(page)).downloads.join(',') === 'geojson,csv', 'the screen saw both downloads through');

  // English and back: the view stays (URL), the words change.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => /RW indicator map/.test(document.querySelector('h1').textContent));
  await settled(page);
  await page.waitForFunction(() => window.atlasPeta.layers.akses > 0 && window.atlasPeta.layers.panas);
  state = await peta(page);
  check(state.selected === listCode && state.indicator === 'WASTING_PREVALENCE' && state.period === otherMonth,
    'in English the same RW, indicator and period are shown');
  check((await page.textContent('#peta-legend')).includes('Wasting prevalence'), 'the legend is in English');
  await page.evaluate(() => window.scrollTo(0, 0));
  await ctx.shot('english');
  await ctx.axe('Peta in English');
  await page.selectOption('#lang', 'id');
  await page.waitForFunction(() => /Peta indikator RW/.test(document.querySelector('h1').textContent));
  await settled(page);
  check((await peta(page)).selected === listCode, 'back in Indonesian, still the same RW');
  await ctx.axe('Peta back in Indonesian');
}
