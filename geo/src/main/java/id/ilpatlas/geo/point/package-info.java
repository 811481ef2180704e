/**
 * Plausibility checks for a point typed by a person as longitude/latitude, before it is stored.
 *
 * <p>Coordinates are EPSG:4326 degrees, x = longitude and y = latitude; every method takes them in
 * that order, {@code (longitude, latitude)}. The Indonesia check is a coarse bounding box ({@link
 * IndonesiaBounds}), not a land/border test: neighbours such as Singapore, most of Malaysia, Brunei,
 * Timor-Leste and Papua New Guinea's western edge pass it.
 */
package id.ilpatlas.geo.point;
