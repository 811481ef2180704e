package id.ilpatlas.geo.synthetic;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * One generated RW inside a kelurahan/desa.
 *
 * @param number RW number, 1..n, numbered north to south then west to east (the {@code nnn} of
 *     {@code PP.KK.CC.DDDD.RWnnn})
 * @param geometry valid, non-empty polygonal area of the RW, EPSG:4326 {@code [lon, lat]}; always a
 *     {@link MultiPolygon}, possibly with a single part
 * @param population number of residents attributed to this RW (non-negative)
 */
public record SyntheticRw(int number, MultiPolygon geometry, long population) {}
