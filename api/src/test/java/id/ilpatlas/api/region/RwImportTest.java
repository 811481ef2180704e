package id.ilpatlas.api.region;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.demo.PekalonganReferenceData;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A real RW layer replaces the synthetic RWs of the kelurahan it covers; bad features are refused by name. */
@Slow
class RwImportTest extends IntegrationTest {

    private static final String BUARAN = "33.75.04.1003";
    private static final String PONCOL = "33.75.02.1007";

    @Autowired
    RwImporter importer;

    @Autowired
    PekalonganReferenceData referenceData;

    @Autowired
    SyntheticCaseData syntheticCaseData;

    /** What points at the RWs of the two kelurahan; an import that drops RWs drops these references too. */
    private List<Map<String, Object>> catchments;

    private List<Map<String, Object>> addresses;
    private List<Map<String, Object>> programAreas;

    @BeforeEach
    void rememberReferencesToRws() {
        catchments = jdbc.sql("SELECT facility_id, region_code, kabkota_code FROM facility_catchments "
                        + "WHERE left(region_code, 13) IN (:a, :b)")
                .param("a", BUARAN)
                .param("b", PONCOL)
                .query()
                .listOfRows();
        addresses = jdbc.sql("SELECT id, address_rw_code FROM facilities WHERE address_rw_code IS NOT NULL "
                        + "AND kelurahan_code IN (:a, :b)")
                .param("a", BUARAN)
                .param("b", PONCOL)
                .query()
                .listOfRows();
        programAreas = jdbc.sql(
                        "SELECT program_key, region_code FROM program_areas WHERE left(region_code, 13) IN (:a, :b)")
                .param("a", BUARAN)
                .param("b", PONCOL)
                .query()
                .listOfRows();
    }

    @AfterEach
    void restoreSyntheticRws() {
        referenceData.regenerateSyntheticRws(BUARAN);
        referenceData.regenerateSyntheticRws(PONCOL);
        catchments.forEach(row -> jdbc.sql("INSERT INTO facility_catchments VALUES (:f, :r, :k) ON CONFLICT DO NOTHING")
                .param("f", row.get("facility_id"))
                .param("r", row.get("region_code"))
                .param("k", row.get("kabkota_code"))
                .update());
        addresses.forEach(row -> jdbc.sql("UPDATE facilities SET address_rw_code = :rw WHERE id = :id")
                .param("rw", row.get("address_rw_code"))
                .param("id", row.get("id"))
                .update());
        programAreas.forEach(row -> jdbc.sql("INSERT INTO program_areas VALUES (:p, :r) ON CONFLICT DO NOTHING")
                .param("p", row.get("program_key"))
                .param("r", row.get("region_code"))
                .update());
    }

    @Test
    void validLayerReplacesTheKelurahanRwsAndReimportIsHarmless() {
        String layer = featureCollection(
                feature("\"kode_kelurahan\": \"3375041003\", \"rw\": \"RW 001\"", westHalf(BUARAN)),
                feature(
                        "\"kode_kelurahan\": \"33.75.04.1003\", \"rw\": 2, \"name\": \"RW 02 Buaran\"",
                        eastHalf(BUARAN)));

        long auditedBefore = importAudits();
        RwImportReport report = importLayer(layer);
        assertThat(report.errors()).isEmpty();
        assertThat(report.replacedKelurahan()).containsExactly(BUARAN + ": 2 RWs");
        assertThat(importAudits()).as("the import is audited").isEqualTo(auditedBefore + 1);
        List<Map<String, Object>> first = rwsOf(BUARAN);

        RwImportReport again = importLayer(layer);
        assertThat(again.errors()).isEmpty();
        assertThat(again.unchanged()).as(again.describe()).isTrue();
        assertThat(again.kelurahan(BUARAN).status()).isEqualTo(RwImportReport.Status.UNCHANGED);
        assertThat(rwsOf(BUARAN)).isEqualTo(first);

        var response = graphQl.documentName("kelurahanWithRws")
                .variable("within", "33.75.04")
                .execute();
        response.path("regions.edges[?(@.node.code == '" + BUARAN + "')].node.children[*].code")
                .entityList(String.class)
                .containsExactly(BUARAN + ".RW001", BUARAN + ".RW002");
        response.path("regions.edges[?(@.node.code == '" + BUARAN + "')].node.children[*].synthetic")
                .entityList(Boolean.class)
                .containsExactly(false, false);
        response.path("regions.edges[?(@.node.code == '" + BUARAN + "')].node.children[*].name")
                .entityList(String.class)
                .containsExactly("RW 001", "RW 02 Buaran");
        int kelurahanPopulation = jdbc.sql("SELECT population FROM regions WHERE code = :c")
                .param("c", BUARAN)
                .query(Integer.class)
                .single();
        assertThat(first.stream()
                        .mapToInt(rw -> ((Number) rw.get("population")).intValue())
                        .sum())
                .isEqualTo(kelurahanPopulation);
        double uncovered = jdbc.sql("""
                SELECT ST_Area(ST_SymDifference(k.geom, (SELECT ST_Union(geom) FROM regions WHERE parent_code = k.code)))
                       / ST_Area(k.geom)
                  FROM regions k WHERE k.code = :c""").param("c", BUARAN).query(Double.class).single();
        assertThat(uncovered).isLessThan(1e-6);
    }

    @Test
    void bothCountChannelsFollowTheCasesIntoTheNewRws() {
        syntheticCaseData.ensureLoaded();
        Map<String, Long> before = births("rwIndicators");
        assertThat(births("caseCounts")).as("before the import").isEqualTo(before);

        importLayer(featureCollection(
                feature("\"kode_kelurahan\": \"3375041003\", \"rw\": 1", westHalf(BUARAN)),
                feature("\"kode_kelurahan\": \"3375041003\", \"rw\": 2", eastHalf(BUARAN))));

        // Both channels were read (and cached) before: both must see the cases in their new leaves, the same way.
        Map<String, Long> after = births("rwIndicators");
        assertThat(after.keySet())
                .containsExactly(BUARAN, BUARAN + ".RW001", BUARAN + ".RW002", BUARAN + ".UNASSIGNED");
        assertThat(births("caseCounts")).as("after the import").isEqualTo(after);
        assertThat(after.get(BUARAN)).as("the kelurahan keeps its births").isEqualTo(before.get(BUARAN));
    }

    /** Births of Buaran and its leaves in 2026-Q2 (a quarter the test data cover) as the Dinkes reads them. */
    private Map<String, Long> births(String channel) {
        Map<String, Long> births = new java.util.TreeMap<>();
        if (channel.equals("caseCounts")) {
            graphQl.documentName("caseCounts")
                    .variable("regionCode", BUARAN)
                    .variable("period", Map.of("year", 2026, "quarter", 2))
                    .variable("indicators", List.of("BIRTHS"))
                    .execute()
                    .path("caseCounts")
                    .entityList(Map.class)
                    .get()
                    .forEach(
                            row -> births.put((String) row.get("regionCode"), ((Number) row.get("count")).longValue()));
        } else {
            var report = graphQl.documentName("allChannelsRwCounts")
                    .variable("regionCode", BUARAN)
                    .variable("period", Map.of("year", 2026, "quarter", 2))
                    .execute();
            List<Map> rows = new java.util.ArrayList<>(
                    report.path("rwIndicators.rws").entityList(Map.class).get());
            rows.add(report.path("rwIndicators.total").entity(Map.class).get());
            rows.forEach(row -> births.put((String) row.get("regionCode"), ((Number) row.get("births")).longValue()));
        }
        return births;
    }

    @Test
    void badFeaturesAreNamedAndTheirKelurahanKeptWhileValidOnesAreImported() {
        String bowTie = "{\"type\": \"Polygon\", \"coordinates\": [[[109.680, -6.895], [109.684, -6.899], "
                + "[109.684, -6.895], [109.680, -6.899], [109.680, -6.895]]]}";
        String jakarta = "{\"type\": \"Polygon\", \"coordinates\": [[[106.80, -6.20], [106.81, -6.20], "
                + "[106.81, -6.19], [106.80, -6.19], [106.80, -6.20]]]}";
        String layer = featureCollection(
                feature("\"kode_kelurahan\": \"33.75.09.1001\", \"rw\": 1", westHalf(PONCOL)), // #1 unknown
                feature("\"kode_kelurahan\": \"33-75-02-1007\", \"rw\": 1", westHalf(PONCOL)), // #2 malformed
                feature("\"kode_kelurahan\": \"33.75.02.1007\"", westHalf(PONCOL)), // #3 no rw
                feature("\"kode_kelurahan\": \"33.75.02.1007\", \"rw\": 4", bowTie), // #4 invalid
                feature("\"kode_kelurahan\": \"33.75.02.1007\", \"rw\": 5", jakarta), // #5 outside
                feature(
                        "\"kode_kelurahan\": \"33.75.02.1007\", \"rw\": 6",
                        "{\"type\": \"Point\", \"coordinates\": [109.68, -6.89]}"), // #6 a point
                feature(
                        "\"kode_kelurahan\": \"33.75.02.1007\", \"rw\": 7, \"population\": -3",
                        eastHalf(PONCOL)), // #7 population
                feature(
                        "\"kode_kelurahan\": \"33.75.04.1003\", \"rw\": 1, \"population\": 4000",
                        westHalf(BUARAN)), // #8 valid
                feature("\"kode_kelurahan\": \"33.75.04.1003\", \"rw\": 2", eastHalf(BUARAN))); // #9 valid
        List<Map<String, Object>> poncolBefore = rwsOf(PONCOL);

        RwImportReport report = importLayer(layer);

        assertThat(report.errors()).as(report.describe()).hasSize(7);
        assertThat(report.errors().get(0))
                .startsWith("feature #1 (rw '1' → 33.75.02.1007.RW001): "
                        + "field 'kode_kelurahan': unknown kelurahan 33.75.09.1001");
        assertThat(report.errors().get(1))
                .startsWith("feature #2 (rw '1' → 33.75.02.1007.RW001): "
                        + "field 'kode_kelurahan': '33-75-02-1007' is not a valid kode wilayah");
        assertThat(report.errors().get(2))
                .startsWith("feature #3 (→ 33.75.02.1007): field 'rw': missing: expected an RW number");
        assertThat(report.errors().get(3))
                .startsWith("feature #4 (rw '4' → ")
                .contains("geometry: invalid polygon (Self-intersection");
        assertThat(report.errors().get(4))
                .startsWith("feature #5 (rw '5'): geometry: lies outside every kelurahan loaded");
        assertThat(report.errors().get(5))
                .startsWith(
                        "feature #6 (rw '6' → 33.75.02.1007.RW006): geometry: expected a Polygon or MultiPolygon, was Point");
        assertThat(report.errors().get(6))
                .startsWith("feature #7 (rw '7' → 33.75.02.1007.RW007): field 'population': "
                        + "expected a non-negative whole number");
        assertThat(report.replacedKelurahan()).containsExactly(BUARAN + ": 2 RWs");
        assertThat(report.kelurahan(PONCOL).status()).isEqualTo(RwImportReport.Status.KEPT);
        assertThat(report.describe()).contains("kept             " + PONCOL + " Poncol: keeps its");
        assertThat(rwsOf(PONCOL)).as("Poncol untouched").isEqualTo(poncolBefore);

        int kelurahanPopulation = jdbc.sql("SELECT population FROM regions WHERE code = :c")
                .param("c", BUARAN)
                .query(Integer.class)
                .single();
        assertThat(rwsOf(BUARAN))
                .extracting(rw -> ((Number) rw.get("population")).intValue())
                .containsExactly(4000, kelurahanPopulation - 4000);
    }

    @Test
    void notGeoJsonAtAllIsOneClearError() {
        assertThat(importLayer("{\"type\": \"Feature\"}").errors())
                .containsExactly("test.geojson: expected a GeoJSON FeatureCollection with a \"features\" array");
        assertThat(importLayer("not json").errors())
                .singleElement()
                .asString()
                .startsWith("test.geojson: not valid JSON");
    }

    private long importAudits() {
        return jdbc.sql(
                        "SELECT count(*) FROM audit_log WHERE action = 'importRw' AND target_id = :c AND outcome = 'DONE' "
                                + "AND actor LIKE 'cli:%' AND before IS NOT NULL AND after IS NOT NULL")
                .param("c", BUARAN)
                .query(Long.class)
                .single();
    }

    private RwImportReport importLayer(String geojson) {
        return importer.importGeoJson(
                new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)), "test.geojson");
    }

    private List<Map<String, Object>> rwsOf(String kelurahan) {
        return jdbc.sql("""
                SELECT code, name, population, synthetic, md5(ST_AsEWKB(geom)::text) AS shape
                  FROM regions WHERE parent_code = :c ORDER BY code""").param("c", kelurahan).query().listOfRows();
    }

    private String westHalf(String kelurahan) {
        return half(kelurahan, "ST_XMin(geom) - 0.01", "(ST_XMin(geom) + ST_XMax(geom)) / 2");
    }

    private String eastHalf(String kelurahan) {
        return half(kelurahan, "(ST_XMin(geom) + ST_XMax(geom)) / 2", "ST_XMax(geom) + 0.01");
    }

    /** The part of a kelurahan between two meridians, as GeoJSON with full precision. */
    private String half(String kelurahan, String west, String east) {
        return jdbc.sql("SELECT ST_AsGeoJSON(ST_Intersection(geom, ST_MakeEnvelope(" + west + ", ST_YMin(geom) - 0.01, "
                        + east + ", ST_YMax(geom) + 0.01, 4326)), 15) FROM regions WHERE code = :c")
                .param("c", kelurahan)
                .query(String.class)
                .single();
    }

    private static String feature(String properties, String geometry) {
        return "{\"type\": \"Feature\", \"properties\": {" + properties + "}, \"geometry\": " + geometry + "}";
    }

    private static String featureCollection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(", ", features) + "]}";
    }
}
