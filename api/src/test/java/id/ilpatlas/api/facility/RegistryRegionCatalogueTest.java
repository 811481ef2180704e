package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The registry's extensions of {@code Region}, the service catalogue and the programmes, against SQL. */
@Slow
class RegistryRegionCatalogueTest extends IntegrationTest {

    /** Active posyandu serving a region: it, or an RW inside it, is in their catchment. */
    private int posyanduServing(String code) {
        return jdbc.sql("""
                SELECT count(DISTINCT f.id) FROM facilities f JOIN facility_catchments c ON c.facility_id = f.id
                 WHERE f.type = 'POSYANDU' AND f.active
                   AND (c.region_code = :code OR starts_with(c.region_code, :code || '.'))""").param("code", code).query(Integer.class).single();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "33.75.01.1002",
                "33.75.03.1004",
                "33.75.01.1002.RW001",
                "33.75.01.1002.RW007",
                "33.75.02",
                "33.75"
            })
    void regionFacilitiesAndPosyanduCountEqualSql(String code) {
        GraphQlTester.Response response = graphQl.documentName("registryRegion")
                .variable("code", code)
                .variable("type", "POSYANDU")
                .execute();
        response.errors().verify();
        String located = code.contains(".RW")
                ? "f.address_rw_code = :code"
                : "(f.kelurahan_code = :code OR starts_with(f.kelurahan_code, :code || '.'))";
        List<String> expected = jdbc.sql("SELECT code FROM facilities f WHERE f.active AND f.type = 'POSYANDU' AND "
                        + located + " ORDER BY code")
                .param("code", code)
                .query(String.class)
                .list();
        response.path("region.facilities[*].id")
                .entityList(String.class)
                .containsExactly(expected.toArray(String[]::new));
        response.path("region.facilities[*].type")
                .entityList(String.class)
                .satisfies(
                        types -> assertThat(types).allSatisfy(t -> assertThat(t).isEqualTo("POSYANDU")));
        response.path("region.posyanduCount").entity(Integer.class).isEqualTo(posyanduServing(code));
        if (!code.contains(".RW")) {
            assertThat(expected).as("posyandu located in %s", code).isNotEmpty();
        }
    }

    @Test
    void regionFacilitiesOfEveryTypeEqualSql() {
        GraphQlTester.Response response = graphQl.documentName("registryRegion")
                .variable("code", "33.75.01.1002")
                .execute();
        response.path("region.facilities[*].id")
                .entityList(String.class)
                .containsExactly(jdbc.sql(
                                "SELECT code FROM facilities WHERE active AND kelurahan_code = '33.75.01.1002' ORDER BY code")
                        .query(String.class)
                        .list()
                        .toArray(String[]::new));
    }

    @Test
    void theWholeCityHas414Posyandu() {
        GraphQlTester.Response response = graphQl.documentName("registryRegion")
                .variable("code", "33.75")
                .variable("type", "POSYANDU")
                .execute();
        response.path("region.posyanduCount").entity(Integer.class).isEqualTo(414);
        response.path("region.facilities").entityList(Object.class).hasSize(414);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM facilities WHERE type = 'POSYANDU' AND active AND kabkota_code = '33.75'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(414);
    }

    @Test
    void rwsWithoutPosyanduEqualSqlAndExist() {
        List<String> expected = jdbc.sql("""
                SELECT r.code FROM regions r
                 WHERE r.level = 'RW' AND starts_with(r.code, '33.75.')
                   AND r.code NOT IN (SELECT c.region_code FROM facility_catchments c
                                        JOIN facilities f ON f.id = c.facility_id
                                       WHERE f.type = 'POSYANDU' AND f.active)
                 ORDER BY r.code""").query(String.class).list();
        assertThat(expected).as("RWs no posyandu serves in the demo data").isNotEmpty();
        List<String> actual = new ArrayList<>();
        Integer total = null;
        String after = null;
        for (int pages = 0; pages < 50; pages++) {
            GraphQlTester.Request<?> request = graphQl.documentName("registryRegions")
                    .variable("level", "RW")
                    .variable("within", "33.75")
                    .variable("withoutPosyandu", true)
                    .variable("first", 5);
            if (after != null) {
                request = request.variable("after", after);
            }
            GraphQlTester.Response response = request.execute();
            response.errors().verify();
            actual.addAll(response.path("regions.edges[*].node.code")
                    .entityList(String.class)
                    .get());
            total = response.path("regions.totalCount").entity(Integer.class).get();
            if (!response.path("regions.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get()) {
                break;
            }
            after = response.path("regions.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(total).isEqualTo(expected.size());
        // each of them reports no posyandu
        for (String rw : expected) {
            graphQl.documentName("registryRegion")
                    .variable("code", rw)
                    .execute()
                    .path("region.posyanduCount")
                    .entity(Integer.class)
                    .isEqualTo(0);
        }
        // and a kelurahan is "without posyandu" only when none of its RWs is served: none in the demo data
        graphQl.documentName("registryRegions")
                .variable("level", "KELURAHAN")
                .variable("within", "33.75")
                .variable("withoutPosyandu", true)
                .execute()
                .path("regions.totalCount")
                .entity(Integer.class)
                .isEqualTo(jdbc.sql("""
                        SELECT count(*) FROM regions k WHERE k.level = 'KELURAHAN' AND starts_with(k.code, '33.75.')
                           AND NOT EXISTS (SELECT 1 FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                                            WHERE f.type = 'POSYANDU' AND f.active
                                              AND starts_with(c.region_code, k.code || '.'))""").query(Integer.class).single());
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesDeliveredAtThePosyanduEqualTheCatalogue() {
        GraphQlTester.Response response = graphQl.documentName("registryCatalogue")
                .variable("deliveryLevel", "POSYANDU")
                .execute();
        response.errors().verify();
        List<String> expected = jdbc.sql("SELECT key FROM services WHERE at_posyandu ORDER BY key")
                .query(String.class)
                .list();
        assertThat(expected).isNotEmpty();
        response.path("services[*].key").entityList(String.class).containsExactly(expected.toArray(String[]::new));
        List<Map<String, Object>> services = response.path("services").entityList(Map.class).get().stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        assertThat(services)
                .allSatisfy(
                        s -> assertThat((List<String>) s.get("deliveryLevels")).contains("POSYANDU"));
        for (Map<String, Object> s : services) {
            Map<String, Object> row = jdbc.sql("SELECT name, klaster, segment FROM services WHERE key = :k")
                    .param("k", s.get("key"))
                    .query()
                    .singleRow();
            assertThat(s)
                    .containsEntry("name", row.get("name"))
                    .containsEntry("klaster", row.get("klaster"))
                    .containsEntry("segment", row.get("segment"));
        }
        // every narrowing, alone and together
        graphQl.documentName("registryCatalogue")
                .execute()
                .path("services[*].key")
                .entityList(String.class)
                .containsExactly(jdbc.sql("SELECT key FROM services ORDER BY key")
                        .query(String.class)
                        .list()
                        .toArray(String[]::new));
        graphQl.documentName("registryCatalogue")
                .variable("segment", "DEWASA")
                .variable("klaster", "K3_DEWASA_LANSIA")
                .variable("deliveryLevel", "POSYANDU")
                .execute()
                .path("services[*].key")
                .entityList(String.class)
                .containsExactly(jdbc.sql("""
                        SELECT key FROM services WHERE segment = 'DEWASA' AND klaster = 'K3_DEWASA_LANSIA' AND at_posyandu
                         ORDER BY key""").query(String.class).list().toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiveProgrammesWithTheirAreasAndFacilities() {
        GraphQlTester.Response response =
                graphQl.documentName("registryCatalogue").execute();
        response.errors().verify();
        response.path("programs[*].key")
                .entityList(String.class)
                .containsExactly("GERAKAN_INTERVENSI_SERENTAK", "ILP", "KLEOPATRA", "KRISNNA", "PERMAISURI");
        List<Map<String, Object>> programs = response.path("programs").entityList(Map.class).get().stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        for (Map<String, Object> p : programs) {
            String key = (String) p.get("key");
            List<String> areas = ((List<Map<String, Object>>) p.get("areas"))
                    .stream().map(a -> (String) a.get("code")).toList();
            List<String> facilities = ((List<Map<String, Object>>) p.get("facilities"))
                    .stream().map(f -> (String) f.get("id")).toList();
            assertThat(areas)
                    .as("areas of %s", key)
                    .isNotEmpty()
                    .containsExactlyElementsOf(jdbc.sql(
                                    "SELECT region_code FROM program_areas WHERE program_key = :k ORDER BY region_code")
                            .param("k", key)
                            .query(String.class)
                            .list());
            assertThat(facilities)
                    .as("facilities of %s", key)
                    .isNotEmpty()
                    .containsExactlyElementsOf(
                            jdbc.sql("""
                            SELECT f.code FROM program_facilities pf JOIN facilities f ON f.id = pf.facility_id
                             WHERE pf.program_key = :k AND f.active ORDER BY f.code""").param("k", key).query(String.class).list());
        }
        Map<String, Object> kleopatra = programs.stream()
                .filter(p -> p.get("key").equals("KLEOPATRA"))
                .findFirst()
                .orElseThrow();
        assertThat(((List<Map<String, Object>>) kleopatra.get("areas")))
                .hasSize(15)
                .allSatisfy(a -> assertThat((String) a.get("code")).matches("33\\.75\\.03\\.\\d{4}\\.RW\\d{3}"));
        assertThat(kleopatra).containsEntry("periodStart", "2025-07-01").containsEntry("periodEnd", "2026-06-30");
        assertThat(programs.stream()
                        .filter(p -> p.get("key").equals("ILP"))
                        .findFirst()
                        .orElseThrow())
                .containsEntry("periodEnd", null);
        assertThat(((List<Object>) programs.stream()
                        .filter(p -> p.get("key").equals("GERAKAN_INTERVENSI_SERENTAK"))
                        .findFirst()
                        .orElseThrow()
                        .get("facilities")))
                .hasSize(414);
    }

    @Test
    void everyPosyanduLiesInsideAnRwOfItsCatchment() {
        int outside = jdbc.sql("""
                SELECT count(*) FROM facilities f
                 WHERE f.type = 'POSYANDU'
                   AND NOT EXISTS (SELECT 1 FROM facility_catchments c JOIN regions r ON r.code = c.region_code
                                    WHERE c.facility_id = f.id AND r.level = 'RW' AND ST_Intersects(r.geom, f.location))""").query(Integer.class).single();
        assertThat(outside).isZero();
        int notRwCatchment = jdbc.sql("""
                SELECT count(*) FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                  JOIN regions r ON r.code = c.region_code
                 WHERE f.type = 'POSYANDU' AND r.level <> 'RW'""").query(Integer.class).single();
        assertThat(notRwCatchment).isZero();
        // and its address RW is one it serves
        int addressNotServed = jdbc.sql("""
                SELECT count(*) FROM facilities f WHERE f.type = 'POSYANDU'
                   AND NOT EXISTS (SELECT 1 FROM facility_catchments c
                                    WHERE c.facility_id = f.id AND c.region_code = f.address_rw_code)""").query(Integer.class).single();
        assertThat(addressNotServed).isZero();
    }
}
