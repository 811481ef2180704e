package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * {@code nearestFacilities} (index-assisted KNN re-ranked on the spheroid) equals a brute-force scan of every active
 * facility ordered by spheroid distance, then code, for seeded random points in and around Kota Pekalongan.
 */
@Slow
class RegistryNearestTest extends IntegrationTest {

    private static final long SEED = 20261124L;
    private static final int POINTS = 200;
    /** Kota Pekalongan's bounding box with a margin of about 3 km around it. */
    private static final double WEST = 109.64 - 0.03;

    private static final double EAST = 109.72 + 0.03;
    private static final double SOUTH = -6.94 - 0.03;
    private static final double NORTH = -6.85 + 0.03;

    private record Near(String code, double distanceMeters) {}

    private List<Near> bruteForce(double lon, double lat, String type, String serviceKey, int first) {
        Map<String, Object> params = new HashMap<>();
        params.put("lon", lon);
        params.put("lat", lat);
        params.put("first", first);
        params.put("type", type);
        params.put("key", serviceKey);
        return jdbc.sql("""
                        SELECT f.code, ST_Distance(f.location::geography,
                                                   ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, true) AS d
                          FROM facilities f
                         WHERE f.active
                           AND (CAST(:type AS text) IS NULL OR f.type = :type)
                           AND (CAST(:key AS text) IS NULL OR f.id IN (SELECT facility_id FROM facility_services
                                                                        WHERE service_key = :key))
                         ORDER BY d, f.code
                         LIMIT :first""")
                .params(params)
                .query((rs, n) -> new Near(rs.getString(1), rs.getDouble(2)))
                .list();
    }

    private List<Near> api(double lon, double lat, String type, String serviceKey, int first) {
        GraphQlTester.Request<?> request = graphQl.documentName("registryNearest")
                .variable("near", Map.of("longitude", lon, "latitude", lat))
                .variable("first", first);
        if (type != null) {
            request = request.variable("type", type);
        }
        if (serviceKey != null) {
            request = request.variable("serviceKey", serviceKey);
        }
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        List<String> ids = response.path("nearestFacilities[*].facility.id")
                .entityList(String.class)
                .get();
        List<Double> distances = response.path("nearestFacilities[*].distanceMeters")
                .entityList(Double.class)
                .get();
        if (type != null) {
            response.path("nearestFacilities[*].facility.type")
                    .entityList(String.class)
                    .satisfies(types -> assertThat(types).containsOnly(type));
        }
        List<Near> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            result.add(new Near(ids.get(i), distances.get(i)));
        }
        return result;
    }

    private void compare(String type, String serviceKey, int first) {
        SplittableRandom random = new SplittableRandom(SEED);
        int checked = 0;
        for (int i = 0; i < POINTS; i++) {
            double lon = WEST + random.nextDouble() * (EAST - WEST);
            double lat = SOUTH + random.nextDouble() * (NORTH - SOUTH);
            List<Near> expected = bruteForce(lon, lat, type, serviceKey, first);
            List<Near> actual = api(lon, lat, type, serviceKey, first);
            String where = String.format(
                    java.util.Locale.ROOT,
                    "seed %d, point #%d (longitude %.7f, latitude %.7f), type %s, serviceKey %s",
                    SEED,
                    i,
                    lon,
                    lat,
                    type,
                    serviceKey);
            assertThat(actual).as(where).hasSize(expected.size());
            assertThat(actual.stream().map(Near::code).toList())
                    .as("ids and order at %s", where)
                    .containsExactlyElementsOf(expected.stream().map(Near::code).toList());
            for (int k = 0; k < expected.size(); k++) {
                assertThat(actual.get(k).distanceMeters())
                        .as("distance of %s at %s", expected.get(k).code(), where)
                        .isCloseTo(expected.get(k).distanceMeters(), within(0.01));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(POINTS);
    }

    @Test
    void nearestFiveOfAnyTypeEqualBruteForce() {
        compare(null, null, 5);
    }

    @Test
    void nearestFivePuskesmasEqualBruteForce() {
        compare("PUSKESMAS", null, 5);
    }

    @Test
    void nearestFiveOfferingImmunisationEqualBruteForce() {
        compare(null, "IMUNISASI_RUTIN", 5);
    }

    @Test
    void largerAnswersAndCombinedFiltersEqualBruteForce() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 20; i++) {
            double lon = WEST + random.nextDouble() * (EAST - WEST);
            double lat = SOUTH + random.nextDouble() * (NORTH - SOUTH);
            for (Object[] c : new Object[][] {
                {null, null, 100},
                {"POSYANDU", "SKRINING_LANSIA", 30},
                {"PUSTU", null, 14},
                {"RUMAH_SAKIT", null, 100},
                {"PUSKESMAS", "IMUNISASI_RUTIN", 3}
            }) {
                String where = String.format(
                        java.util.Locale.ROOT,
                        "seed %d, point #%d (%.7f, %.7f), %s/%s/%s",
                        SEED + 1,
                        i,
                        lon,
                        lat,
                        c[0],
                        c[1],
                        c[2]);
                List<Near> expected = bruteForce(lon, lat, (String) c[0], (String) c[1], (Integer) c[2]);
                List<Near> actual = api(lon, lat, (String) c[0], (String) c[1], (Integer) c[2]);
                assertThat(actual.stream().map(Near::code).toList())
                        .as(where)
                        .containsExactlyElementsOf(
                                expected.stream().map(Near::code).toList());
            }
        }
    }

    @Test
    void pointOnAFacilityIsAtDistanceZero() {
        List<Near> nearest = api(109.6487302, -6.8937032, "PUSKESMAS", null, 1);
        assertThat(nearest).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo("PKM-3375-TIRTO");
            assertThat(n.distanceMeters()).isCloseTo(0, within(0.01));
        });
    }

    private void expectBadArgument(GraphQlTester.Request<?> request, String argument) {
        request.execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(errors.get(0).getMessage()).startsWith("Argument '" + argument + "': ");
            assertThat(errors.get(0).getExtensions()).containsEntry("argument", argument);
        });
    }

    @Test
    void swappedCoordinatesAreAnErrorNamingNear() {
        expectBadArgument(
                graphQl.documentName("registryNearest")
                        .variable("near", Map.of("longitude", -6.89, "latitude", 109.65)),
                "near");
        graphQl.documentName("registryNearest")
                .variable("near", Map.of("longitude", -6.89, "latitude", 109.65))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getMessage())
                        .contains("swapped")
                        .contains("longitude 109.65, latitude -6.89"));
    }

    @Test
    void badFirstAndUnknownServiceNameTheirArgument() {
        Map<String, Object> point = Map.of("longitude", 109.67, "latitude", -6.88);
        expectBadArgument(
                graphQl.documentName("registryNearest").variable("near", point).variable("first", 0), "first");
        expectBadArgument(
                graphQl.documentName("registryNearest").variable("near", point).variable("first", 101), "first");
        expectBadArgument(
                graphQl.documentName("registryNearest")
                        .variable("near", point)
                        .variable("serviceKey", "NO_SUCH_SERVICE"),
                "serviceKey");
        expectBadArgument(
                graphQl.documentName("registryNearest").variable("near", Map.of("longitude", 200.0, "latitude", -6.88)),
                "near");
    }
}
