// Writes the configuration of bench/peer/load.mjs (stdout, JSON) from the PEER_CONFIG_* variables bench/peer.sh sets:
// the servers (ILP Atlas; a second app jar when PEER_CONFIG_BASE2 is set;
// PostGraphile) and the two works of issue 19 with the request each server gets.
const env = process.env;
const year = Number(env.PEER_CONFIG_YEAR);

// Work 1: 271 RWs × 4 indicators of a year, as the Dinkes admin sees them.
const atlasChoropleth = `query Choropleth($year: Int!) {
  rwIndicators(regionCode: "33.75", period: {year: $year}) {
    rws { regionCode level stuntingPrevalence tbNotifications extremePoorShare measurementCoverage }
  }
}`;
const peerChoropleth = `query Choropleth($period: String!) {
  allRwIndicators: allRwIndicatorsList(condition: {kabkotaCode: "33.75", periodKey: $period}) {
    regionCode stuntingPrevalence tbNotifications extremePoorShare measurementCoverage
  }
}`;

// Work 2: the 14 puskesmas → their children → their children with services, in one request.
const atlasRegistry = `query Registry {
  facilities(filter: {types: [PUSKESMAS]}, first: 50) {
    edges { node { id name children { id name children { id name services { key } } } } }
  }
}`;
const peerRegistry = `query Registry {
  allFacilities: allFacilitiesList(condition: {type: "PUSKESMAS"}) {
    id: code name children { id: code name children { id: code name services { serviceKey } } }
  }
}`;

const atlasServer = (name, label, base, token) => ({
  name, label, kind: 'atlas', url: `${base}/graphql`, headers: { authorization: `Bearer ${token}` },
});
const servers = [atlasServer('atlas', env.PEER_CONFIG_LABEL1 || 'ILP Atlas', env.PEER_CONFIG_BASE, env.PEER_CONFIG_TOKEN)];
if (env.PEER_CONFIG_BASE2) {
  servers.push(atlasServer('atlas2', env.PEER_CONFIG_LABEL2 || 'ILP Atlas 2', env.PEER_CONFIG_BASE2,
    env.PEER_CONFIG_TOKEN2));
}
servers.push({ name: 'peer', label: env.PEER_CONFIG_PEER_LABEL || 'PostGraphile', kind: 'peer',
  url: env.PEER_CONFIG_URL, headers: {} });

const both = (atlas, peer) => Object.fromEntries(servers.map((s) => [s.name, s.kind === 'peer' ? peer : atlas]));
const config = {
  connections: Number(env.PEER_CONFIG_CONNECTIONS || 16),
  rounds: Number(env.PEER_CONFIG_ROUNDS || 6),
  seconds: Number(env.PEER_CONFIG_SECONDS || 10),
  warmupSeconds: Number(env.PEER_CONFIG_WARMUP || 10),
  servers,
  works: [
    { name: 'choropleth', title: `choropleth data: 271 RWs × 4 indicators of ${year} (admin)`, normalise: 'choropleth',
      requests: both({ query: atlasChoropleth, variables: { year } },
                     { query: peerChoropleth, variables: { period: String(year) } }) },
    { name: 'registry', title: 'registry walk: 14 puskesmas → children → children with services',
      normalise: 'registry',
      requests: both({ query: atlasRegistry, variables: {} }, { query: peerRegistry, variables: {} }) },
  ],
};
process.stdout.write(JSON.stringify(config, null, 2) + '\n');
