// The Dinkes (demo user dinkes) on Tinjau: four selections submitted through the API beforehand (camat-utara twice,
// camat-barat and lurah-medono, the last two sharing an RW); in the queue one is rejected with a reason, one approved,
// and the conflict settled in one step (approve one, reject the other). The selections are for a simultaneous
// intervention drive in the first month from the month after next that no live selection of the kota holds, so every
// run (phone, desktop, again) finds its own free month and never conflicts with another walk's Pusling selections.
import { check, graphql, now } from '../harness.mjs';
import { openScreen, statusSays, prepareSelection, rwsOf } from './steps/pilih.mjs';

const MEDONO = '33.75.01.1002';

/** The first month (yyyy-MM-01..last day) from the month after next with no SUBMITTED or APPROVED drive in the kota. */
async function freeMonth(baseUrl) {
  const today = now();
  for (let offset = 2; offset < 240; offset++) {
    const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    const period = { periodFrom: first.toISOString().slice(0, 10), periodTo: last.toISOString().slice(0, 10) };
    const data = await graphql(baseUrl, 'dinkes', `query($filter: TargetSelectionFilter) { targetSelections(filter: $filter, first: 1) { totalCount } }`,
      { filter: { states: ['SUBMITTED', 'APPROVED'], purpose: 'GERAKAN_INTERVENSI', regionCode: '33.75', ...period } });
    if (data.targetSelections.totalCount === 0) return period;
  }
  throw new Error('no free month in 20 years');
}

async function review(page, ctx, id) {
  await page.click(`#tinjau-queue button[data-review="${id}"]`);
  await page.waitForFunction((sid) => document.querySelector('#tinjau-detail-title').textContent.includes('#' + sid), id);
}

export async function walk(page, ctx) {
  const period = await freeMonth(ctx.baseUrl);
  const medono = await rwsOf(ctx.baseUrl, 'dinkes', MEDONO);
  const utara = await rwsOf(ctx.baseUrl, 'dinkes', '33.75.03');
  const drive = (rwCodes, reason) => ({ purpose: 'GERAKAN_INTERVENSI', ...period, rwCodes, reason });
  const rejectMe = await prepareSelection(ctx.baseUrl, 'camat-utara', drive([utara[0]], 'Penimbangan serentak RW 001'), { submit: true });
  const approveMe = await prepareSelection(ctx.baseUrl, 'camat-utara', drive([utara[1], utara[2]], 'Dua RW dengan cakupan terendah'), { submit: true });
  const camatBarat = await prepareSelection(ctx.baseUrl, 'camat-barat', drive([medono[1], medono[2]], 'Medono: dua RW stunting tertinggi'), { submit: true });
  const lurah = await prepareSelection(ctx.baseUrl, 'lurah-medono', drive([medono[2], medono[3]], 'Usulan lurah Medono'), { submit: true });

  await ctx.signIn('dinkes');
  await openScreen(page, ctx, 'tinjau');
  await page.waitForSelector(`#tinjau-queue li[data-id="${lurah.id}"]`);
  for (const s of [rejectMe, approveMe, camatBarat, lurah]) {
    check((await page.$(`#tinjau-queue li[data-id="${s.id}"]`)) !== null, `selection #${s.id} of ${s.createdBy} waits in the queue`);
  }
  check((await page.textContent(`#tinjau-queue li[data-id="${camatBarat.id}"]`)).includes('Bentrok'), 'the queue marks the conflicting selection');
  await ctx.axe('Tinjau, queue');
  await ctx.shot('tinjau-queue');

  // Reject one with a reason.
  await review(page, ctx, rejectMe.id);
  check((await page.textContent('#tinjau-rws')).includes('RW 001'), 'the RWs of the selection are listed by name');
  await page.click('#tinjau-reject');
  await statusSays(page, /Isi catatan keputusan/);
  await page.fill('#tinjau-note', 'RW 001 sudah ikut gerakan bulan lalu; pilih RW lain.');
  await page.click('#tinjau-reject');
  await statusSays(page, new RegExp(`Pilihan #${rejectMe.id} ditolak`));
  check((await page.textContent('#tinjau-detail .state-badge')) === 'Ditolak', 'the state after is REJECTED');
  check((await page.textContent('#tinjau-decision')).includes('sudah ikut gerakan'), 'the decision and its note are shown');
  check((await page.$(`#tinjau-queue li[data-id="${rejectMe.id}"]`)) === null, 'the rejected selection left the queue');
  await ctx.axe('Tinjau, rejected');
  await ctx.shot('tinjau-rejected');

  // Approve another.
  await review(page, ctx, approveMe.id);
  await page.fill('#tinjau-note', 'Disetujui: cakupan penimbangan terendah di kecamatan.');
  await page.click('#tinjau-approve');
  await statusSays(page, new RegExp(`Pilihan #${approveMe.id} disetujui`));
  check((await page.textContent('#tinjau-detail .state-badge')) === 'Disetujui', 'the state after is APPROVED');

  // The conflict: camat-barat's and the lurah's share an RW; approve the camat's, reject the lurah's in one step.
  await review(page, ctx, camatBarat.id);
  const conflicts = await page.textContent('#tinjau-conflicts');
  check(conflicts.includes('#' + lurah.id) && conflicts.includes('lurah-medono'), 'the conflict names the other selection and its proposer');
  check((await page.$('#tinjau-approve')) === null && (await page.$('#tinjau-resolve')) !== null, 'a conflicting selection is approved only by settling the conflict');
  await ctx.axe('Tinjau, conflict');
  await ctx.shot('tinjau-conflict');
  await page.fill('#tinjau-note', 'Usulan camat mencakup RW yang sama; usulan lurah digabung ke sini.');
  await page.click('#tinjau-resolve');
  await statusSays(page, new RegExp(`Pilihan #${camatBarat.id} disetujui; ditolak karena bentrok: #${lurah.id}`));
  check((await page.textContent('#tinjau-detail .state-badge')) === 'Disetujui', 'the settled selection is APPROVED');
  check((await page.$(`#tinjau-queue li[data-id="${lurah.id}"]`)) === null, 'the conflicting one left the queue');
  const recent = await page.textContent('#tinjau-recent');
  check([rejectMe, approveMe, camatBarat, lurah].every((s) => recent.includes('#' + s.id)), 'the latest decisions list all four');
  await ctx.axe('Tinjau, conflict settled');
  await ctx.shot('tinjau-settled');
}
