/**
 * GeoJSON input, read once for every importer: {@link id.ilpatlas.api.geojson.GeoJsonFeatureReader} streams a
 * FeatureCollection feature by feature and says, in the same words for every file, why a file is not one. What a
 * feature means (a road line, an RW polygon) is the importer's business: {@code road.GeoJsonRoadReader},
 * {@code reference.RwLayerReader}. Depends on Jackson only.
 */
package id.ilpatlas.api.geojson;
