/**
 * Indonesian region codes (<em>kode wilayah</em>, as issued by Kemendagri): provinsi, kabupaten/kota,
 * kecamatan, kelurahan/desa, and the synthetic RW keys this project derives from them.
 *
 * <p>Coordinate convention for the whole {@code geo} module: geometries are EPSG:4326 with coordinates
 * ordered {@code [lon, lat]}, i.e. x = longitude and y = latitude.
 */
package id.ilpatlas.geo.region;
