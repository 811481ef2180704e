package id.ilpatlas.api.exports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The downloads' reads ({@link ExportController}): RW geometries, and the active facilities of a region. */
@Repository
class ExportQueries {

    private final JdbcClient jdbc;

    ExportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The GeoJSON text (7 decimals) and WKB of each region code given, by code. */
    Map<String, Object[]> rwGeometries(List<String> codes) {
        Map<String, Object[]> geometry = new HashMap<>();
        jdbc.sql("SELECT code, ST_AsGeoJSON(geom, 7) AS json, ST_AsBinary(geom) AS wkb FROM regions "
                        + "WHERE code = ANY (CAST(:codes AS text[]))")
                .param("codes", "{" + String.join(",", codes) + "}")
                .query((rs, n) -> geometry.put(rs.getString(1), new Object[] {rs.getString(2), rs.getBytes(3)}))
                .list();
        return geometry;
    }

    /** The active facilities in a region (a dotted code; empty: all), by code, as download rows. */
    ExportController.Rows facilities(String region) {
        List<Map<String, Object>> props = new ArrayList<>();
        List<String> json = new ArrayList<>();
        List<Geometry> geoms = new ArrayList<>();
        jdbc.sql("""
                        SELECT code, name, type, kelurahan_code, location_quality, synthetic,
                               ST_AsGeoJSON(location, 7) AS json, ST_AsBinary(location) AS wkb
                          FROM facilities
                         WHERE active AND (:r = '' OR kelurahan_code = :r OR kelurahan_code LIKE :r || '.%')
                         ORDER BY code""")
                .param("r", region)
                .query((rs, n) -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    for (String c : List.of("code", "name", "type", "kelurahan_code", "location_quality")) {
                        p.put(c, rs.getString(c));
                    }
                    p.put("synthetic", rs.getBoolean("synthetic"));
                    props.add(p);
                    json.add(rs.getString("json"));
                    geoms.add(ExportController.wkb(rs.getBytes("wkb")));
                    return null;
                })
                .list();
        return new ExportController.Rows(region.isEmpty() ? "facilities" : "facilities-" + region, props, json, geoms);
    }
}
