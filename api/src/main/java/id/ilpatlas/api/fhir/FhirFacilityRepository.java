package id.ilpatlas.api.fhir;

import id.ilpatlas.api.facility.Facility.LocationQuality;
import id.ilpatlas.api.facility.FacilityType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads facilities and their opening hours for the FHIR export: two queries per request, whatever the size. */
@Repository
class FhirFacilityRepository {

    /** The facilities a {@link FhirSearch} selects, alias {@code f}. */
    private static final String SELECTED = """
            (:includeInactive OR f.active)
               AND (CAST(:type AS text) IS NULL OR f.type = :type)
               AND (CAST(:kabkota AS text) IS NULL OR f.kabkota_code = :kabkota)
               AND (CAST(:code AS text) IS NULL OR f.code = :code)""";

    private final JdbcClient jdbc;

    FhirFacilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<FhirFacility> find(FhirSearch search) {
        return bind(jdbc.sql("""
                        SELECT f.id, f.code, f.name, f.type, f.active, p.code AS parent_code, f.address_street,
                               f.address_rt, f.address_rw_code, f.kelurahan_code, k.name AS kabkota_name,
                               ST_X(f.location) AS longitude, ST_Y(f.location) AS latitude,
                               f.location_quality, f.location_note, f.updated_at
                          FROM facilities f
                          LEFT JOIN facilities p ON p.id = f.parent_id
                          LEFT JOIN regions k ON k.code = f.kabkota_code
                         WHERE {selected}
                         ORDER BY f.code""".replace("{selected}", SELECTED)), search)
                .query(FhirFacilityRepository::facility)
                .list();
    }

    /** Opening hours of the facilities {@code search} selects, by facility, interval and day. */
    List<FhirOpeningHours> openingHours(FhirSearch search) {
        return bind(jdbc.sql("""
                        SELECT h.facility_id, h.day_of_week,
                               to_char(h.opens, 'HH24:MI:SS') AS opens, to_char(h.closes, 'HH24:MI:SS') AS closes
                          FROM facility_opening_hours h
                          JOIN facilities f ON f.id = h.facility_id
                         WHERE {selected}
                         ORDER BY h.facility_id, h.opens, h.closes, h.day_of_week""".replace("{selected}", SELECTED)), search)
                .query((rs, rowNum) -> new FhirOpeningHours(
                        rs.getLong("facility_id"),
                        rs.getInt("day_of_week"),
                        rs.getString("opens"),
                        rs.getString("closes")))
                .list();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, FhirSearch search) {
        return statement
                .param("includeInactive", search.includeInactive())
                .param("type", search.type() == null ? null : search.type().name())
                .param("kabkota", search.kabkotaCode())
                .param("code", search.code());
    }

    private static FhirFacility facility(ResultSet rs, int rowNum) throws SQLException {
        return new FhirFacility(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                FacilityType.valueOf(rs.getString("type")),
                rs.getBoolean("active"),
                rs.getString("parent_code"),
                rs.getString("address_street"),
                rs.getObject("address_rt", Integer.class),
                rs.getString("address_rw_code"),
                rs.getString("kelurahan_code"),
                rs.getString("kabkota_name"),
                rs.getDouble("longitude"),
                rs.getDouble("latitude"),
                LocationQuality.valueOf(rs.getString("location_quality")),
                rs.getString("location_note"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
