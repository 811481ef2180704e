/**
 * RW (<em>rukun warga</em>) rules shared by real RW layers and the synthetic ones ({@code id.ilpatlas.geo.synthetic}):
 * RW numbers as written in registers and layers ({@link id.ilpatlas.geo.rw.RwNumber}), and populations apportioned so
 * they sum exactly to the kelurahan's ({@link id.ilpatlas.geo.rw.Apportionment}).
 *
 * <p>Coordinate convention for the whole {@code geo} module: geometries are EPSG:4326 with coordinates
 * ordered {@code [lon, lat]}, i.e. x = longitude and y = latitude.
 */
package id.ilpatlas.geo.rw;
