// Mixed-workload load client (bench/load.sh runs it): four autocannon instances at once, one per operation, each
// with its own connections and latency histogram: registry (GraphQL facilities list with filters), choropleth
// (GraphQL rwIndicators { choropleth }), tiles (GET /tiles/rw-indicators/{z}/{x}/{y}.mvt over the city at z12-15)
// and growth (GraphQL growthAssessment, no database). Every GraphQL body is checked: "data" present, no "errors".
//
// Usage: node bench/load.mjs BASE_URL TILES_FILE YEAR MONTH [CONNECTIONS_PER_OP=8] [SECONDS=60] [WARMUP_SECONDS=10]
//        (autocannon resolved from NODE_PATH; TILES_FILE: "z x y" lines)
// Prints one line per operation and a total, and "RESULT op requests rps p50 p99 max errors" lines for the script.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const [base, tilesFile, yearArg, monthArg, connArg = '8', secondsArg = '60', warmupArg = '10'] = process.argv.slice(2);
if (!base || !tilesFile || !yearArg || !monthArg) {
  console.error('usage: node bench/load.mjs BASE_URL TILES_FILE YEAR MONTH [CONNECTIONS_PER_OP] [SECONDS] [WARMUP]');
  process.exit(2);
}
const year = Number(yearArg);
const month = Number(monthArg);
const connections = Number(connArg);
const seconds = Number(secondsArg);
const warmup = Number(warmupArg);

const graphql = (query, variables) => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query, variables }),
});

// registry: filtered pages of the facility list (kinds x kecamatan, first page), as the registry screen asks.
const REGISTRY = `query RegistryPage($filter: FacilityFilter, $first: Int) {
  facilities(filter: $filter, first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name type active location kelurahan { code name } } } } }`;
const registry = [];
for (const types of [['POSYANDU'], ['PUSKESMAS', 'PUSTU'], null]) {
  for (const regionCode of ['33.75', '33.75.01', '33.75.02', '33.75.03', '33.75.04']) {
    registry.push(graphql(REGISTRY, { filter: types ? { types, regionCode } : { regionCode }, first: 50 }));
  }
}
registry.push(graphql(REGISTRY, { filter: { nameContains: 'posyandu', regionCode: '33.75' }, first: 100 }));

// choropleth: the anonymous city choropleth of the latest demo month, three indicators.
const CHOROPLETH = `query Choropleth($p: IndicatorPeriodInput!, $i: RwIndicator!) {
  rwIndicators(regionCode: "33.75", period: $p) { period total { stuntingPrevalence tbNotificationsPer100k }
    choropleth(indicator: $i, method: NATURAL_BREAKS, classes: 5) {
      indicator classes breaks colors rws { regionCode value classIndex color } } } }`;
const choropleth = ['STUNTING_PREVALENCE', 'TB_NOTIFICATIONS_PER_100K', 'EXTREME_POOR_SHARE']
  .map((i) => graphql(CHOROPLETH, { p: { year, month }, i }));

// growth: the WHO z-score calculator over a spread of children (no database).
const GROWTH = `query GrowthAssessment($input: GrowthInput!) { growthAssessment(input: $input) { ageDays
  lengthHeightForAge { z category flagged } weightForAge { z category flagged }
  weightForLengthHeight { z category flagged } bmiForAge { z category flagged } } }`;
const growth = [];
for (let k = 0; k < 24; k++) {
  const ageDays = 30 + k * 75;
  growth.push(graphql(GROWTH, { input: {
    sex: k % 2 ? 'FEMALE' : 'MALE', ageDays, weightKg: 3.5 + ageDays / 200 + (k % 5) * 0.4,
    lengthHeightCm: 52 + ageDays / 28 - (k % 4), measured: ageDays < 730 ? 'LYING' : 'STANDING', oedema: false } }));
}

// tiles: every rw-indicators tile of the city at z12-15 (the list bench/tiles.sh uses), latest month.
const tiles = readFileSync(tilesFile, 'utf8').trim().split('\n').map((line) => {
  const [z, x, y] = line.trim().split(/\s+/);
  return { method: 'GET', path: `/tiles/rw-indicators/${z}/${x}/${y}.mvt?year=${year}&month=${month}` };
});

// A GraphQL answer is good when it has data and no errors; checked on the raw text (cheap on the client's core).
const graphQlOk = (body) => body.startsWith('{"data":{') && !body.includes('"errors":');
const mixes = [
  { name: 'registry', requests: registry, verifyBody: graphQlOk },
  { name: 'choropleth', requests: choropleth, verifyBody: graphQlOk },
  { name: 'tiles', requests: tiles },
  { name: 'growth', requests: growth, verifyBody: graphQlOk },
];

function run(mix, duration) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: base,
      connections,
      duration,
      timeout: 30,
      requests: mix.requests,
      ...(mix.verifyBody ? { verifyBody: mix.verifyBody } : {}),
    }, (err, result) => (err ? reject(err) : resolve({ mix, result })));
    instance.on('error', reject);
  });
}

const errorsOf = (r) => r.errors + r.non2xx + (r.mismatches || 0); // errors include timeouts

if (warmup > 0) {
  const warm = await Promise.all(mixes.map((m) => run(m, warmup)));
  const bad = warm.filter(({ result }) => errorsOf(result) > 0);
  console.log(`warm-up ${warmup}s: ${warm.map(({ mix, result }) => `${mix.name} ${result.requests.total}`).join(', ')}`
    + (bad.length ? ` (errors in ${bad.map(({ mix }) => mix.name).join(', ')})` : ''));
}

const measured = await Promise.all(mixes.map((m) => run(m, seconds)));
const pad = (s, n) => String(s).padStart(n);
console.log(`${connections} connections per operation x ${mixes.length} = ${connections * mixes.length} connections, `
  + `${seconds}s, concurrently`);
console.log('operation    requests    req/s    p50 ms   p99 ms   max ms   errors (non-2xx, GraphQL errors, timeouts, '
  + 'connection)');
let total = 0;
let totalErrors = 0;
for (const { mix, result: r } of measured) {
  const errors = errorsOf(r);
  total += r.requests.total;
  totalErrors += errors;
  const rps = r.requests.total / (r.duration || seconds);
  console.log(`${mix.name.padEnd(12)}${pad(r.requests.total, 9)}${pad(rps.toFixed(1), 9)}${pad(r.latency.p50, 10)}`
    + `${pad(r.latency.p99, 9)}${pad(r.latency.max, 9)}${pad(errors, 9)} (${r.non2xx}, ${r.mismatches || 0}, `
    + `${r.timeouts}, ${r.errors - r.timeouts})`);
  console.log(`RESULT ${mix.name} ${r.requests.total} ${rps.toFixed(1)} ${r.latency.p50} ${r.latency.p99} `
    + `${r.latency.max} ${errors}`);
}
console.log(`${'total'.padEnd(12)}${pad(total, 9)}${pad((total / seconds).toFixed(1), 9)}${' '.repeat(28)}`
  + `${pad(totalErrors, 9)}`);
console.log(`RESULT total ${total} ${(total / seconds).toFixed(1)} - - - ${totalErrors}`);
process.exit(totalErrors === 0 ? 0 : 1);
