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
 *
 * <p>The import of a real RW layer ({@code ./atlas import rw}): {@link id.ilpatlas.api.region.RwImporter} with
 * {@link id.ilpatlas.api.region.RwLayerReader}, {@link id.ilpatlas.api.region.RwLayerAssigner} and
 * {@link id.ilpatlas.api.region.RwWriter} (its SQL steps in {@code api/src/main/resources/sql/region/rw-layer-*.sql});
 * a kelurahan whose layer is withdrawn gets synthetic RWs again through {@link id.ilpatlas.api.region.SyntheticRws}.
 * Layers are read as GeoJSON in EPSG:4326, {@code [lon, lat]}; areas and slivers are measured in square metres in the
 * UTM zone of the kab/kota (PostGIS), overlaps on the spheroid.
 */
package id.ilpatlas.api.region;
