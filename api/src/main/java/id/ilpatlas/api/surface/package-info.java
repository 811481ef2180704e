/**
 * The travel-time surface (AccessMod's accessibility raster): minutes from every cell of a grid over a kab/kota to
 * its responsible or nearest puskesmas, by the one travel model ({@link id.ilpatlas.api.road.TravelModel}), with the
 * population within 15/30/60 minutes beside the per-RW figures; served as GraphQL figures, a GeoTIFF download and PNG
 * tiles.
 *
 * <p>The grid is in the kab/kota's UTM zone (WGS 84, EPSG 326zz/327zz): square cells in metres, row 0 to the north,
 * cell index {@code row * columns + column}. Cell centres are transformed to EPSG:4326 ([longitude, latitude]) by
 * PostGIS for every containment test and trip. Everything here is public: public road and facility data and RW
 * population aggregates, no person.
 */
package id.ilpatlas.api.surface;
