package id.ilpatlas.api.region;

import id.ilpatlas.geo.region.RegionLevel;

/**
 * One administrative region as the API shows it; the boundary is fetched separately (it is large and optional).
 *
 * The spheroidal area is computed only when a query asks for {@code areaSquareMeters} (batched), since it costs
 * more than the rest of the row.
 *
 * @param code       dotted kode wilayah or RW key
 * @param parentCode the region one level up, null for a provinsi
 */
public record Region(
        String code,
        String name,
        RegionLevel level,
        String parentCode,
        Integer population,
        Integer populationYear,
        String populationSource,
        boolean synthetic,
        String geometrySource) {}
