/**
 * The ILP service registry: Dinkes, puskesmas, pustu, posyandu and other facilities with their services, opening
 * hours, posyandu sessions, catchments (wilayah kerja) and programmes (tables of V2 and V4).
 *
 * <p>Reads: {@link id.ilpatlas.api.facility.FacilityController} (the filtered {@code facilities} connection,
 * {@code facility}, {@code nearestFacilities}, the catalogues; every nested list batched, no N+1) over
 * {@link id.ilpatlas.api.facility.FacilityRepository}, {@link id.ilpatlas.api.facility.FacilitySearch} (a validated
 * {@link id.ilpatlas.api.facility.FacilityFilter} as SQL), {@link id.ilpatlas.api.facility.FacilityLoaders} and
 * {@link id.ilpatlas.api.facility.CatalogueRepository}. Writes: {@link id.ilpatlas.api.facility.FacilityCommands}
 * behind {@link id.ilpatlas.api.facility.FacilityMutationController}, allowed by
 * {@link id.ilpatlas.api.security.AccessPolicy#requireRegistryWrite}, audited, with typed errors
 * ({@link id.ilpatlas.api.facility.FacilityErrors}) and optimistic locking. A facility's location is a GeoJSON Point
 * in EPSG:4326, {@code [lon, lat]}; "nearest" is geodesic distance in metres (PostGIS {@code geography} KNN).
 */
package id.ilpatlas.api.facility;
