/**
 * Web-map tiles: the XYZ tile scheme (Web Mercator, EPSG:3857, tile (0, 0) at the north-west corner, y growing
 * southwards) and a small reader of Mapbox Vector Tiles (protobuf, spec 2.1). Bounds in EPSG:4326 are
 * {@code [lon, lat]}; bounds in EPSG:3857 are metres.
 */
package id.ilpatlas.geo.tile;
