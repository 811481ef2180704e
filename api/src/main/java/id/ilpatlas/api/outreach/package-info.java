/**
 * Pusling outreach planning: the trips of the mobile puskesmas over the service days of a month, planned with the
 * route solver of {@code id.ilpatlas.geo.routing} (OR-Tools) on road or geodesic-detour matrices, stored and served
 * with GraphQL ({@code planOutreach}, {@code outreachPlan}), GeoJSON and a printable CSV. Coordinates are EPSG:4326,
 * [lon, lat]; distances in metres.
 */
package id.ilpatlas.api.outreach;
