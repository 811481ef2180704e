// TEMPORARY (issue 18, jadwal-rapat): the camat of Kecamatan Pekalongan Barat on Rapat KIA-gizi, until the lead wires
// steps/rapat.mjs into the camat walk (personas/camat.mjs); then delete this file.
import { rapat } from './steps/rapat.mjs';

export async function walk(page, ctx) {
  await ctx.signIn('camat-barat');
  await rapat(page, ctx, { kecamatan: '33.75.01' });
}
