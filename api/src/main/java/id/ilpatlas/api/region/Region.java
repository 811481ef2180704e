package id.ilpatlas.api.region;

import id.ilpatlas.geo.region.RegionLevel;

/**
 * One administrative region as the API shows it; the boundary is fetched separately (it is large and optional).
 *
 * @param code             dotted kode wilayah or RW key
 * @param parentCode       the region one level up, null for a provinsi
 * @param areaSquareMeters spheroidal area of the boundary, null without one
 */
public record Region(String code, String name, RegionLevel level, String parentCode, Integer population,
                     Integer populationYear, String populationSource, boolean synthetic, String geometrySource,
                     Double areaSquareMeters) {
}
