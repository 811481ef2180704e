// ILP Atlas planner map. Plain script, no build step; MapLibre GL JS is vendored under /map/vendor/.
// RW polygons come from the vector tiles (/tiles/rw-indicators/...) when the server has them, else from GraphQL
// (regions(level: RW).geometry). Classes, breaks and colours always come from GraphQL rwIndicators.choropleth, joined
// to the polygons by RW code, so the legend is the server's. The hex heat is coloured by the tiles themselves (each
// hexagon's class colour, from the server's breaks) and its legend comes from GraphQL hexHeatLayer for the same
// indicator, period, measure and hexagon size, with the share of the records that could be placed on the map.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const NO_DATA = '#d9d9d9';
  const RATE = /PREVALENCE|SHARE|COVERAGE|RATE/;
  const state = { mode: null, choropleth: null, synthetic: false, rendered: false, selected: null, error: null,
    hexLayer: null, hexSize: 1000, hexMonth: null, hexNote: '' };
  window.atlasState = state;

  // ------------------------------------------------------------------ GraphQL
  function token() {
    return $('token').value.trim().replace(/^Bearer\s+/i, '');
  }

  async function gql(query, variables) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  function period() {
    const p = { year: Number($('year').value) };
    if ($('month').value) p.month = Number($('month').value);
    return p;
  }

  function periodQuery() {
    const p = period();
    return 'year=' + p.year + (p.month ? '&month=' + p.month : '');
  }

  function setStatus(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
    if (error) state.error = text;
  }

  function fmt(value, indicator) {
    if (value === null || value === undefined) return '–';
    if (RATE.test(indicator || '')) return (value * 100).toFixed(1) + '%';
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  // ------------------------------------------------------------------ map
  const map = new maplibregl.Map({
    container: 'map',
    // No basemap: the RW polygons are the base (offline; no tile server, no glyphs, no sprites).
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef2' } }] },
    center: [109.67, -6.89],
    zoom: 12,
    attributionControl: { compact: true, customAttribution: 'ILP Atlas · boundaries: Kemendagri / demo RW polygons' },
    transformRequest: (url) => {
      if (token() && url.startsWith(location.origin + '/tiles/')) {
        return { url, headers: { Authorization: 'Bearer ' + token() } };
      }
      return { url };
    },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.atlasMap = map;

  async function tilesAvailable() {
    try {
      return (await fetch('/tiles/rw-indicators/style.json', { method: 'GET' })).ok;
    } catch (e) {
      return false;
    }
  }

  async function rwGeoJson(region) {
    const features = [];
    let after = null;
    for (;;) {
      const data = await gql(`query Rws($within: ID!, $after: String) {
        regions(level: RW, within: $within, first: 1000, after: $after) {
          edges { node { code name synthetic geometry(simplifyMeters: 3) } }
          pageInfo { hasNextPage endCursor } } }`, { within: region, after });
      for (const { node } of data.regions.edges) {
        if (node.synthetic) state.synthetic = true;
        if (node.geometry) features.push({ type: 'Feature', geometry: node.geometry, properties: { code: node.code, name: node.name } });
      }
      if (!data.regions.pageInfo.hasNextPage) break;
      after = data.regions.pageInfo.endCursor;
    }
    return { type: 'FeatureCollection', features };
  }

  function bounds(geometry) {
    const b = new maplibregl.LngLatBounds();
    const walk = (c) => (typeof c[0] === 'number' ? b.extend(c) : c.forEach(walk));
    walk(geometry.coordinates);
    return b;
  }

  async function addRwLayers(region) {
    state.mode = (await tilesAvailable()) ? 'tiles' : 'geojson';
    if (state.mode === 'tiles') {
      map.addSource('rw', {
        type: 'vector', tiles: [location.origin + '/tiles/rw-indicators/{z}/{x}/{y}.mvt?' + periodQuery()],
        minzoom: 0, maxzoom: 16, promoteId: { rw_indicators: 'code' },
      });
    } else {
      map.addSource('rw', { type: 'geojson', data: await rwGeoJson(region), promoteId: 'code' });
    }
    const layer = state.mode === 'tiles' ? { 'source-layer': 'rw_indicators' } : {};
    map.addLayer({ id: 'rw-fill', type: 'fill', source: 'rw', ...layer, paint: { 'fill-color': NO_DATA, 'fill-opacity': 0.85 } });
    map.addLayer({ id: 'rw-line', type: 'line', source: 'rw', ...layer, paint: { 'line-color': '#555', 'line-width': 0.4 } });
    map.addLayer({ id: 'rw-selected', type: 'line', source: 'rw', ...layer, filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': '#0047ab', 'line-width': 3 } });
    if (state.mode === 'tiles') {
      map.addSource('hex', { type: 'vector', tiles: [hexUrl()], minzoom: 0, maxzoom: 16 });
      map.addLayer({ id: 'hex', type: 'fill', source: 'hex', 'source-layer': 'hex_heat', layout: { visibility: 'none' },
        // The server classes every hexagon (property color); grey = suppressed, never "low".
        paint: {
          'fill-color': ['case', ['has', 'color'], ['get', 'color'], NO_DATA],
          'fill-opacity': 0.7, 'fill-outline-color': '#ffffff',
        } }, 'rw-selected');
    } else {
      $('hex').disabled = true;
      $('hex').parentElement.title = 'Hex heat needs the /tiles/hex-heat endpoint, which this server does not offer.';
    }
    const region_ = (await gql('query R($c: ID!) { region(code: $c) { synthetic geometry(simplifyMeters: 50) } }', { c: region })).region;
    if (region_ && region_.geometry) map.fitBounds(bounds(region_.geometry), { padding: 20, duration: 0 });
  }

  function kabkota() {
    return $('region').value.trim().split('.').slice(0, 2).join('.');
  }

  function hexUrl() {
    const q = new URLSearchParams({ indicator: $('hex-indicator').value, year: String(period().year),
      measure: $('hex-measure').value, kabkota: kabkota() });
    if (state.hexMonth) q.set('month', String(state.hexMonth));
    return location.origin + '/tiles/hex-heat/{z}/{x}/{y}.mvt?' + q.toString();
  }

  const HEX_LAYER = `query Hex($k: ID!, $indicator: HexHeatIndicator, $year: Int!, $month: Int, $size: Float,
      $measure: HexHeatMeasure) {
    hexHeatLayer(kabkotaCode: $k, indicator: $indicator, year: $year, month: $month, sizeMeters: $size, measure: $measure) {
      indicator measure period sizeMeters exact definition classes breaks colors suppressedColor
      legend { index label color hexCount } hexCount suppressedHexCount
      records geocodedRecords geocodedShare denominatorRecords denominatorGeocodedRecords denominatorGeocodedShare
      totalsExact synthetic privacy } }`;

  // The hex legend of the current indicator, period, measure and hexagon size; months fall back to the year for
  // callers without case access (the server refuses monthly hexagons to them, naming month).
  async function loadHexLegend() {
    if (state.mode !== 'tiles' || !$('hex').checked) {
      $('hex-panel').hidden = true;
      return;
    }
    const tb = $('hex-indicator').value === 'TB_NOTIFICATIONS';
    $('hex-measure').querySelector('option[value=RATE]').disabled = tb;
    if (tb && $('hex-measure').value === 'RATE') $('hex-measure').value = 'COUNT';
    const p = period();
    const vars = { k: kabkota(), indicator: $('hex-indicator').value, year: p.year, month: p.month || null,
      size: state.hexSize, measure: $('hex-measure').value };
    let layer;
    let note = '';
    try {
      layer = (await gql(HEX_LAYER, vars)).hexHeatLayer;
    } catch (e) {
      if (!vars.month || !/'month'/.test(e.message)) throw e;
      vars.month = null;
      layer = (await gql(HEX_LAYER, vars)).hexHeatLayer;
      note = `Hexagons by month need a token with case access (public monthly hexagons could be subtracted from the `
        + `year's); showing the whole year ${p.year}.`;
    }
    state.hexLayer = layer;
    state.hexMonth = vars.month;
    state.hexNote = note;
    const url = hexUrl();
    const source = map.getSource('hex');
    if (source && (!source.tiles || source.tiles[0] !== url)) source.setTiles([url]);
    renderHexLegend(layer, note);
  }

  function share(value) {
    return value === null || value === undefined ? 'unknown' : (value * 100).toFixed(1) + ' %';
  }

  function renderHexLegend(h, note) {
    $('hex-panel').hidden = false;
    $('hex-legend-title').textContent = `Hex heat · ${$('hex-indicator').selectedOptions[0].text}`
      + ` (${h.measure === 'RATE' ? 'rate' : 'count'}, ${h.period}, ${h.sizeMeters} m)`;
    const legend = $('hex-legend');
    legend.replaceChildren();
    const item = (color, text, index) => {
      const div = document.createElement('div');
      div.className = 'legend-item';
      if (index !== undefined) div.dataset.hexClassIndex = String(index);
      div.dataset.color = color;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = color;
      div.append(swatch, text);
      legend.append(div);
    };
    for (const c of h.legend) item(c.color, `${c.label} (${c.hexCount} hex)`, c.index);
    item(h.suppressedColor, `suppressed (${h.suppressedHexCount} hex)`);
    const placed = document.createElement('p');
    placed.id = 'hex-geocoded';
    placed.className = 'hint';
    placed.textContent = `On the map: ${share(h.geocodedShare)} of the records (${h.geocodedRecords ?? '–'} of `
      + `${h.records ?? '–'} have a point${h.totalsExact ? '' : ', rounded to 5'}); the others are placed by RW only `
      + 'and are in no hexagon.'
      + (h.measure === 'RATE' ? ` Denominator on the map: ${share(h.denominatorGeocodedShare)}.` : '');
    const definition = document.createElement('p');
    definition.className = 'hint';
    definition.textContent = `${h.definition}. ${h.privacy}.`;
    legend.append(placed, definition);
    if (note) {
      const n = document.createElement('p');
      n.id = 'hex-note';
      n.className = 'hint';
      n.textContent = note;
      legend.append(n);
    }
  }

  async function addPuskesmas(region) {
    const data = await gql(`query P($region: ID!) { facilities(filter: { types: [PUSKESMAS], regionCode: $region }, first: 1000) {
      edges { node { id name location } } } }`, { region });
    const features = data.facilities.edges.map(({ node }) => ({ type: 'Feature', geometry: node.location, properties: { id: node.id, name: node.name } }));
    map.addSource('puskesmas', { type: 'geojson', data: { type: 'FeatureCollection', features } });
    map.addLayer({ id: 'puskesmas', type: 'circle', source: 'puskesmas',
      paint: { 'circle-radius': 6, 'circle-color': '#1b7837', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
  }

  // ------------------------------------------------------------------ choropleth + legend
  async function loadChoropleth() {
    const indicator = $('indicator').value;
    setStatus('Loading ' + $('indicator').selectedOptions[0].text + '…');
    const data = await gql(`query Choropleth($region: ID!, $period: IndicatorPeriodInput!, $indicator: RwIndicator!,
        $method: ClassificationMethod, $classes: Int) {
      rwIndicators(regionCode: $region, period: $period) {
        period synthetic
        choropleth(indicator: $indicator, method: $method, classes: $classes) {
          indicator method classes breaks colors rws { regionCode value classIndex color }
          legend { classIndex label level color rwCount } } } }`,
      { region: $('region').value.trim(), period: period(), indicator, method: $('method').value,
        classes: Number($('classes').value) || 5 });
    const report = data.rwIndicators;
    const choropleth = report.choropleth;
    state.choropleth = choropleth;
    state.values = Object.fromEntries(choropleth.rws.map((r) => [r.regionCode, r]));
    if (report.synthetic) state.synthetic = true;
    $('synthetic').hidden = !state.synthetic;
    const pairs = choropleth.rws.filter((r) => r.color).flatMap((r) => [r.regionCode, r.color]);
    map.setPaintProperty('rw-fill', 'fill-color', pairs.length ? ['match', ['get', 'code'], ...pairs, NO_DATA] : NO_DATA);
    renderLegend(choropleth, report.period);
    const mapped = pairs.length / 2;
    setStatus(`${mapped} of ${choropleth.rws.length} RWs classed · period ${report.period} · polygons from `
      + (state.mode === 'tiles' ? 'vector tiles' : 'GraphQL (tile endpoints not available)'));
  }

  function renderLegend(c, periodKey) {
    $('legend-title').textContent = `Legend · ${$('indicator').selectedOptions[0].text} (${periodKey})`;
    const legend = $('legend');
    legend.replaceChildren();
    // The server's legend: its labels ("12.5 – 20.3 %", "0 %", WHO levels "20 – < 30 %") and RW counts.
    for (const cls of c.legend) {
      const item = document.createElement('div');
      item.className = 'legend-item';
      item.dataset.classIndex = String(cls.classIndex);
      item.dataset.color = cls.color;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = cls.color;
      item.append(swatch, `${cls.level ? cls.level + ': ' : ''}${cls.label} (${cls.rwCount} RW)`);
      legend.append(item);
    }
    const none = document.createElement('div');
    none.className = 'legend-item';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = NO_DATA;
    none.append(swatch, `no data / suppressed (${c.rws.filter((r) => r.classIndex === null).length} RW)`);
    legend.append(none);
    const method = document.createElement('div');
    method.className = 'hint';
    method.textContent = `${c.method.replaceAll('_', ' ').toLowerCase()}, ${c.classes} classes (server)`;
    legend.append(method);
  }

  // ------------------------------------------------------------------ details
  const MISSING = { SUPPRESSED: 'suppressed', NO_DATA: 'no data for this period',
    PARTIAL_PERIOD: 'period only partly covered', NO_DENOMINATOR: 'nothing to divide by' };
  const DETAIL_FIELDS = [
    ['population', 'Population'], ['balitaTargeted', 'Balita targeted'], ['childrenMeasured', 'Balita measured'],
    ['measurementCoverage', 'Measurement coverage', true], ['stunted', 'Stunted'], ['stuntingPrevalence', 'Stunting prevalence', true],
    ['severelyStunted', 'Severely stunted'], ['tbNotifications', 'TB notifications'], ['tbNotificationsPer100k', 'TB per 100k'],
    ['extremePoorHouseholds', 'Extreme-poor households'], ['extremePoorShare', 'Extreme-poor share', true],
    ['births', 'Births'], ['lowBirthWeightBirths', 'BBLR births'], ['highRiskPregnancies', 'High-risk pregnancies'],
  ];

  async function showDetails(code) {
    state.selected = code;
    map.setFilter('rw-selected', ['==', ['get', 'code'], code]);
    const details = $('details');
    details.textContent = 'Loading ' + code + '…';
    const kelurahan = code.replace(/\.RW\d+$/, '');
    try {
      const data = await gql(`query Rw($region: ID!, $period: IndicatorPeriodInput!) {
        rwIndicators(regionCode: $region, period: $period) { period
          rws { regionCode name exact suppressed missing { field reason }
                ${DETAIL_FIELDS.map((f) => f[0]).join(' ')} } } }`,
        { region: kelurahan, period: period() });
      const row = data.rwIndicators.rws.find((r) => r.regionCode === code);
      if (state.selected !== code) return;
      if (!row) { details.textContent = 'No indicators for ' + code; return; }
      const table = document.createElement('table');
      for (const [key, label, rate] of DETAIL_FIELDS) {
        const tr = table.insertRow();
        tr.dataset.field = key;
        tr.insertCell().textContent = label;
        // A null value says why: no data is not zero.
        const why = (row.missing.find((m) => m.field === key) || {}).reason;
        tr.insertCell().textContent = row[key] === null ? (MISSING[why] || '–')
          : rate ? (row[key] * 100).toFixed(1) + '%' : fmt(row[key]);
      }
      const head = document.createElement('p');
      const strong = document.createElement('strong');
      strong.textContent = `${row.name} · ${row.regionCode}`;
      head.append(strong, document.createElement('br'),
        `period ${data.rwIndicators.period} · ${row.exact ? 'exact values' : 'small counts suppressed (give a token for exact values)'}`);
      details.replaceChildren(head, table);
      details.dataset.code = code;
    } catch (e) {
      details.textContent = 'Error: ' + e.message;
    }
  }

  // ------------------------------------------------------------------ wiring
  async function refresh() {
    try {
      await loadChoropleth();
      if (state.mode === 'tiles') {
        map.getSource('rw').setTiles([location.origin + '/tiles/rw-indicators/{z}/{x}/{y}.mvt?' + periodQuery()]);
        await loadHexLegend();
      }
      if (state.selected) showDetails(state.selected);
    } catch (e) {
      setStatus('Error: ' + e.message, true);
    }
  }

  const fromUrl = new URLSearchParams(location.search).get('region');
  if (fromUrl) $('region').value = fromUrl;

  // The latest month the e-PPGBM imports of the kab/kota cover completely: a month or year still in progress has no
  // counts (no data is not zero), so the map opens on the last complete month unless the URL names a period.
  // The kab/kota of a region code, dotted (33.75.01.1002) or not (3375011002).
  function kabkotaOf(region) {
    const digits = region.replace(/\D/g, '');
    return digits.slice(0, 2) + '.' + digits.slice(2, 4);
  }

  async function latestCompleteMonth(region) {
    const data = await gql(`query Availability($k: ID!) { dataAvailability(kabkotaCode: $k) {
      registers { register periods(granularity: MONTH) { from status } } } }`, { k: kabkotaOf(region) });
    const eppgbm = data.dataAvailability.registers.find((r) => r.register === 'EPPGBM');
    const complete = eppgbm.periods.filter((p) => p.status === 'COMPLETE');
    return complete.length ? complete[complete.length - 1].from : null;
  }

  map.on('load', async () => {
    const region = $('region').value.trim();
    $('token').value = localStorage.getItem('atlas.token') || '';
    try {
      const params = new URLSearchParams(location.search);
      if (params.get('year')) {
        $('year').value = params.get('year');
        $('month').value = params.get('month') || '';
      } else {
        const latest = await latestCompleteMonth(region).catch(() => null);
        if (latest) {
          $('year').value = latest.slice(0, 4);
          $('month').value = String(Number(latest.slice(5, 7)));
        }
      }
      await addRwLayers(region);
      await addPuskesmas(region).catch((e) => setStatus('Puskesmas: ' + e.message, true));
      await loadChoropleth();
      map.once('idle', () => {
        state.rendered = map.queryRenderedFeatures({ layers: ['rw-fill'] }).length > 0;
      });
    } catch (e) {
      setStatus('Error: ' + e.message, true);
    }
  });

  map.on('click', 'rw-fill', (e) => {
    const f = e.features && e.features[0];
    if (f) showDetails(f.properties.code);
  });
  map.on('mouseenter', 'rw-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'rw-fill', () => { map.getCanvas().style.cursor = ''; });

  for (const id of ['indicator', 'method', 'classes', 'year', 'month']) $(id).addEventListener('change', refresh);
  $('region').addEventListener('change', () => { location.search = '?region=' + encodeURIComponent($('region').value.trim()); });
  $('token').addEventListener('change', () => { localStorage.setItem('atlas.token', token()); refresh(); });
  $('hex').addEventListener('change', () => {
    if (map.getLayer('hex')) map.setLayoutProperty('hex', 'visibility', $('hex').checked ? 'visible' : 'none');
    loadHexLegend().catch((e) => setStatus('Hex heat: ' + e.message, true));
  });
  for (const id of ['hex-indicator', 'hex-measure']) {
    $(id).addEventListener('change', () => loadHexLegend().catch((e) => setStatus('Hex heat: ' + e.message, true)));
  }
  // The hexagon size follows the zoom (for callers with case access): the legend follows the size drawn.
  map.on('idle', () => {
    if (!$('hex').checked || !map.getLayer('hex') || !state.hexLayer) return;
    const f = map.queryRenderedFeatures({ layers: ['hex'] })[0];
    if (f && f.properties.resolution !== state.hexLayer.sizeMeters) {
      state.hexSize = f.properties.resolution;
      loadHexLegend().catch((e) => setStatus('Hex heat: ' + e.message, true));
    }
  });
  $('puskesmas').addEventListener('change', () => {
    if (map.getLayer('puskesmas')) map.setLayoutProperty('puskesmas', 'visibility', $('puskesmas').checked ? 'visible' : 'none');
  });
})();
