/**
 * Web-map tiles: the XYZ tile scheme (Web Mercator, EPSG:3857, tile (0, 0) at the north-west corner, y growing
 * southwards). Bounds in EPSG:4326 are {@code [lon, lat]}; bounds in EPSG:3857 are metres. The tests' reader of
 * Mapbox Vector Tiles ({@code MvtReader}, protobuf, spec 2.1) is test code: geo's test-jar.
 */
package id.ilpatlas.geo.tile;
