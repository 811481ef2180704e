// Lurah of Medono (demo user lurah-medono) on Pilih RW: the RWs of her kelurahan ranked, two picked and sent for
// review; then her earlier selection that the Dinkes rejected (prepared through the API) opened, the reviewer's note
// read, corrected (another RW, another period) and sent again with a note. Both are withdrawn at the end, so the walk
// repeats on one database and leaves no live selection behind.
import { check } from '../harness.mjs';
import { openScreen, statusSays, rankedCodes, tick, editorSelectionId, prepareSelection, prepareReview } from './steps/pilih.mjs';

const KELURAHAN = '33.75.01.1002';

export async function walk(page, ctx) {
  // Setup: an earlier selection of hers, rejected by the Dinkes with a note.
  const rejected = await prepareReview(ctx.baseUrl, 'dinkes', await prepareSelection(ctx.baseUrl, 'lurah-medono', {
    purpose: 'GERAKAN_INTERVENSI', periodFrom: '2027-03-01', periodTo: '2027-03-31', rwCodes: [KELURAHAN + '.RW001'],
    reason: 'Penimbangan serentak di RW 001' }, { submit: true }), 'REJECT', 'Tambahkan RW lain yang cakupannya rendah dan geser ke April.');

  await ctx.signIn('lurah-medono');
  await openScreen(page, ctx, 'pilih');
  await page.waitForSelector('#pilih-candidates li.candidate');
  const ranked = await rankedCodes(page);
  check(ranked.length >= 2 && ranked.every((c) => c.startsWith(KELURAHAN + '.')), `Pilih RW ranks the RWs of Medono only (${ranked.length})`);
  check(/Medono/.test(await page.textContent('#pilih-area option:checked')), 'the area is her kelurahan');
  await ctx.axe('Pilih RW (lurah), ranking');
  await ctx.shot('pilih-ranking');

  // A new selection of the two neediest RWs, sent for review.
  await tick(page, ranked[0]);
  await tick(page, ranked[1]);
  await page.fill('#pilih-reason', 'Dua RW dengan skor tertinggi di Medono.');
  await page.click('#pilih-save');
  await statusSays(page, /tersimpan sebagai draf/);
  const id = await editorSelectionId(page);
  await page.click('#pilih-submit');
  await statusSays(page, /dikirim untuk ditinjau/);
  check((await page.textContent('#pilih-editor .state-badge')) === 'Menunggu tinjauan', `her selection #${id} is SUBMITTED`);
  check(/Dibuat oleh lurah-medono.*Dikirim untuk ditinjau oleh lurah-medono/s.test(await page.textContent('#pilih-history')), 'the history shows creation and submission');
  await ctx.axe('Pilih RW (lurah), submitted');
  await ctx.shot('pilih-submitted');

  // The rejected one: read the note, correct it, send it again.
  await page.click(`#pilih-existing button[data-open="${rejected.id}"]`);
  await page.waitForFunction((rid) => document.querySelector('#pilih-sel-title').textContent.includes('#' + rid), rejected.id);
  check((await page.textContent('#pilih-editor .state-badge')) === 'Ditolak', 'the rejected selection is shown as Ditolak');
  check((await page.textContent('#pilih-review-note')).includes('geser ke April'), 'the reviewer\'s note is shown');
  await ctx.axe('Pilih RW (lurah), rejected selection');
  await ctx.shot('pilih-rejected');
  const extra = ranked.find((c) => c !== KELURAHAN + '.RW001');
  await tick(page, extra);
  await page.fill('#pilih-from', '2027-04-01');
  await page.fill('#pilih-to', '2027-04-30');
  await page.fill('#pilih-resubmit-note', 'RW tambahan, pindah ke April.');
  await page.click('#pilih-resubmit');
  await statusSays(page, /dikirim ulang/);
  check((await page.textContent('#pilih-editor .state-badge')) === 'Menunggu tinjauan', 'the corrected selection is SUBMITTED again');
  const history = await page.textContent('#pilih-history');
  check(/Ditolak oleh dinkes/.test(history) && /Dikirim ulang oleh lurah-medono/.test(history) && history.includes('pindah ke April'),
    'the history keeps the rejection and the resubmission with its note');
  await ctx.axe('Pilih RW (lurah), resubmitted');
  await ctx.shot('pilih-resubmitted');

  // Withdraw both (they stay in the record, never a conflict for another walk).
  await page.click('#pilih-withdraw');
  await statusSays(page, /ditarik kembali/);
  await page.click(`#pilih-existing button[data-open="${id}"]`);
  await page.waitForFunction((sid) => document.querySelector('#pilih-sel-title').textContent.includes('#' + sid), id);
  await page.click('#pilih-withdraw');
  await statusSays(page, /ditarik kembali/);
  check((await page.textContent('#pilih-editor .state-badge')) === 'Ditarik kembali', 'withdrawn');
}
