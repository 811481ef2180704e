// TEMPORARY (issue 18, jadwal-rapat): the lurah of Medono on Jadwal RW (RW picker over her kelurahan), until the lead
// wires steps/jadwal.mjs into the lurah walk (personas/lurah.mjs); then delete this file.
import { jadwal, preparePuslingVisit } from './steps/jadwal.mjs';

const KELURAHAN = '33.75.01.1002';
const VISIT_RW = KELURAHAN + '.RW012';

export async function walk(page, ctx) {
  await preparePuslingVisit(ctx.baseUrl, { kelurahan: KELURAHAN, rwCodes: [VISIT_RW], proposer: 'lurah-medono', staff: 'puskesmas-medono' });
  await ctx.signIn('lurah-medono');
  await jadwal(page, ctx, { visitRw: VISIT_RW });
}
