// GraphQL over HTTP conformance audit: runs every server audit of the graphql-http package (the reference audit
// suite of the GraphQL over HTTP spec) against a running server and prints a JSON report on stdout:
//   {"url": ..., "graphqlHttpVersion": ..., "audits": [{"id", "name", "status", "reason"?, "httpStatus"?}, ...]}
// name begins with MUST / SHOULD / MAY; status is ok, or warn (SHOULD/MAY not met) / notice / error (MUST not met).
// Usage: node graphql-http-audit.mjs <graphqlUrl> (e.g. http://localhost:8080/graphql). Exit code 0 when the
// report was written (judging it is the caller's job: GraphQlHttpAuditTest), 2 on bad usage, 3 when graphql-http
// is not installed. Run by GraphQlHttpAuditTest (JUnit), which starts the app; ./atlas test installs graphql-http.
// Env: ATLAS_NODE_DIR (folder holding node_modules/graphql-http and graphql, default <repo>/.atlas/node).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const url = process.argv[2] || '';
if (!/^https?:\/\//.test(url)) {
  console.error('usage: node graphql-http-audit.mjs <graphqlUrl>');
  process.exit(2);
}
const nodeDir = process.env.ATLAS_NODE_DIR || path.join(repo, '.atlas', 'node');

let serverAudits;
let version;
try {
  const require = createRequire(path.join(nodeDir, 'package.json'));
  ({ serverAudits } = require('graphql-http'));
  version = require('graphql-http/package.json').version;
} catch (e) {
  console.error(`graphql-http not found in ${nodeDir}/node_modules (${e.message}). Install it with:\n`
    + `  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --prefix ${nodeDir} playwright-core@1.61.1`
    + ` graphql-http@1.23.1 graphql@16.15.0 axe-core@4.14.1\n(or run ./atlas test; one install for all: npm prunes unnamed ones)`);
  process.exit(3);
}

const audits = [];
for (const audit of serverAudits({ url })) {
  const started = Date.now();
  let result;
  try {
    result = await audit.fn();
  } catch (e) {
    // graphql-http throws only on fatal errors (e.g. the server cannot be reached): report it as an error.
    result = { id: audit.id, name: audit.name, status: 'error', reason: `audit threw: ${e && e.message}` };
  }
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    entry.reason = result.reason;
    if (result.response && typeof result.response.status === 'number') entry.httpStatus = result.response.status;
  }
  audits.push(entry);
  console.error(`[graphql-http-audit ${Date.now() - started} ms] ${entry.status.padEnd(6)} ${entry.id} ${entry.name}`
    + (entry.reason ? ` -- ${entry.reason}` : ''));
}
process.stdout.write(JSON.stringify({ url, graphqlHttpVersion: version, audits }, null, 2) + '\n');
