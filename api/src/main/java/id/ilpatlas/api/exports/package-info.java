/**
 * Downloads for GIS users: the per-RW indicators of a region and period (the same values and suppression as GraphQL
 * and the tiles, through {@link id.ilpatlas.api.tiles.RwIndicatorFeatures}) and the active facilities, each as
 * GeoJSON, GeoPackage or CSV ({@link id.ilpatlas.api.exports.ExportController}). GeoPackages are written without
 * GDAL by {@link id.ilpatlas.api.exports.GeoPackageWriter} (OGC GeoPackage 1.4 on SQLite). Every geometry is
 * EPSG:4326; GeoJSON positions are {@code [longitude, latitude]} with 7 decimals, GeoPackage geometries are WKB in
 * x = longitude, y = latitude order.
 */
package id.ilpatlas.api.exports;
