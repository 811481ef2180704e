package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.geo.schedule.MonthlySession;
import id.ilpatlas.geo.schedule.WeekOfMonth;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the facility registry with plain SQL; every batch method answers a whole batch in one statement. */
@Repository
public class FacilityRepository {

    static final String COLUMNS = """
            f.id, f.code, f.name, f.type, ST_AsGeoJSON(f.location, 7) AS location, f.location_quality, f.location_note,
            f.kelurahan_code, f.synthetic, f.parent_id, f.active, f.version, f.address_street, f.address_rt,
            f.address_rw_code, f.segments, f.kader_purwa, f.kader_madya, f.kader_utama""";

    /** A facility and its distance from a point. */
    public record Distance(Facility facility, double distanceMeters) {}

    /** An opening interval of a facility. */
    public record OpeningHours(DayOfWeek dayOfWeek, LocalTime opens, LocalTime closes) {}

    private final JdbcClient jdbc;

    public FacilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Facility> findPage(FacilitySearch search, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facilities f"
                        + search.where(page.afterKey() == null ? "true" : "f.code > :after")
                        + " ORDER BY f.code LIMIT :limit")
                .params(search.params())
                .param("after", page.afterKey())
                .param("limit", page.limitWithLookahead())
                .query(FacilityRepository::facility)
                .list();
    }

    /**
     * Why PostGIS cannot use a GeoJSON geometry as an area (unreadable, invalid, empty), or empty when it can.
     * PostGIS's own reason is passed on; it names no table or query.
     */
    Optional<String> geometryProblem(String geojson) {
        try {
            String reason = jdbc.sql("""
                            SELECT CASE WHEN ST_IsEmpty(g) THEN 'empty geometry'
                                        WHEN NOT ST_IsValid(g) THEN ST_IsValidReason(g) END
                              FROM (SELECT ST_GeomFromGeoJSON(:g) AS g) x""")
                    .param("g", geojson)
                    .query((rs, n) -> rs.getString(1))
                    .list()
                    .get(0);
            return Optional.ofNullable(reason).map(FacilityRepository::plainReason);
        } catch (org.springframework.dao.DataAccessException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            return Optional.of(
                    plainReason(message.lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "")));
        }
    }

    /** GEOS prefixes its reasons with an exception class name; the client needs only the reason. */
    private static String plainReason(String reason) {
        return reason.replaceAll("\\b\\w*Exception:\\s*", "").strip();
    }

    int count(FacilitySearch search) {
        return jdbc.sql("SELECT count(*) FROM facilities f" + search.where())
                .params(search.params())
                .query(Integer.class)
                .single();
    }

    public Optional<Facility> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facilities f WHERE f.code = :code")
                .param("code", code)
                .query(FacilityRepository::facility)
                .optional();
    }

    public List<Facility> findByIds(Collection<Long> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facilities f WHERE f.id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(FacilityRepository::facility)
                .list();
    }

    /** Active children of the given facilities, optionally of one type, ordered by code. */
    List<Facility> findActiveChildren(Collection<Long> parentIds, FacilityType type) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facilities f WHERE f.parent_id = ANY(:ids) AND f.active"
                        + (type == null ? "" : " AND f.type = :type") + " ORDER BY f.code")
                .param("ids", parentIds.toArray(Long[]::new))
                .param("type", type == null ? null : type.name())
                .query(FacilityRepository::facility)
                .list();
    }

    /**
     * Active facilities located in each region (kelurahan prefix for higher levels, address RW for an RW), optionally
     * of one type; one statement for the whole batch of regions.
     */
    Map<String, List<Facility>> findActiveInRegions(Collection<String> regionCodes, FacilityType type) {
        Map<String, List<Facility>> result = new LinkedHashMap<>();
        regionCodes.forEach(code -> result.put(code, new java.util.ArrayList<>()));
        jdbc.sql("SELECT r.code AS region_code, " + COLUMNS + """
                         FROM unnest(CAST(:codes AS text[])) AS r(code)
                         JOIN facilities f ON f.active
                          AND (f.kelurahan_code = r.code OR f.kelurahan_code LIKE r.code || '.%'
                               OR f.address_rw_code = r.code)
                        """ + (type == null ? "" : " AND f.type = :type")
                        + " ORDER BY f.code")
                .param("codes", regionCodes.toArray(String[]::new))
                .param("type", type == null ? null : type.name())
                .query((rs, n) -> result.get(rs.getString("region_code")).add(facility(rs, n)))
                .list();
        return result;
    }

    /** Active posyandu serving each region: having it, or an RW inside it, in their catchment. */
    Map<String, Integer> posyanduCounts(Collection<String> regionCodes) {
        Map<String, Integer> result = new HashMap<>();
        jdbc.sql("""
                        SELECT r.code, count(DISTINCT f.id) AS n
                          FROM unnest(CAST(:codes AS text[])) AS r(code)
                          LEFT JOIN facility_catchments c ON c.region_code = r.code OR c.region_code LIKE r.code || '.%'
                          LEFT JOIN facilities f ON f.id = c.facility_id AND f.type = 'POSYANDU' AND f.active
                         GROUP BY r.code""")
                .param("codes", regionCodes.toArray(String[]::new))
                .query((rs, n) -> result.put(rs.getString("code"), rs.getInt("n")))
                .list();
        return result;
    }

    /**
     * The {@code first} active facilities nearest to a point by geodesic (spheroid) distance. The GiST index on
     * {@code location::geography} orders candidates by sphere distance; a margin of candidates is re-ranked on the
     * spheroid so the answer equals a full scan.
     */
    List<Distance> nearest(double longitude, double latitude, FacilityType type, String serviceKey, int first) {
        int candidates = first * 2 + 16;
        return jdbc.sql("""
                        WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography AS g),
                             c AS (SELECT f.* FROM facilities f, p
                                    WHERE f.active %s %s
                                    ORDER BY f.location::geography <-> p.g
                                    LIMIT :candidates)
                        SELECT %s, ST_Distance(f.location::geography, p.g, true) AS distance_m
                          FROM c f, p
                         ORDER BY distance_m, f.code
                         LIMIT :first""".formatted(
                                type == null ? "" : "AND f.type = :type",
                                serviceKey == null
                                        ? ""
                                        : "AND EXISTS (SELECT 1 FROM facility_services s "
                                                + "WHERE s.facility_id = f.id AND s.service_key = :serviceKey)",
                                COLUMNS))
                .param("lon", longitude)
                .param("lat", latitude)
                .param("type", type == null ? null : type.name())
                .param("serviceKey", serviceKey)
                .param("candidates", candidates)
                .param("first", first)
                .query((rs, n) -> new Distance(facility(rs, n), rs.getDouble("distance_m")))
                .list();
    }

    Map<Long, List<OpeningHours>> openingHours(Collection<Long> ids) {
        return byFacility(
                """
                        SELECT facility_id, day_of_week, opens, closes FROM facility_opening_hours
                         WHERE facility_id = ANY(:ids) ORDER BY facility_id, day_of_week, opens""",
                ids,
                (rs, n) -> new OpeningHours(
                        DayOfWeek.of(rs.getInt(2)),
                        rs.getObject(3, LocalTime.class),
                        rs.getObject(4, LocalTime.class)));
    }

    Map<Long, List<Service>> services(Collection<Long> ids) {
        return byFacility(
                "SELECT fs.facility_id, " + CatalogueRepository.SERVICE_COLUMNS + """
                         FROM facility_services fs JOIN services s ON s.key = fs.service_key
                        WHERE fs.facility_id = ANY(:ids) ORDER BY fs.facility_id, s.key""",
                ids,
                CatalogueRepository::service);
    }

    Map<Long, List<String>> catchmentCodes(Collection<Long> ids) {
        return byFacility(
                "SELECT facility_id, region_code FROM facility_catchments WHERE facility_id = ANY(:ids) "
                        + "ORDER BY facility_id, region_code",
                ids,
                (rs, n) -> rs.getString(2));
    }

    Map<Long, List<Program>> programs(Collection<Long> ids) {
        return byFacility(
                "SELECT pf.facility_id, " + CatalogueRepository.PROGRAM_COLUMNS + """
                         FROM program_facilities pf JOIN programs p ON p.key = pf.program_key
                        WHERE pf.facility_id = ANY(:ids) ORDER BY pf.facility_id, p.key""",
                ids,
                CatalogueRepository::program);
    }

    Map<Long, List<MonthlySession>> sessions(Collection<Long> ids) {
        return byFacility(
                """
                        SELECT facility_id, week_of_month, day_of_week, starts_at, ends_at FROM posyandu_sessions
                         WHERE facility_id = ANY(:ids) ORDER BY facility_id, week_of_month, day_of_week, starts_at""",
                ids,
                (rs, n) -> new MonthlySession(
                        WeekOfMonth.of(rs.getInt(2)),
                        DayOfWeek.of(rs.getInt(3)),
                        rs.getObject(4, LocalTime.class),
                        rs.getObject(5, LocalTime.class)));
    }

    /**
     * Rows of one statement grouped by facility: the statement's first column is the facility id, {@code :ids}
     * the batch, and the order of rows is kept within each facility.
     */
    private <T> Map<Long, List<T>> byFacility(String sql, Collection<Long> ids, RowMapper<T> mapper) {
        Map<Long, List<T>> result = new HashMap<>();
        jdbc.sql(sql)
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> result.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                        .add(mapper.mapRow(rs, n)))
                .list();
        return result;
    }

    static Facility facility(ResultSet rs, int rowNum) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        int rt = rs.getInt("address_rt");
        Integer addressRt = rs.wasNull() ? null : rt;
        FacilityType type = FacilityType.valueOf(rs.getString("type"));
        Array segments = rs.getArray("segments");
        return new Facility(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                type,
                new GeoJson(rs.getString("location")),
                Facility.LocationQuality.valueOf(rs.getString("location_quality")),
                rs.getString("location_note"),
                rs.getString("kelurahan_code"),
                rs.getBoolean("synthetic"),
                parentId,
                rs.getBoolean("active"),
                rs.getInt("version"),
                new Facility.Address(rs.getString("address_street"), addressRt, rs.getString("address_rw_code")),
                segments == null ? List.of() : List.of((String[]) segments.getArray()),
                type == FacilityType.POSYANDU
                        ? new Facility.KaderCount(
                                rs.getInt("kader_purwa"), rs.getInt("kader_madya"), rs.getInt("kader_utama"))
                        : null);
    }
}
