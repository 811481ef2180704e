/**
 * GraphQL plumbing shared by every feature: the {@code GeoJSON}, {@code Date} and {@code LocalTime} scalars
 * ({@link id.ilpatlas.api.graphql.GeoJsonScalar}, {@link id.ilpatlas.api.graphql.TimeScalars}), Relay connections with
 * opaque keyset cursors ({@link id.ilpatlas.api.graphql.Connection}, {@link id.ilpatlas.api.graphql.Cursors},
 * {@link id.ilpatlas.api.graphql.PageRequest}), errors a client can act on
 * ({@link id.ilpatlas.api.graphql.GraphQlErrors}, {@link id.ilpatlas.api.graphql.InvalidArgumentException},
 * {@link id.ilpatlas.api.graphql.VariableErrors}, {@link id.ilpatlas.api.graphql.UserError} for typed mutation
 * failures), the response cache of read-only aggregate queries ({@link id.ilpatlas.api.graphql.ResponseCache}) and
 * the wiring ({@link id.ilpatlas.api.graphql.GraphQlConfig}). The schema itself lives in the {@code schema} module
 * ({@code schema/src/main/resources/graphql/}). A {@link id.ilpatlas.api.graphql.GeoJson} is a geometry as PostGIS
 * wrote it (RFC 7946: EPSG:4326, {@code [lon, lat]}), carried as text until the scalar writes it as a JSON object.
 */
package id.ilpatlas.api.graphql;
