// The load client of bench/peer.sh: checks that ILP Atlas and PostGraphile give the same answers, warms both, then
// measures them interleaved (closed loop, N keep-alive connections) and prints table 1 of issue 19 in markdown.
//
// Usage: node bench/peer/load.mjs CONFIG.json
// CONFIG: { connections, rounds, seconds, warmupSeconds,
//           servers: [{ name, label, kind: atlas|peer, url, headers }], (ratios: each app against the peer)
//           works:   [{ name, title, normalise, requests: { <server name>: { query, variables } } }] }
// Node 20, no packages. Exit 1 on any HTTP error, GraphQL `errors`, or answers that differ.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const CONNECTIONS = config.connections ?? 16;
const ROUNDS = config.rounds ?? 6;
const SECONDS = config.seconds ?? 10;
const WARMUP = config.warmupSeconds ?? 5;

const log = (msg) => process.stderr.write(`peer-load: ${msg}\n`);
const fail = (msg) => { process.stderr.write(`peer-load: error: ${msg}\n`); process.exit(1); };

// ------------------------------------------------------------------------------------------------ HTTP

// A fresh agent for every measured window: its keep-alive connections are opened at the window's start and closed
// at its end, so that no connection sits idle between windows (the servers close idle keep-alive connections, Node's
// after 5 s, and a request racing that close fails with "socket hang up").
function agentFor() {
  return new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
}

/** One POST; resolves to { status, body } (body as a string). Rejects on a network error or a 30 s timeout. */
function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({
      agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json',
                 'content-length': Buffer.byteLength(body), ...headers },
      timeout: 30000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode, body: buffer.toString('utf8'), bytes: buffer.length });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The parsed `data` of a GraphQL answer; throws on an HTTP error or `errors`. */
function dataOf(server, work, res) {
  if (res.status !== 200) {
    throw new Error(`${server.name}/${work.name}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  }
  let json;
  try { json = JSON.parse(res.body); } catch (e) {
    throw new Error(`${server.name}/${work.name}: not JSON: ${res.body.slice(0, 300)}`);
  }
  if (json.errors && json.errors.length) {
    throw new Error(`${server.name}/${work.name}: GraphQL errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  }
  if (!json.data) throw new Error(`${server.name}/${work.name}: no data: ${res.body.slice(0, 300)}`);
  return json.data;
}

// ------------------------------------------------------------------------------------------------ canonical forms

// Numbers compared to 12 significant digits (both sides divide the same integers; JSON printing may differ).
const num = (v) => (v === null || v === undefined ? null : Number(Number(v).toPrecision(12)));

const choropleth = {
  // ILP Atlas: rwIndicators.rws, RW rows only (the report also lists each kelurahan's unassigned records).
  atlas: (d) => d.rwIndicators.rws.filter((r) => r.level === 'RW').map((r) =>
    [r.regionCode, num(r.stuntingPrevalence), num(r.tbNotifications), num(r.extremePoorShare),
     num(r.measurementCoverage)]),
  peer: (d) => d.allRwIndicators.map((r) =>
    [r.regionCode, num(r.stuntingPrevalence), num(r.tbNotifications), num(r.extremePoorShare),
     num(r.measurementCoverage)]),
  items: (rows) => rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  label: (row) => `RW ${row[0]} → [stuntingPrevalence, tbNotifications, extremePoorShare, measurementCoverage] = `
    + JSON.stringify(row.slice(1)),
};

// A facility tree flattened to one line per facility, in a sorted order: "PKM-x", "PKM-x/PUSTU-y", ...
function treeLines(list, prefix, lines, kids, services) {
  for (const f of [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const path = prefix ? `${prefix}/${f.id}` : f.id;
    const keys = services(f);
    lines.push(`${path} name=${JSON.stringify(f.name)}${keys ? ` services=${[...keys].sort().join(',')}` : ''}`);
    const children = kids(f);
    if (children) treeLines(children, path, lines, kids, services);
  }
  return lines;
}

const registry = {
  atlas: (d) => treeLines(d.facilities.edges.map((e) => e.node), '', [],
    (f) => f.children, (f) => (f.services ? f.services.map((s) => s.key) : null)),
  peer: (d) => treeLines(d.allFacilities, '', [],
    (f) => f.children, (f) => (f.services ? f.services.map((s) => s.serviceKey) : null)),
  items: (lines) => lines,
  label: (line) => line,
};

const NORMALISERS = { choropleth, registry };

function canonical(work, server, data) {
  const n = NORMALISERS[work.normalise];
  const side = server.kind === 'peer' ? n.peer : n.atlas;
  return n.items(side(data));
}

function compare(work, a, b, nameA, nameB) {
  const n = NORMALISERS[work.normalise];
  const len = Math.max(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i] === undefined ? '(nothing)' : n.label(a[i]);
    const y = b[i] === undefined ? '(nothing)' : n.label(b[i]);
    if (x !== y) {
      fail(`${work.name}: the answers differ at item ${i + 1} of ${a.length} (${nameA}) / ${b.length} (${nameB}):\n`
        + `  ${nameA}: ${x}\n  ${nameB}: ${y}`);
    }
  }
  return a.length;
}

// ------------------------------------------------------------------------------------------------ load

/** Closed loop: CONNECTIONS workers, each sending its next request when the previous answer is in. */
async function closedLoop(server, work, seconds) {
  const agent = agentFor();
  const { query, variables } = work.requests[server.name];
  const body = JSON.stringify({ query, variables });
  const latencies = [];   // ms, one per completed request
  let bytes = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let firstError = null;
  const worker = async () => {
    while (firstError === null) {
      const t0 = process.hrtime.bigint();
      if (t0 >= end) return;
      let res;
      try { res = await post(agent, server.url, server.headers, body); } catch (e) {
        firstError = new Error(`${server.name}/${work.name}: ${e.message}`); return;
      }
      const t1 = process.hrtime.bigint();
      // The answer is checked (status, errors), not timed: both servers pay the same.
      if (res.status !== 200 || res.body.startsWith('{"errors"') || res.body.includes('"errors":[')) {
        try { dataOf(server, work, res); } catch (e) { firstError = e; return; }
      }
      latencies.push(Number(t1 - t0) / 1e6);
      bytes += res.bytes;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  if (firstError) throw firstError;
  return { latencies, elapsed, bytes };
}

function pct(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

function summary(runs) {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((s, r) => s + r.elapsed, 0);
  const n = all.length;
  const mean = n ? all.reduce((s, x) => s + x, 0) / n : NaN;
  const rps = n / elapsed;
  const little = rps * (mean / 1000);   // Little's law: requests in flight = throughput × mean latency
  return { n, elapsed, rps, mean, p50: pct(all, 50), p99: pct(all, 99), max: all[n - 1],
           bytes: n ? runs.reduce((s, r) => s + r.bytes, 0) / n : NaN, little,
           perRound: runs.map((r) => r.latencies.length / r.elapsed) };
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

async function main() {
  const servers = config.servers;
  const works = config.works;

  // 1. Same answers first.
  for (const work of works) {
    let reference = null;
    for (const server of servers) {
      const { query, variables } = work.requests[server.name];
      const agent = agentFor();
      let res;
      try { res = await post(agent, server.url, server.headers, JSON.stringify({ query, variables })); } catch (e) {
        fail(`${server.name}/${work.name}: ${e.message}`);
      }
      agent.destroy();
      let data;
      try { data = dataOf(server, work, res); } catch (e) { fail(e.message); }
      const items = canonical(work, server, data);
      if (!items.length) fail(`${server.name}/${work.name}: empty answer`);
      if (reference === null) {
        reference = { server, items };
      } else {
        compare(work, reference.items, items, reference.server.name, server.name);
      }
      work.items = items.length;
      work.bytes = work.bytes ?? {};
      work.bytes[server.name] = res.bytes;
    }
    log(`${work.name}: ${servers.map((s) => s.name).join(' = ')} (${work.items} items, canonical forms equal)`);
  }

  // 2. Warm-up, every server and work, unmeasured.
  for (const work of works) {
    for (const server of servers) {
      log(`warm-up ${server.name}/${work.name} ${WARMUP}s`);
      try { await closedLoop(server, work, WARMUP); } catch (e) { fail(e.message); }
    }
  }

  // 3. Interleaved rounds: for each round and work, every server in turn (the order rotates each round).
  const results = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const work of works) {
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) {
        let r;
        try { r = await closedLoop(server, work, SECONDS); } catch (e) { fail(e.message); }
        const key = `${work.name}|${server.name}`;
        if (!results.has(key)) results.set(key, []);
        results.get(key).push(r);
        log(`round ${round + 1}/${ROUNDS} ${work.name} ${server.name}: ${r.latencies.length} requests in `
          + `${r.elapsed.toFixed(1)}s = ${f1(r.latencies.length / r.elapsed)} req/s`);
      }
    }
  }

  // 4. Tables.
  const out = [];
  let littleWarnings = 0;
  out.push(`### Table 1: ${servers.map((s) => s.label).join(' vs ')}`);
  out.push('');
  out.push(`${CONNECTIONS} keep-alive connections, closed loop, ${ROUNDS} interleaved rounds × ${SECONDS} s per server and `
    + `work after ${WARMUP} s of warm-up each; answers checked equal first.`);
  out.push('');
  out.push('| work | server | requests | req/s | p50 ms | p99 ms | mean ms | max ms | bytes/req | req/s per round |');
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  const sums = new Map();
  for (const work of works) {
    for (const server of servers) {
      const s = summary(results.get(`${work.name}|${server.name}`));
      sums.set(`${work.name}|${server.name}`, s);
      out.push(`| ${work.title} (${work.items} items) | ${server.label} | ${s.n} | ${f1(s.rps)} | ${f1(s.p50)} | ${f1(s.p99)} | ${f1(s.mean)} | `
        + `${f1(s.max)} | ${Math.round(s.bytes)} | ${s.perRound.map(f1).join(' ')} |`);
    }
  }
  out.push('');
  // The pairs compared: every ILP Atlas server against the peer, and a second jar against the first.
  const peer = servers.find((s) => s.kind === 'peer');
  const apps = servers.filter((s) => s.kind !== 'peer');
  const pairs = apps.map((s) => [s, peer]);
  if (apps.length > 1) pairs.push([apps[1], apps[0]]);
  out.push(`| work | ${pairs.map(([a, b]) => `${a.label} vs ${b.label}`).join(' | ')} |`);
  out.push(`|---|${pairs.map(() => '---').join('|')}|`);
  for (const work of works) {
    const cells = pairs.map(([x, y]) => {
      const a = sums.get(`${work.name}|${x.name}`);
      const b = sums.get(`${work.name}|${y.name}`);
      return `${f2(a.rps / b.rps)}× its req/s (${f1(a.rps)} vs ${f1(b.rps)}); p99 ${f1(a.p99)} vs ${f1(b.p99)} ms `
        + `(${f2(a.p99 / b.p99)}×)`;
    });
    out.push(`| ${work.title} (${work.items} items) | ${cells.join(' | ')} |`);
  }
  out.push('');
  out.push(`Cross-check (Little's law: req/s × mean latency = requests in flight, should be ≈ ${CONNECTIONS}):`);
  for (const [key, s] of sums) {
    const off = Math.abs(s.little - CONNECTIONS) / CONNECTIONS;
    const warn = off > 0.1;
    if (warn) littleWarnings++;
    out.push(`- ${key.replace('|', ' / ')}: ${f1(s.rps)} req/s × ${f1(s.mean)} ms = ${f2(s.little)} in flight`
      + (warn ? ` — WARNING: ${(off * 100).toFixed(0)} % off ${CONNECTIONS}` : ' (ok)'));
  }
  process.stdout.write(out.join('\n') + '\n');
  for (const s of servers) {
    for (const w of works) {
      const r = sums.get(`${w.name}|${s.name}`);
      process.stdout.write(`RESULT|${w.name}|${s.name}|${r.rps}|${r.p50}|${r.p99}|${r.little}\n`);
    }
  }
  if (littleWarnings) log(`WARNING: ${littleWarnings} Little's-law cross-check(s) off by more than 10 %`);
}

main().catch((e) => fail(e.stack || e.message));
