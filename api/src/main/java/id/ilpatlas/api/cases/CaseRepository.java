package id.ilpatlas.api.cases;

import id.ilpatlas.api.cases.CaseRecords.CaseAddress;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of the case registers. Every query filters rows by the caller's scope in SQL ({@link #SCOPE}); nothing is
 * fetched and then dropped in Java.
 */
@Repository
public class CaseRepository {

    /** The caller's scope on a row's most precise region (RW, else kelurahan, else kab/kota). */
    static final String SCOPE =
            "(t.region_code = ANY(CAST(:scope AS text[])) " + "OR t.region_code LIKE ANY(CAST(:scopeLike AS text[])))";

    private static final String FILTER = """
             AND (CAST(:region AS text) IS NULL OR t.region_code = :region OR t.region_code LIKE :region || '.%')
             AND (CAST(:after AS bigint) IS NULL OR t.id > CAST(:after AS bigint))""";
    private static final String ADDRESS = "t.rw_code, t.kelurahan_code, t.rt, t.rw_number, t.address, "
            + "ST_AsGeoJSON(t.location, 7) AS location_json, t.rw_assignment";

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The filter of a register query: region, date range and page. */
    public record Query(String regionCode, LocalDate from, LocalDate to, PageRequest page) {

        static Query of(Map<String, Object> filter, PageRequest page) {
            if (filter == null) {
                return new Query(null, null, null, page);
            }
            LocalDate from = (LocalDate) filter.get("from");
            LocalDate to = (LocalDate) filter.get("to");
            if (from != null && to != null && to.isBefore(from)) {
                throw new InvalidArgumentException("filter.to", "is before filter.from");
            }
            return new Query((String) filter.get("regionCode"), from, to, page);
        }

        Long afterId() {
            if (page.afterKey() == null) {
                return null;
            }
            try {
                return Long.parseLong(page.afterKey());
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("after", "not a cursor returned by this connection");
            }
        }
    }

    /**
     * The scope codes bound as {@code :scope} (and, with {@code .%}, {@code :scopeLike}): those in which
     * {@link AccessPolicy#mayReadPersonData} lets the caller read persons. Empty, so no row matches, for PLANNER and
     * anonymous callers even if a caller of this repository forgot {@link AccessPolicy#requireCaseAccess}.
     */
    private static String[] personScope(Caller caller) {
        return AccessPolicy.personDataScope(caller).toArray(String[]::new);
    }

    private static String[] personScopeLike(Caller caller) {
        return AccessPolicy.personDataScope(caller).stream().map(s -> s + ".%").toArray(String[]::new);
    }

    private JdbcClient.StatementSpec scoped(String sql, Caller caller, Query query) {
        return jdbc.sql(sql)
                .param("scope", personScope(caller))
                .param("scopeLike", personScopeLike(caller))
                .param("region", query.regionCode())
                .param("after", query.afterId())
                .param("from", query.from())
                .param("to", query.to())
                .param("limit", query.page().limitWithLookahead());
    }

    private static String dated(String column) {
        return " AND (CAST(:from AS date) IS NULL OR " + column + " >= :from)" + " AND (CAST(:to AS date) IS NULL OR "
                + column + " <= :to)";
    }

    public List<CaseRecords.Child> children(Caller caller, Query query) {
        return scoped("""
                SELECT t.kabkota_code, t.id, t.nik_masked, t.name, t.sex, t.birth_date, t.birth_weight_g,
                       t.birth_length_cm, t.parent_name, f.code AS posyandu_code, t.synthetic, %s
                  FROM children t LEFT JOIN facilities f ON f.id = t.posyandu_id
                 WHERE %s %s
                   AND (CAST(:from AS date) IS NULL OR EXISTS (SELECT 1 FROM growth_measurements m
                         WHERE m.kabkota_code = t.kabkota_code AND m.child_id = t.id
                           AND m.measured_on >= :from AND (CAST(:to AS date) IS NULL OR m.measured_on <= :to)))
                   AND (CAST(:to AS date) IS NULL OR EXISTS (SELECT 1 FROM growth_measurements m
                         WHERE m.kabkota_code = t.kabkota_code AND m.child_id = t.id AND m.measured_on <= :to))
                 ORDER BY t.id LIMIT :limit""".formatted(ADDRESS, SCOPE, FILTER), caller, query)
                .query(CaseRepository::child)
                .list();
    }

    public CaseRecords.Child child(Caller caller, long id) {
        Query query = new Query(null, null, null, PageRequest.of("child", 1, null));
        return scoped("""
                SELECT t.kabkota_code, t.id, t.nik_masked, t.name, t.sex, t.birth_date, t.birth_weight_g,
                       t.birth_length_cm, t.parent_name, f.code AS posyandu_code, t.synthetic, %s
                  FROM children t LEFT JOIN facilities f ON f.id = t.posyandu_id
                 WHERE t.id = :id AND %s %s""".formatted(ADDRESS, SCOPE, FILTER), caller, query)
                .param("id", id)
                .query(CaseRepository::child)
                .optional()
                .orElse(null);
    }

    /**
     * Measurements of many children at once (a batch), oldest first: only those taken inside the caller's scope (a
     * child who moved in from another area comes without the history measured there).
     */
    public Map<Long, List<CaseRecords.GrowthMeasurement>> measurements(Caller caller, List<Long> childIds) {
        return jdbc
                .sql("""
                        SELECT child_id, measured_on, age_days, weight_kg, length_height_cm, measured, muac_cm, head_cm,
                               oedema,
                               z_length_height_for_age, category_length_height_for_age,
                               z_weight_for_age, category_weight_for_age,
                               z_weight_for_length_height, category_weight_for_length_height,
                               z_bmi_for_age, category_bmi_for_age, flagged, rw_code
                          FROM growth_measurements t WHERE child_id = ANY(CAST(:ids AS bigint[])) AND %s
                         ORDER BY child_id, measured_on""".formatted(SCOPE))
                .param("ids", childIds.toArray(Long[]::new))
                .param("scope", personScope(caller))
                .param("scopeLike", personScopeLike(caller))
                .query(CaseRepository::measurement)
                .list()
                .stream()
                .collect(Collectors.groupingBy(CaseRecords.GrowthMeasurement::childId));
    }

    public List<CaseRecords.TbCase> tbCases(Caller caller, Query query) {
        return scoped("""
                SELECT t.*, f.code AS facility_code, %s
                  FROM tb_cases t LEFT JOIN facilities f ON f.id = t.facility_id
                 WHERE %s %s %s ORDER BY t.id LIMIT :limit""".formatted(ADDRESS, SCOPE, FILTER, dated("t.diagnosed_on")), caller, query)
                .query((rs, n) -> new CaseRecords.TbCase(
                        Long.toString(rs.getLong("id")),
                        rs.getString("registration_number"),
                        rs.getString("nik_masked"),
                        rs.getString("name"),
                        rs.getString("sex"),
                        date(rs, "birth_date"),
                        date(rs, "diagnosed_on"),
                        rs.getString("diagnosis_type"),
                        rs.getString("anatomical_site"),
                        rs.getString("treatment_history"),
                        rs.getString("hiv_status"),
                        rs.getString("drug_sensitivity"),
                        date(rs, "treatment_started_on"),
                        date(rs, "treatment_ended_on"),
                        rs.getString("outcome"),
                        integer(rs, "contacts_identified"),
                        integer(rs, "contacts_investigated"),
                        rs.getString("facility_code"),
                        address(rs),
                        rs.getBoolean("synthetic"),
                        false))
                .list()
                .stream()
                .map(c -> AccessPolicy.mayReadClinicalData(caller) ? c : c.withoutClinicalDetails())
                .toList();
    }

    public List<CaseRecords.PovertyHousehold> povertyHouseholds(Caller caller, Query query) {
        return scoped("""
                SELECT t.*, %s FROM poverty_households t
                 WHERE %s %s %s ORDER BY t.id LIMIT :limit""".formatted(ADDRESS, SCOPE, FILTER, dated("t.as_of")), caller, query)
                .query((rs, n) -> new CaseRecords.PovertyHousehold(
                        Long.toString(rs.getLong("id")),
                        rs.getString("family_card_masked"),
                        rs.getString("head_name"),
                        rs.getInt("desil"),
                        rs.getInt("household_size"),
                        rs.getString("source"),
                        date(rs, "as_of"),
                        address(rs),
                        rs.getBoolean("synthetic")))
                .list();
    }

    public List<CaseRecords.Pregnancy> pregnancies(Caller caller, Query query) {
        return scoped("""
                SELECT t.*, f.code AS referral_code, %s
                  FROM pregnancies t LEFT JOIN facilities f ON f.id = t.referral_facility_id
                 WHERE %s %s %s ORDER BY t.id LIMIT :limit""".formatted(ADDRESS, SCOPE, FILTER, dated("t.last_menstrual_period")), caller, query)
                .query((rs, n) -> new CaseRecords.Pregnancy(
                        Long.toString(rs.getLong("id")),
                        rs.getString("nik_masked"),
                        rs.getString("mother_name"),
                        date(rs, "mother_birth_date"),
                        date(rs, "last_menstrual_period"),
                        date(rs, "estimated_due_date"),
                        rs.getInt("gravida"),
                        decimal(rs, "muac_cm"),
                        rs.getInt("anc_contacts"),
                        strings(rs.getArray("risk_factors")),
                        rs.getBoolean("high_risk"),
                        rs.getString("referral_code"),
                        date(rs, "delivered_on"),
                        rs.getString("delivery_place"),
                        integer(rs, "birth_weight_g"),
                        (Boolean) rs.getObject("low_birth_weight"),
                        rs.getInt("home_visits_due"),
                        rs.getInt("home_visits_done"),
                        date(rs, "maternal_death_on"),
                        date(rs, "infant_death_on"),
                        rs.getString("death_place"),
                        address(rs),
                        rs.getBoolean("synthetic"),
                        false))
                .list()
                .stream()
                .map(p -> AccessPolicy.mayReadClinicalData(caller) ? p : p.withoutClinicalDetails())
                .toList();
    }

    private static CaseRecords.Child child(ResultSet rs, int n) throws SQLException {
        return new CaseRecords.Child(
                Long.toString(rs.getLong("id")),
                rs.getLong("id"),
                rs.getString("kabkota_code"),
                rs.getString("nik_masked"),
                rs.getString("name"),
                rs.getString("sex"),
                date(rs, "birth_date"),
                integer(rs, "birth_weight_g"),
                decimal(rs, "birth_length_cm"),
                rs.getString("parent_name"),
                rs.getString("posyandu_code"),
                address(rs),
                rs.getBoolean("synthetic"));
    }

    private static CaseRecords.GrowthMeasurement measurement(ResultSet rs, int n) throws SQLException {
        int age = rs.getInt("age_days");
        return new CaseRecords.GrowthMeasurement(
                rs.getLong("child_id"),
                date(rs, "measured_on"),
                age,
                decimal(rs, "weight_kg"),
                decimal(rs, "length_height_cm"),
                rs.getString("measured"),
                decimal(rs, "muac_cm"),
                decimal(rs, "head_cm"),
                rs.getBoolean("oedema"),
                new CaseRecords.Assessment(
                        age,
                        z(rs, "z_length_height_for_age", "category_length_height_for_age"),
                        z(rs, "z_weight_for_age", "category_weight_for_age"),
                        z(rs, "z_weight_for_length_height", "category_weight_for_length_height"),
                        z(rs, "z_bmi_for_age", "category_bmi_for_age")),
                rs.getString("rw_code"));
    }

    private static CaseRecords.ZScore z(ResultSet rs, String zColumn, String categoryColumn) throws SQLException {
        Double z = decimal(rs, zColumn);
        // WHO's implausibility limits are a function of the z-score alone.
        boolean flagged = z != null
                && switch (zColumn) {
                    case "z_length_height_for_age" -> Math.abs(z) > 6;
                    case "z_weight_for_age" -> z < -6 || z > 5;
                    default -> Math.abs(z) > 5;
                };
        return new CaseRecords.ZScore(z, rs.getString(categoryColumn), flagged);
    }

    private static CaseAddress address(ResultSet rs) throws SQLException {
        return new CaseAddress(
                rs.getString("rw_code"),
                rs.getString("kelurahan_code"),
                integer(rs, "rt"),
                integer(rs, "rw_number"),
                rs.getString("address"),
                GeoJson.ofNullable(rs.getString("location_json")),
                rs.getString("rw_assignment"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Double decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
