package id.ilpatlas.api.facility;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The service catalogue and the programmes. */
@Repository
public class CatalogueRepository {

    static final String SERVICE_COLUMNS =
            "s.key, s.name, s.klaster, s.segment, s.at_puskesmas, s.at_pustu, s.at_posyandu, s.at_home_visit, s.notes";
    static final String PROGRAM_COLUMNS =
            "p.key AS program_key, p.name AS program_name, p.description, p.target_segments, p.period_start, "
                    + "p.period_end, p.synthetic AS program_synthetic";

    private final JdbcClient jdbc;

    public CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Service> services(String segment, String klaster, String deliveryLevel) {
        String levelColumn = deliveryLevel == null
                ? null
                : switch (deliveryLevel) {
                    case "PUSKESMAS" -> "s.at_puskesmas";
                    case "PUSTU" -> "s.at_pustu";
                    case "POSYANDU" -> "s.at_posyandu";
                    case "KUNJUNGAN_RUMAH" -> "s.at_home_visit";
                    default -> throw new IllegalArgumentException(deliveryLevel);
                };
        return jdbc.sql("SELECT " + SERVICE_COLUMNS + " FROM services s WHERE true"
                        + (segment == null ? "" : " AND s.segment = :segment")
                        + (klaster == null ? "" : " AND s.klaster = :klaster")
                        + (levelColumn == null ? "" : " AND " + levelColumn)
                        + " ORDER BY s.key")
                .param("segment", segment)
                .param("klaster", klaster)
                .query(CatalogueRepository::service)
                .list();
    }

    /** The keys among {@code keys} that are in the catalogue. */
    List<String> knownServiceKeys(Collection<String> keys) {
        return jdbc.sql("SELECT key FROM services WHERE key = ANY(:keys)")
                .param("keys", keys.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    boolean programExists(String key) {
        return jdbc.sql("SELECT count(*) FROM programs WHERE key = :key")
                        .param("key", key)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    List<Program> programs() {
        return jdbc.sql("SELECT " + PROGRAM_COLUMNS + " FROM programs p ORDER BY p.key")
                .query(CatalogueRepository::program)
                .list();
    }

    Map<String, List<String>> programAreas(Collection<String> programKeys) {
        Map<String, List<String>> result = new HashMap<>();
        jdbc.sql("SELECT program_key, region_code FROM program_areas WHERE program_key = ANY(:keys) "
                        + "ORDER BY program_key, region_code")
                .param("keys", programKeys.toArray(String[]::new))
                .query((rs, n) -> result.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return result;
    }

    Map<String, List<Facility>> programFacilities(Collection<String> programKeys) {
        Map<String, List<Facility>> result = new HashMap<>();
        jdbc.sql("SELECT pf.program_key AS pk, " + FacilityRepository.COLUMNS + """
                         FROM program_facilities pf JOIN facilities f ON f.id = pf.facility_id AND f.active
                        WHERE pf.program_key = ANY(:keys) ORDER BY pf.program_key, f.code""")
                .param("keys", programKeys.toArray(String[]::new))
                .query((rs, n) -> result.computeIfAbsent(rs.getString("pk"), k -> new java.util.ArrayList<>())
                        .add(FacilityRepository.facility(rs, n)))
                .list();
        return result;
    }

    static Service service(ResultSet rs, int rowNum) throws SQLException {
        return new Service(
                rs.getString("key"),
                rs.getString("name"),
                rs.getString("klaster"),
                rs.getString("segment"),
                rs.getBoolean("at_puskesmas"),
                rs.getBoolean("at_pustu"),
                rs.getBoolean("at_posyandu"),
                rs.getBoolean("at_home_visit"),
                rs.getString("notes"));
    }

    static Program program(ResultSet rs, int rowNum) throws SQLException {
        Array segments = rs.getArray("target_segments");
        return new Program(
                rs.getString("program_key"),
                rs.getString("program_name"),
                rs.getString("description"),
                segments == null ? List.of() : List.of((String[]) segments.getArray()),
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                rs.getBoolean("program_synthetic"));
    }
}
