// MapLibre GL (vendored under /app/vendor, global maplibregl) with no basemap: the kelurahan and RW boundaries are the
// base, labelled with their names (HTML labels: no glyph server needed), so the map works on a closed network.
// Screens add their own sources and layers on top (choropleth, facilities, routes).
import { gql, tileRequest } from './api.js';

export const NO_DATA_COLOR = '#d9d9d9';

/** A map in container; resolves when its style is loaded. */
export async function createMap(container, options) {
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f4' } }] },
    center: [109.67, -6.89],
    zoom: 12,
    attributionControl: { compact: true, customAttribution: 'Batas wilayah: Kemendagri' },
    transformRequest: tileRequest,
    cooperativeGestures: false,
    ...(options || {}),
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', (options && options.label) || 'Peta');
  await new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));
  return map;
}

/** Every region of a level inside an area as a GeoJSON FeatureCollection (properties: code, name, synthetic). */
export async function regionFeatures(level, within) {
  const features = [];
  const labels = [];
  let after = null;
  for (;;) {
    const data = await gql('common', 'AreaRegions', { level, within, after });
    for (const { node } of data.regions.edges) {
      if (node.geometry) {
        features.push({ type: 'Feature', id: node.code, geometry: node.geometry,
          properties: { code: node.code, name: node.name, synthetic: node.synthetic, population: node.population } });
      }
      if (node.labelPoint) labels.push({ code: node.code, name: node.name, lngLat: node.labelPoint.coordinates });
    }
    if (!data.regions.pageInfo.hasNextPage) break;
    after = data.regions.pageInfo.endCursor;
  }
  return { collection: { type: 'FeatureCollection', features }, labels };
}

/** The bounds of a GeoJSON geometry or FeatureCollection. */
export function boundsOf(geojson) {
  const b = new maplibregl.LngLatBounds();
  const walk = (c) => (typeof c[0] === 'number' ? b.extend(c) : c.forEach(walk));
  const geometries = geojson.type === 'FeatureCollection' ? geojson.features.map((f) => f.geometry) : [geojson];
  geometries.filter(Boolean).forEach((g) => walk(g.coordinates));
  return b;
}

/**
 * Adds kelurahan outlines with their names, and RW outlines with their names from zoom `rwLabelZoom` on, for the
 * area `within`. Returns { kelurahan, rw } (the FeatureCollections) so that screens can colour or pick RWs: the RW
 * source is 'rw' (promoteId code), its fill layer 'rw-fill' (transparent until a screen colours it).
 */
export async function addBoundaries(map, within, options) {
  const o = { rwLabelZoom: 14, fit: true, ...(options || {}) };
  // A kelurahan holds no kelurahan (the server refuses to list them): its own outline is fetched below.
  const none = { collection: { type: 'FeatureCollection', features: [] }, labels: [] };
  const isKelurahan = within.split('.').length === 4;
  const [kel, rw] = await Promise.all([isKelurahan ? none : regionFeatures('KELURAHAN', within), regionFeatures('RW', within)]);
  if (!kel.collection.features.length && /RW\d+$/.test(within) === false) {
    // `within` is a kelurahan or smaller: its own outline.
    const self = await gql('common', 'AreaRegion', { code: within });
    if (self.region && self.region.geometry) {
      kel.collection.features.push({ type: 'Feature', geometry: self.region.geometry, properties: { code: self.region.code, name: self.region.name } });
    }
  }
  map.addSource('rw', { type: 'geojson', data: rw.collection, promoteId: 'code' });
  map.addSource('kelurahan', { type: 'geojson', data: kel.collection, promoteId: 'code' });
  map.addLayer({ id: 'rw-fill', type: 'fill', source: 'rw', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.5 } });
  map.addLayer({ id: 'rw-line', type: 'line', source: 'rw', paint: { 'line-color': '#7a8a96', 'line-width': 0.6 } });
  map.addLayer({ id: 'kelurahan-line', type: 'line', source: 'kelurahan', paint: { 'line-color': '#37474f', 'line-width': 1.6 } });
  const markers = [
    ...labelMarkers(map, kel.labels, 'map-label kelurahan', 0),
    ...labelMarkers(map, rw.labels.map((l) => ({ ...l, name: l.name.replace(/^RW\s*/, 'RW ') })), 'map-label rw', o.rwLabelZoom),
  ];
  const fitTo = kel.collection.features.length ? kel.collection : rw.collection;
  if (o.fit && fitTo.features.length) map.fitBounds(boundsOf(fitTo), { padding: 16, duration: 0 });
  return { kelurahan: kel.collection, rw: rw.collection, markers };
}

/** HTML labels (no glyphs needed), shown from minZoom on; aria-hidden: the lists beside the map carry the names. */
export function labelMarkers(map, labels, className, minZoom) {
  const markers = labels.map((l) => {
    const el = document.createElement('div');
    el.className = className;
    el.textContent = l.name;
    el.setAttribute('aria-hidden', 'true');
    el.dataset.code = l.code;
    return new maplibregl.Marker({ element: el, anchor: 'center' }).setLngLat(l.lngLat).addTo(map);
  });
  const update = () => {
    const visible = map.getZoom() >= minZoom;
    markers.forEach((m) => { m.getElement().style.display = visible ? '' : 'none'; });
  };
  map.on('zoomend', update);
  update();
  return markers;
}

/** Colours RW fills by code: colors is { code: '#rrggbb' }; others get fallback. */
export function colorRws(map, colors, fallback) {
  const entries = Object.entries(colors);
  const expression = entries.length
    ? ['match', ['get', 'code'], ...entries.flat(), fallback || NO_DATA_COLOR]
    : fallback || NO_DATA_COLOR;
  map.setPaintProperty('rw-fill', 'fill-color', expression);
  map.setPaintProperty('rw-fill', 'fill-opacity', 0.8);
}

/** Resolves when the map has drawn everything it has (tiles loaded, no transition running). */
export function idle(map) {
  return new Promise((resolve) => (map.loaded() && !map.isMoving() ? resolve() : map.once('idle', resolve)));
}
