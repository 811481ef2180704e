// Camat of Pekalongan Utara (demo user camat-utara) on Pilih RW: the ranked RWs of her kecamatan with the score broken
// down, weights changed and the ranking recomputed, RWs picked in the list and on the map, one already held by
// another selection (prepared through the API as the Dinkes), saved as a draft, edited, submitted (the conflict is
// shown), its history read, and withdrawn. Each run makes and withdraws its own selections, so it repeats on one
// database (phone, then desktop). Then the monthly Rapat KIA-gizi of her kecamatan.
import { check } from '../harness.mjs';
import { rapat } from './steps/rapat.mjs';
import { openScreen, statusSays, rankedCodes, tick, clickOnMap, editorSelectionId, prepareSelection, withdrawSelection } from './steps/pilih.mjs';

export async function walk(page, ctx) {
  await ctx.signIn('camat-utara');
  await openScreen(page, ctx, 'pilih');
  await page.waitForSelector('#pilih-candidates li.candidate');
  const ranked = await rankedCodes(page);
  check(ranked.length >= 5 && ranked.every((c) => c.startsWith('33.75.03.')), `Pilih RW ranks the RWs of Pekalongan Utara (${ranked.length})`);
  check(/Pekalongan Utara/.test(await page.textContent('#pilih-area option:checked')), 'the area is the camat\'s kecamatan');
  await ctx.axe('Pilih RW, ranking');
  await ctx.shot('pilih-ranking');

  // The score of the first RW broken down: every component with value (or why it is missing), weight, contribution.
  await page.click('#pilih-candidates li.candidate:first-child details.breakdown summary');
  const rows = await page.$$eval('#pilih-candidates li.candidate:first-child details.breakdown tbody tr', (trs) => trs.map((tr) => tr.textContent));
  check(rows.length === 9, 'the breakdown lists the 9 score components');
  const missing = await page.$$eval('#pilih-candidates li.candidate:first-child details.breakdown td.missing', (tds) => tds.map((td) => td.textContent));
  check(missing.every((text) => /^tidak ada data.{5,}/.test(text)), 'a missing value says why, never 0: ' + (missing.join(' | ') || 'none missing'));
  check(!(await page.isVisible('#pilih-not-counted')), 'the default data period counts every component (no "not counted" note)');
  await ctx.axe('Pilih RW, score breakdown');
  await ctx.shot('pilih-breakdown');

  // Weights: stunting prevalence only counts → rank again; the list follows the new weights.
  await page.click('#pilih-weights summary');
  for (const [name, value] of [['stuntingPrevalence', '1'], ['stunted', '0'], ['tbNotificationsPer100k', '0'], ['extremePoorShare', '0'],
    ['distanceToPuskesmas', '0'], ['travelTimeToPuskesmas', '0'], ['lowMeasurementCoverage', '0'], ['kleopatraCriteria', '0'], ['monthsSinceLastVisit', '0']]) {
    await page.fill('#pilih-w-' + name, value);
  }
  await page.click('#pilih-rerank');
  await page.waitForFunction(() => document.querySelector('#pilih-w-stunted') && document.querySelector('#pilih-w-stunted').value === '0'
    && !document.querySelector('#pilih-candidates').hasAttribute('aria-busy'));
  const weightCells = await page.$$eval('#pilih-candidates li.candidate:first-child details.breakdown tbody tr td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  check(weightCells[0] === '1,00' && weightCells.slice(1).every((w) => w === '0,00'), 'the ranking uses the new weights: ' + weightCells.join(' '));
  await ctx.axe('Pilih RW, weights changed');
  await ctx.shot('pilih-weights');
  await page.click('#pilih-reset');
  await page.waitForFunction(() => document.querySelector('#pilih-w-stunted').value === '0.1');
  const ranking = await rankedCodes(page);

  // Another selection (the Dinkes's, submitted) already holds the third RW for the same purpose and period.
  const from = await page.inputValue('#pilih-from');
  const to = await page.inputValue('#pilih-to');
  const held = await prepareSelection(ctx.baseUrl, 'dinkes', { purpose: 'PUSLING', periodFrom: from, periodTo: to,
    rwCodes: [ranking[2]], reason: 'Dinkes: RW jauh dari puskesmas (uji camat)' }, { submit: true });
  await page.reload();
  await ctx.rendered('pilih');
  await page.waitForSelector(`#pilih-candidates li.candidate[data-code="${ranking[2]}"] .held`);
  check((await page.textContent(`#pilih-candidates li.candidate[data-code="${ranking[2]}"] .held`)).includes('#' + held.id),
    'the list says which selection already holds the RW');

  // Pick: two in the list, one on the map; then the reason; save as a draft.
  await tick(page, ranking[0]);
  await tick(page, ranking[1]);
  await clickOnMap(page, ctx, ranking[2]);
  await page.waitForFunction(() => document.querySelectorAll('#pilih-picked li').length === 3);
  check(await page.isChecked(`#pilih-candidates input[data-code="${ranking[2]}"]`), 'a tap on the map ticks the RW in the list');
  await page.fill('#pilih-reason', 'Tiga RW dengan kebutuhan tertinggi; RW ketiga jauh dari puskesmas.');
  await ctx.axe('Pilih RW, three RWs picked');
  await ctx.shot('pilih-picked');
  await page.click('#pilih-save');
  await statusSays(page, /tersimpan sebagai draf/);
  const id = await editorSelectionId(page);
  check(id && (await page.textContent('#pilih-editor .state-badge')) === 'Draf', `selection #${id} saved as a DRAFT`);

  // Edit: drop the second RW, sharpen the reason; the history says what changed.
  await tick(page, ranking[1]);
  await page.fill('#pilih-reason', 'Dua RW: kebutuhan tertinggi dan jauh dari puskesmas.');
  await page.click('#pilih-save');
  await statusSays(page, /Perubahan pilihan #\d+ tersimpan/);
  check(/Diubah oleh camat-utara.*diubah: RW, alasan/s.test(await page.textContent('#pilih-history')), 'the history shows the edit and its fields');

  // Submit: the conflict with the Dinkes's selection is shown clearly.
  await page.click('#pilih-submit');
  await statusSays(page, /dikirim untuk ditinjau/);
  check((await page.textContent('#pilih-editor .state-badge')) === 'Menunggu tinjauan', 'the state is SUBMITTED');
  const conflicts = await page.textContent('#pilih-conflicts');
  check(conflicts.includes('#' + held.id) && conflicts.includes('dinkes'), 'the conflict names the other selection and its proposer');
  check(await page.isDisabled(`#pilih-candidates input[data-code="${ranking[0]}"]`), 'a submitted selection is no longer editable');
  await ctx.axe('Pilih RW, submitted with a conflict');
  await ctx.shot('pilih-submitted');

  // The selection in the list of the area; withdraw it (no longer a conflict for anyone).
  check((await page.$(`#pilih-existing li[data-id="${id}"]`)) !== null, 'the selection is listed in the area\'s selections');
  await page.click('#pilih-withdraw');
  await statusSays(page, /ditarik kembali/);
  check((await page.textContent('#pilih-editor .state-badge')) === 'Ditarik kembali', 'withdrawn');
  await ctx.axe('Pilih RW, withdrawn');
  await ctx.shot('pilih-withdrawn');
  await withdrawSelection(ctx.baseUrl, 'dinkes', held.id);

  // The monthly KIA-gizi review of her kecamatan, with its trends, printable.
  await rapat(page, ctx, { kecamatan: '33.75.03' });
}
