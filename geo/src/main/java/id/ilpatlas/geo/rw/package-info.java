/**
 * Synthetic RW (<em>rukun warga</em>) polygons. No public RW boundaries exist, so RWs are generated
 * deterministically inside each real kelurahan/desa polygon: seeded random points, Lloyd-relaxed Voronoi
 * cells clipped to the kelurahan, and populations apportioned so they sum exactly to the kelurahan's.
 *
 * <p>Coordinate convention for the whole {@code geo} module: geometries are EPSG:4326 with coordinates
 * ordered {@code [lon, lat]}, i.e. x = longitude and y = latitude.
 */
package id.ilpatlas.geo.rw;
