/**
 * The road network: {@link id.ilpatlas.api.road.RoadNetworkImporter} turns a line layer (GeoJSON, not noded) into a
 * routing graph per kab/kota ({@code road_edges}, {@code road_vertices}), and {@link id.ilpatlas.api.road.RoadRouting}
 * answers road distance and travel time between many points with pgRouting.
 *
 * <p>Coordinates are EPSG:4326, [longitude, latitude] (JTS {@code Point}: x = longitude, y = latitude); distances are
 * metres on the spheroid, times seconds. Geometry work (snapping, noding) runs in PostGIS in the UTM zone of the
 * layer, so its tolerances are true metres.
 */
package id.ilpatlas.api.road;
