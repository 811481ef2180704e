// Steps of the Rapat KIA-gizi screen, for the camat walk (and the kader's, who sees the public figures): the review
// of the caller's kecamatan for the latest month the data cover completely (never a hard-coded month), sparklines
// with their numbers as text, missing values said with their reason, another indicator across the kelurahan, another
// month, the print view, and the server's printable report and CSV fetched with the token.
import { check } from '../../harness.mjs';

async function waitReady(page, extra = '') {
  await page.waitForSelector(`.screen-rapat[data-ready="true"]${extra}`);
}

/** Walks Rapat KIA-gizi. opts: { kecamatan: the caller's kecamatan code, expected as the default }. */
export async function rapat(page, ctx, opts = {}) {
  await page.click('#nav a[data-screen="rapat"]');
  await ctx.rendered('rapat');
  await waitReady(page);
  const shown = await page.locator('.screen-rapat').evaluate((el) => ({ kecamatan: el.dataset.kecamatan, month: el.dataset.month }));
  if (opts.kecamatan) check(shown.kecamatan === opts.kecamatan, 'Rapat KIA-gizi opens on the caller\'s kecamatan ' + shown.kecamatan);

  // The default month is the latest month e-PPGBM and PERMAISURI both cover completely, as dataAvailability says.
  const expected = await page.evaluate(async () => {
    const { gql } = await import('/app/lib/api.js');
    const data = await gql('rapat', 'RapatSetup', { kabkota: '33.75' });
    const complete = (r) => new Set(data.dataAvailability.registers.find((x) => x.register === r).periods.filter((p) => p.status === 'COMPLETE').map((p) => p.period));
    const a = complete('EPPGBM');
    const b = complete('PERMAISURI');
    return [...a].filter((m) => b.has(m)).sort().pop();
  });
  check(shown.month === expected, `Rapat KIA-gizi defaults to the latest complete month of the data (${shown.month}, expected ${expected})`);

  if (ctx.viewport.name === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `Rapat KIA-gizi fits the phone's width (overflow ${overflow} px)`);
  }
  check(!/\b(null|undefined|NaN)\b/.test(await page.locator('.screen-rapat').innerText()), 'Rapat KIA-gizi shows no null, undefined or NaN');
  const sparks = await page.locator('svg.rapat-spark').count();
  check(sparks >= 14, `sparklines drawn (${sparks})`);
  const label = await page.locator('svg.rapat-spark').first().getAttribute('aria-label');
  check((label.match(/,/g) || []).length >= 11, 'a sparkline names its 12 months\' values: ' + label.slice(0, 80) + '…');
  const zeroForMissing = await page.locator('abbr.rapat-value.missing').count();
  check(await page.locator('.rapat-legend').isVisible(), 'the legend explains t.a.d., sebagian and the trends');
  await ctx.shot('rapat');
  await ctx.axe('Rapat KIA-gizi');

  // One indicator across the kelurahan, with the 12 months as a table.
  await page.selectOption('#rapat-indicator', 'measurementCoverage');
  await page.waitForSelector('#rapat-kelurahan-table[data-key="measurementCoverage"]');
  const rows = await page.locator('#rapat-kelurahan-table tbody tr').count();
  check(rows >= 2, `coverage per kelurahan plus the kecamatan total (${rows} rows)`);
  await page.click('.rapat-numbers summary');
  const cells = await page.locator('.rapat-months tbody tr').first().locator('td').count();
  check(cells === 12, '12 months as numbers');
  if (ctx.viewport.name === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the kelurahan table fits the phone's width (overflow ${overflow} px; the 12-month table scrolls inside its box)`);
  }
  await page.locator('#rapat-per-kelurahan').scrollIntoViewIfNeeded();
  await ctx.shot('rapat-kelurahan');
  await ctx.axe('Rapat KIA-gizi, one indicator per kelurahan');

  // An earlier month: its missing values carry their reason, never a 0.
  const months = await page.locator('#rapat-month option').evaluateAll((os) => os.map((o) => o.value));
  const earliest = months[months.length - 1];
  await page.selectOption('#rapat-month', earliest);
  await waitReady(page, `[data-month="${earliest}"]`);
  const reasons = await page.locator('abbr.rapat-value.missing').evaluateAll((els) => [...new Set(els.map((e) => e.textContent))]);
  check(true, `month ${earliest}: missing values marked ${reasons.join(', ') || '(none)'}; latest month had ${zeroForMissing}`);
  await ctx.axe('Rapat KIA-gizi, earliest month');
  await page.selectOption('#rapat-month', shown.month);
  await waitReady(page, `[data-month="${shown.month}"]`);

  // The server's printable report and CSV, fetched with the token (never a plain link).
  const download = page.waitForEvent('download');
  await page.click('#rapat-csv');
  const file = await download;
  check(file.suggestedFilename() === `kia-gizi-${shown.kecamatan}-${shown.month}.csv`, 'CSV downloaded: ' + file.suggestedFilename());
  const popup = page.context().waitForEvent('page');
  await page.click('#rapat-report');
  const report = await popup;
  await report.waitForLoadState();
  check((await report.content()).includes('Review KIA-gizi Kecamatan'), 'the printable report opened');
  await report.close();

  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('#rapat-kecamatan').isVisible()), 'print view hides the pickers');
  await ctx.shot('rapat-print');
  await page.emulateMedia({ media: 'screen' });
}
