// Prints the first of the years given (latest first) that the registers of the four choropleth indicators (e-PPGBM,
// SITB, P3KE) cover completely, as ILP Atlas reports it; nothing when none does.
// Usage: node bench/peer/year.mjs BASE_URL TOKEN YEAR...
const [base, token, ...years] = process.argv.slice(2);
const USED = ['EPPGBM', 'SITB', 'P3KE'];
for (const year of years) {
  const query = `{ rwIndicators(regionCode: "33.75", period: {year: ${Number(year)}}) { dataCompleteness { register status } } }`;
  const res = await fetch(`${base}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const json = await res.json();
  if (!res.ok || json.errors) {
    console.error(`year.mjs: ${year}: HTTP ${res.status} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
    process.exit(1);
  }
  const used = json.data.rwIndicators.dataCompleteness.filter((r) => USED.includes(r.register));
  if (used.length === USED.length && used.every((r) => r.status === 'COMPLETE')) {
    console.log(year);
    break;
  }
}
