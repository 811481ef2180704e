package id.ilpatlas.api.region;

import id.ilpatlas.api.Sql;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the RW layer of one kelurahan in place: RWs keep their key (so facilities, catchments and program areas
 * that point at an RW keep pointing at it), RWs no longer in the layer are deleted (their catchment rows go with
 * them; a facility address pointing at one is cleared).
 */
@Component
public class RwWriter {

    /**
     * One RW to store. {@code geometrySql} is an SQL expression over the named parameter {@code :shape} that yields
     * a MultiPolygon in EPSG:4326, so callers can pass WKB or GeoJSON.
     */
    public record RwRow(
            String code,
            String name,
            Object shape,
            String geometrySql,
            String geometrySource,
            long population,
            Integer populationYear,
            String populationSource,
            boolean synthetic) {}

    private final JdbcClient jdbc;

    RwWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the RWs of the kelurahan exactly {@code rows}; call inside a transaction. An RW that is already exactly so
     * (same name, geometry, sources, population, synthetic flag) is not written, so its {@code updated_at} stays.
     *
     * @return RWs deleted, inserted or changed: 0 when the kelurahan already had exactly these RWs
     */
    public int replace(String kelurahanCode, List<RwRow> rows) {
        int changed = jdbc.sql(
                        "DELETE FROM regions WHERE parent_code = :kel AND level = 'RW' AND NOT (code = ANY(:keep))")
                .param("kel", kelurahanCode)
                .param("keep", rows.stream().map(RwRow::code).toArray(String[]::new))
                .update();
        for (RwRow row : rows) {
            changed += jdbc.sql(Sql.load("sql/region/rw-upsert.sql").replace("/*geometry*/", row.geometrySql()))
                    .param("code", row.code())
                    .param("name", row.name())
                    .param("kel", kelurahanCode)
                    .param("shape", row.shape())
                    .param("gsrc", row.geometrySource())
                    .param("population", row.population())
                    .param("year", row.populationYear())
                    .param("psrc", row.populationSource())
                    .param("synthetic", row.synthetic())
                    .update();
        }
        return changed;
    }
}
