/**
 * Vector tiles of the three map layers ({@code rw-indicators}, {@code facilities}, {@code hex-heat}) with their
 * MapLibre style fragments ({@link id.ilpatlas.api.tiles.TileController}: {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt}
 * and {@code /tiles/{layer}/style.json}), and the hex heat of case points with its legend (GraphQL
 * {@code hexHeatLayer}, {@link id.ilpatlas.api.tiles.HexHeatController}).
 *
 * <p>{@link id.ilpatlas.api.tiles.VectorTiles} makes each tile in PostGIS ({@code ST_AsMVT}; SQL in
 * {@code api/src/main/resources/sql/tiles/} and {@code sql/hex-heat/}) from precomputed tables: the RW layer holds
 * exactly what GraphQL gives the caller ({@link id.ilpatlas.api.tiles.RwIndicatorFeatures} over
 * {@link id.ilpatlas.api.indicators.RwIndicators}), the hex layer follows {@link id.ilpatlas.api.tiles.HexHeat}'s
 * privacy rule (tables {@code hex_heat}, {@code hex_heat_totals}, V11/V29). Tiles are cached per data version and
 * scope class ({@link id.ilpatlas.api.tiles.TileCache}) with an ETag. Geometry is stored in EPSG:4326 and transformed
 * to Web Mercator (EPSG:3857) for {@code ST_TileEnvelope(z, x, y)} (XYZ scheme, y down from the north); inside a tile
 * coordinates are integers of the tile extent; {@link id.ilpatlas.geo.tile.TileId} is the tile math.
 */
package id.ilpatlas.api.tiles;
