// Browser tests of the web app (/app), one persona per run: node app.spec.mjs <baseUrl> <persona>. Run by
// AppBrowserTest (JUnit), which starts the app on PostGIS with the synthetic data. Each persona module
// (personas/<persona>.mjs) exports walk(page, ctx) and walks its screens end to end; harness.mjs runs it at 390×844
// and 1366×768 with the checks every page must pass. Exit 0 = pass. The GraphQL operations sent are written to
// ATLAS_APP_OPERATIONS (JSON) for the check that every operation of /app/graphql/*.graphql is exercised.
import fs from 'node:fs';
import { runPersona, log } from './harness.mjs';

const baseUrl = (process.argv[2] || '').replace(/\/$/, '');
const persona = process.argv[3];
if (!baseUrl || !persona) { console.error('usage: node app.spec.mjs <baseUrl> <persona>'); process.exit(2); }

let failed = false;
try {
  const { walk } = await import(`./personas/${persona}.mjs`);
  const operations = await runPersona(baseUrl, persona, walk);
  if (process.env.ATLAS_APP_OPERATIONS) fs.writeFileSync(process.env.ATLAS_APP_OPERATIONS, JSON.stringify(operations, null, 1));
  log('operations: ' + Object.entries(operations).map(([k, v]) => `${k}×${v}`).join(' '));
} catch (e) {
  failed = true;
  console.error(e && e.stack || e);
}
log(failed ? 'FAILED' : 'passed');
process.exit(failed ? 1 : 0);
