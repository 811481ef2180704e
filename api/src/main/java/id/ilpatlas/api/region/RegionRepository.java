package id.ilpatlas.api.region;

import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.geo.region.RegionLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads regions with plain SQL; PostGIS computes areas, simplification and GeoJSON. */
@Repository
public class RegionRepository {

    /** Metres per degree of latitude (and of longitude at the equator), used to turn metre tolerances into degrees. */
    static final double METERS_PER_DEGREE = 111_320.0;

    private static final String COLUMNS = """
            code, name, level, parent_code, population, population_year, population_source, synthetic,
            geometry_source""";

    /** No active posyandu has the region, or an RW inside it, in its catchment. */
    private static final String WITHOUT_POSYANDU = """
            AND NOT EXISTS (SELECT 1 FROM facility_catchments c
                              JOIN facilities f ON f.id = c.facility_id AND f.type = 'POSYANDU' AND f.active
                             WHERE c.region_code = regions.code OR c.region_code LIKE regions.code || '.%')
            """;

    private final JdbcClient jdbc;

    public RegionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an RW with this dotted code exists. */
    public boolean rwExists(String dottedCode) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM regions WHERE code = :c AND level = 'RW')")
                .param("c", dottedCode)
                .query(Boolean.class)
                .single();
    }

    public Optional<Region> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM regions WHERE code = :code")
                .param("code", code)
                .query(RegionRepository::region)
                .optional();
    }

    public List<Region> findByCodes(Collection<String> codes) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM regions WHERE code = ANY(:codes) ORDER BY code")
                .param("codes", codes.toArray(String[]::new))
                .query(RegionRepository::region)
                .list();
    }

    /** The children of all given regions, ordered by code. */
    public List<Region> findChildren(Collection<String> parentCodes) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM regions WHERE parent_code = ANY(:codes) ORDER BY code")
                .param("codes", parentCodes.toArray(String[]::new))
                .query(RegionRepository::region)
                .list();
    }

    /**
     * One page of regions of a level, optionally within an ancestor. Codes are hierarchical (a descendant's code
     * starts with its ancestor's code and a dot), so "within" is an indexed prefix scan.
     */
    public List<Region> findPage(RegionLevel level, String withinCode, boolean withoutPosyandu, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM regions
                        WHERE level = :level
                          AND (CAST(:prefix AS text) IS NULL OR code LIKE :prefix)
                          AND (CAST(:after AS text) IS NULL OR code > :after)
                        """ + (withoutPosyandu ? WITHOUT_POSYANDU : "") + """
                        ORDER BY code
                        LIMIT :limit""")
                .param("level", level.name())
                .param("prefix", withinCode == null ? null : withinCode + ".%")
                .param("after", page.afterKey())
                .param("limit", page.limitWithLookahead())
                .query(RegionRepository::region)
                .list();
    }

    public int count(RegionLevel level, String withinCode, boolean withoutPosyandu) {
        return jdbc.sql("""
                        SELECT count(*) FROM regions
                         WHERE level = :level AND (CAST(:prefix AS text) IS NULL OR code LIKE :prefix)
                        """ + (withoutPosyandu ? WITHOUT_POSYANDU : ""))
                .param("level", level.name())
                .param("prefix", withinCode == null ? null : withinCode + ".%")
                .query(Integer.class)
                .single();
    }

    /** GeoJSON boundaries for a batch of requests: one query per distinct tolerance. */
    Map<GeometryRequest, GeoJson> geometries(Set<GeometryRequest> requests) {
        Map<GeometryRequest, GeoJson> result = new HashMap<>();
        Map<Double, List<GeometryRequest>> byTolerance =
                requests.stream().collect(Collectors.groupingBy(GeometryRequest::simplifyMeters));
        byTolerance.forEach((simplifyMeters, group) -> jdbc.sql("""
                        SELECT code,
                               ST_AsGeoJSON(CASE WHEN :tolerance > 0
                                                 THEN ST_Multi(ST_SimplifyPreserveTopology(geom, :tolerance))
                                                 ELSE geom END, 7) AS geojson
                          FROM regions
                         WHERE code = ANY(:codes) AND geom IS NOT NULL""")
                .param("tolerance", simplifyMeters / METERS_PER_DEGREE)
                .param("codes", group.stream().map(GeometryRequest::code).toArray(String[]::new))
                .query((rs, rowNum) -> {
                    result.put(
                            new GeometryRequest(rs.getString("code"), simplifyMeters),
                            new GeoJson(rs.getString("geojson")));
                    return null;
                })
                .list());
        return result;
    }

    /**
     * Where a label of each region reads best: the centre of the largest circle inside its boundary (always inside,
     * unlike a centroid of a concave or split region), as a GeoJSON Point with 6 decimals (~0.1 m).
     */
    Map<String, GeoJson> labelPoints(Collection<String> codes) {
        Map<String, GeoJson> result = new HashMap<>();
        jdbc.sql("""
                        SELECT code, ST_AsGeoJSON((ST_MaximumInscribedCircle(geom)).center, 6)
                          FROM regions WHERE code = ANY(:codes) AND geom IS NOT NULL""")
                .param("codes", codes.toArray(String[]::new))
                .query((rs, n) -> result.put(rs.getString(1), new GeoJson(rs.getString(2))))
                .list();
        return result;
    }

    /** Spheroidal areas in square metres of the regions that have a boundary. */
    Map<String, Double> areas(Collection<String> codes) {
        Map<String, Double> result = new HashMap<>();
        jdbc.sql("SELECT code, ST_Area(geom::geography) FROM regions WHERE code = ANY(:codes) AND geom IS NOT NULL")
                .param("codes", codes.toArray(String[]::new))
                .query((rs, n) -> result.put(rs.getString(1), rs.getDouble(2)))
                .list();
        return result;
    }

    private static Region region(ResultSet rs, int rowNum) throws SQLException {
        return new Region(
                rs.getString("code"),
                rs.getString("name"),
                RegionLevel.valueOf(rs.getString("level")),
                rs.getString("parent_code"),
                (Integer) rs.getObject("population"),
                rs.getObject("population_year") == null ? null : rs.getInt("population_year"),
                rs.getString("population_source"),
                rs.getBoolean("synthetic"),
                rs.getString("geometry_source"));
    }
}
