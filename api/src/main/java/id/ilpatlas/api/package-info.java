/**
 * The ILP Atlas Spring Boot application, packaged by feature ({@code region}, {@code facility},
 * {@code reference}) with shared GraphQL plumbing in {@code graphql}.
 *
 * <p>Coordinates are EPSG:4326; every GeoJSON position and every {@code (x, y)} is
 * {@code (longitude, latitude)}. Distances and areas are metres on the spheroid unless a name says otherwise.
 */
package id.ilpatlas.api;
