/**
 * Reference data and the one-shot commands: the Kota Pekalongan regions, puskesmas and synthetic RWs loaded once,
 * all or nothing ({@link id.ilpatlas.api.reference.PekalonganReferenceData}, run on start by
 * {@link id.ilpatlas.api.reference.ReferenceDataInitializer}; data and SOURCE notes in
 * {@code db/src/main/resources/reference/pekalongan/}), the demo's service network and Pusling units
 * ({@link id.ilpatlas.api.reference.PekalonganRegistryDemo}, {@link id.ilpatlas.api.reference.PekalonganPuslingDemo},
 * {@link id.ilpatlas.api.reference.ServiceCatalogue}), the import of a real RW layer
 * ({@link id.ilpatlas.api.reference.RwImporter} with {@link id.ilpatlas.api.reference.RwLayerReader},
 * {@link id.ilpatlas.api.reference.RwLayerAssigner} and {@link id.ilpatlas.api.reference.RwWriter}; its SQL steps in
 * {@code api/src/main/resources/sql/region/rw-layer-*.sql}) and {@link id.ilpatlas.api.reference.AtlasCli}, the
 * commands {@code ./atlas} runs through the jar.
 *
 * <p>Layers are read as GeoJSON in EPSG:4326, {@code [lon, lat]}; areas and slivers are measured in square metres in
 * the UTM zone of the kab/kota (PostGIS), overlaps on the spheroid. Issue 20 dissolves this package (RW import to
 * {@code region}, the commands to their own package, the demo loaders to the demo package).
 */
package id.ilpatlas.api.reference;
