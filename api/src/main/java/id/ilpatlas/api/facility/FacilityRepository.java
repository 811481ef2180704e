package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.graphql.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads facilities with plain SQL. */
@Repository
public class FacilityRepository {

    private final JdbcClient jdbc;

    public FacilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Facility> findPage(PageRequest page) {
        return jdbc.sql("""
                        SELECT code, name, type, ST_AsGeoJSON(location, 7) AS location, location_quality,
                               location_note, kelurahan_code, synthetic
                          FROM facilities
                         WHERE CAST(:after AS text) IS NULL OR code > :after
                         ORDER BY code
                         LIMIT :limit""")
                .param("after", page.afterKey())
                .param("limit", page.limitWithLookahead())
                .query(FacilityRepository::facility)
                .list();
    }

    public int count() {
        return jdbc.sql("SELECT count(*) FROM facilities").query(Integer.class).single();
    }

    private static Facility facility(ResultSet rs, int rowNum) throws SQLException {
        return new Facility(
                rs.getString("code"),
                rs.getString("name"),
                FacilityType.valueOf(rs.getString("type")),
                new GeoJson(rs.getString("location")),
                Facility.LocationQuality.valueOf(rs.getString("location_quality")),
                rs.getString("location_note"),
                rs.getString("kelurahan_code"),
                rs.getBoolean("synthetic"));
    }
}
