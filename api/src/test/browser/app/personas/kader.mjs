// The kader of Posyandu PSY-3375011002RW009-1 (Medono; RW 009 and RW 012): when do the Pusling and the posyandu come
// to her RWs (Jadwal RW), and the monthly KIA-gizi review of her kecamatan (public figures: a kader has no case
// access). The Pusling visit she looks for is made through the API first, as the field would make it (the lurah
// proposes RW 012, Puskesmas Medono approves, plans and publishes), so this walk depends on no other persona.
import { graphql, check } from '../harness.mjs';
import { jadwal, preparePuslingVisit, publishedVisits } from './steps/jadwal.mjs';
import { rapat } from './steps/rapat.mjs';

const POSYANDU = 'PSY-3375011002RW009-1';
const KELURAHAN = '33.75.01.1002';
const VISIT_RW = KELURAHAN + '.RW012';
const OTHER_RW = KELURAHAN + '.RW009';

export async function walk(page, ctx) {
  const { facility } = await graphql(ctx.baseUrl, 'dinkes', 'query($id: ID!) { facility(id: $id) { catchment { code } } }', { id: POSYANDU });
  const rws = facility.catchment.map((c) => c.code);
  check(rws.includes(VISIT_RW) && rws.includes(OTHER_RW), 'the posyandu serves ' + rws.join(', '));
  await preparePuslingVisit(ctx.baseUrl, { kelurahan: KELURAHAN, rwCodes: [VISIT_RW], proposer: 'lurah-medono', staff: 'puskesmas-medono' });
  const quiet = (await publishedVisits(ctx.baseUrl, 'puskesmas-medono', KELURAHAN, [OTHER_RW])).length ? null : OTHER_RW;

  await ctx.signIn('kader-' + POSYANDU);
  await jadwal(page, ctx, { visitRw: VISIT_RW, quietRw: quiet });
  await rapat(page, ctx, { kecamatan: '33.75.01' });
}
