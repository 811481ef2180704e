/**
 * The road network: {@link id.ilpatlas.api.road.RoadNetworkImporter} turns road files into a routing graph per
 * kab/kota ({@code road_edges}, {@code road_vertices}); reading ({@link id.ilpatlas.api.road.RoadFileReader}:
 * {@link id.ilpatlas.api.road.GeoJsonRoadReader} for
 * RTRW and OpenStreetMap GeoJSON, {@link id.ilpatlas.api.road.OsmPbfRoadReader} for {@code .osm.pbf}, with
 * {@link id.ilpatlas.api.road.OsmTags}) is apart from building the graph
 * ({@link id.ilpatlas.api.road.RoadGraphBuilder}, SQL in {@code sql/road/}). {@link id.ilpatlas.api.road.RoadRouting}
 * answers road distance and travel time between many points with pgRouting.
 *
 * <p>Coordinates are EPSG:4326, [longitude, latitude] (JTS {@code Point}: x = longitude, y = latitude); distances are
 * metres on the spheroid, times seconds. Geometry work (clipping, de-duplication, snapping, noding) runs in PostGIS in
 * the UTM zone of the kab/kota, so its tolerances are true metres. A one-way edge runs from {@code source} to
 * {@code target}.
 */
package id.ilpatlas.api.road;
