// Load during a database restart (bench/faults.sh runs it). No dependencies (Node 18+ fetch, keep-alive).
//
//   node bench/faults.mjs run BASE_URL TILES_FILE YEAR MONTH WORKERS SECONDS OUT.csv
//       WORKERS loops, each cycling registry, choropleth, tiles, growth; one CSV line per request:
//       op,start_ms,end_ms,outcome,status (outcome OK, UNAVAILABLE = the clear DATABASE_UNAVAILABLE answer, OTHER)
//   node bench/faults.mjs report OUT.csv STOP_MS DOWN_MS START_MS UP_MS [HEALTH.csv]
//       STOP_MS/DOWN_MS: `./atlas db stop` began/returned; START_MS/UP_MS: `./atlas db start` began/returned
//       (epoch ms); HEALTH.csv: ms,status of /actuator/health/readiness polls.
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';

const [mode, ...args] = process.argv.slice(2);
const OPS = ['registry', 'choropleth', 'tiles', 'growth'];

if (mode === 'run') {
  const [base, tilesFile, year, month, workersArg, secondsArg, out] = args;
  const tiles = readFileSync(tilesFile, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
  const gql = (query, variables) => ({ method: 'POST', url: `${base}/graphql`, body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', accept: 'application/json' } });
  const requests = {
    registry: () => gql(`query($f: FacilityFilter) { facilities(filter: $f, first: 50) { totalCount
        edges { node { id name type } } } }`,
    { f: { types: ['POSYANDU'], regionCode: `33.75.0${1 + Math.floor(Math.random() * 4)}` } }),
    choropleth: () => gql(`query($p: IndicatorPeriodInput!) { rwIndicators(regionCode: "33.75", period: $p) {
        choropleth(indicator: STUNTING_PREVALENCE, method: NATURAL_BREAKS, classes: 5) { breaks
          rws { regionCode classIndex } } } }`, { p: { year: Number(year), month: Number(month) } }),
    tiles: () => {
      const [z, x, y] = tiles[Math.floor(Math.random() * tiles.length)];
      return { method: 'GET', url: `${base}/tiles/rw-indicators/${z}/${x}/${y}.mvt?year=${year}&month=${month}` };
    },
    growth: () => gql(`query($i: GrowthInput!) { growthAssessment(input: $i) { ageDays
        lengthHeightForAge { z category } } }`,
    { i: { sex: 'FEMALE', ageDays: 200 + Math.floor(Math.random() * 1500), weightKg: 9.5, lengthHeightCm: 78 } }),
  };
  const classify = (op, status, body) => {
    if (op === 'tiles') {
      if (status === 200 || status === 204) return 'OK';
      return status === 503 && body.includes('"DATABASE_UNAVAILABLE"') ? 'UNAVAILABLE' : 'OTHER';
    }
    if (status !== 200) return 'OTHER';
    let json;
    try { json = JSON.parse(body); } catch { return 'OTHER'; }
    if (!json.errors || json.errors.length === 0) return json.data ? 'OK' : 'OTHER';
    return json.errors.every((e) => e.extensions?.code === 'DATABASE_UNAVAILABLE') ? 'UNAVAILABLE' : 'OTHER';
  };
  writeFileSync(out, 'op,start_ms,end_ms,outcome,status\n');
  const until = Date.now() + Number(secondsArg) * 1000;
  let lines = [];
  let others = 0;
  const flush = () => { if (lines.length) { appendFileSync(out, lines.join('')); lines = []; } };
  const timer = setInterval(flush, 1000);
  const worker = async (w) => {
    for (let i = w; Date.now() < until; i++) {
      const op = OPS[i % OPS.length];
      const r = requests[op]();
      const t0 = Date.now();
      let outcome;
      let status = 0;
      try {
        const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body,
          signal: AbortSignal.timeout(40_000) });
        status = res.status;
        const body = op === 'tiles' && (status === 200 || status === 204) ? (await res.arrayBuffer(), '')
          : await res.text();
        outcome = classify(op, status, body);
        if (outcome === 'OTHER' && ++others <= 5) console.error(`${op} ${status}: ${body.slice(0, 300)}`);
      } catch (e) {
        outcome = 'OTHER';
        if (++others <= 5) console.error(`${op}: ${e}`);
      }
      lines.push(`${op},${t0},${Date.now()},${outcome},${status}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(workersArg) }, (_, w) => worker(w)));
  clearInterval(timer);
  flush();
} else if (mode === 'report') {
  const [file, stopArg, downArg, startArg, upArg, healthFile] = args;
  const [stopMs, downMs, startMs, upMs] = [stopArg, downArg, startArg, upArg].map(Number);
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => {
    const [op, s, e, outcome, status] = l.split(',');
    return { op, start: Number(s), end: Number(e), outcome, status: Number(status) };
  });
  const phase = (r) => (r.end < stopMs ? 'before' : r.start > upMs ? 'after' : 'outage');
  const lastBad = rows.filter((r) => r.outcome !== 'OK').reduce((m, r) => Math.max(m, r.end), 0);
  const sec = (ms) => (ms / 1000).toFixed(1);
  console.log(`database: stop took ${sec(downMs - stopMs)} s, down ${sec(startMs - downMs)} s, start took `
    + `${sec(upMs - startMs)} s (the app was not restarted)`);
  console.log('operation   phase     requests       OK  DB_UNAVAILABLE  other   p50 ms  max ms');
  for (const op of OPS) {
    for (const p of ['before', 'outage', 'after']) {
      const rs = rows.filter((r) => r.op === op && phase(r) === p);
      const lat = rs.map((r) => r.end - r.start).sort((a, b) => a - b);
      const count = (o) => rs.filter((r) => r.outcome === o).length;
      console.log(`${op.padEnd(12)}${p.padEnd(8)}${String(rs.length).padStart(10)}${String(count('OK')).padStart(9)}`
        + `${String(count('UNAVAILABLE')).padStart(16)}${String(count('OTHER')).padStart(7)}`
        + `${String(lat.length ? lat[Math.floor(lat.length / 2)] : '-').padStart(9)}`
        + `${String(lat.length ? lat[lat.length - 1] : '-').padStart(8)}`);
    }
  }
  const other = rows.filter((r) => r.outcome === 'OTHER').length;
  const firstBad = rows.filter((r) => r.outcome !== 'OK').reduce((m, r) => Math.min(m, r.end), Infinity);
  const last = !lastBad ? 'none' : lastBad > upMs ? `the last ${sec(lastBad - upMs)} s after the database was up again`
    : `the last ${sec(upMs - lastBad)} s before the database was up again (none after)`;
  console.log(`failed answers: ${firstBad === Infinity ? 'none' : `the first ${sec(firstBad - stopMs)} s after the stop `
    + `began, ${last}`}`);
  const after = rows.filter((r) => r.start > Math.max(lastBad, upMs));
  console.log(`after recovery: ${after.length} requests, ${after.filter((r) => r.outcome !== 'OK').length} errors; `
    + `answers other than OK or DATABASE_UNAVAILABLE in the whole run: ${other}`);
  if (healthFile) {
    const polls = readFileSync(healthFile, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
    const down = polls.filter(([t, s]) => t >= stopMs && s !== 200);
    const upAgain = polls.find(([t, s]) => t >= upMs && s === 200);
    console.log(`readiness: ${down.length ? `DOWN (${[...new Set(down.map(([, s]) => s))].join('/')}) from `
      + `${sec(down[0][0] - stopMs)} s after the stop began` : 'never DOWN'}; UP again `
      + `${upAgain ? `${sec(upAgain[0] - upMs)} s after the database was up` : 'never'}`);
  }
  process.exit(other === 0 && lastBad - upMs < 30_000 ? 0 : 1);
} else {
  console.error('usage: node bench/faults.mjs run|report ...');
  process.exit(2);
}
