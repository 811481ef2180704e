/**
 * Administrative regions PROVINSI → KABKOTA → KECAMATAN → KELURAHAN → RW (table {@code regions}, V1): GraphQL
 * {@code region}, {@code regions} and the batched {@code parent}, {@code children}, {@code geometry},
 * {@code areaSquareMeters} and {@code labelPoint} fields ({@link id.ilpatlas.api.region.RegionController} over
 * {@link id.ilpatlas.api.region.RegionRepository} and {@link id.ilpatlas.api.region.RegionGeometryLoader}).
 * Region codes are Kemendagri kode wilayah, dotted or undotted, and RW keys ({@code 33.75.01.1002.RW003}), parsed
 * by {@link id.ilpatlas.geo.region.RegionCode} with errors naming the argument
 * ({@link id.ilpatlas.api.region.RegionArguments}).
 *
 * <p>Boundaries are EPSG:4326 MultiPolygons, GeoJSON {@code [lon, lat]}; {@code simplifyMeters} is a tolerance in
 * metres turned into degrees for {@code ST_SimplifyPreserveTopology}; areas are square metres on the spheroid
 * ({@code geography}); a label point lies inside its region.
 */
package id.ilpatlas.api.region;
