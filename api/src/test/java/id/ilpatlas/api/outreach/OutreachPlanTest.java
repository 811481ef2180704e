package id.ilpatlas.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.road.RoadLeg;
import id.ilpatlas.api.road.RoadRouting;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import id.ilpatlas.geo.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pusling outreach plans through GraphQL on the Pekalongan data: every reported leg, time and route length recomputed
 * from an independently measured matrix (RoadRouting per pair with the 500 m reach rule, else PostGIS geodesic × 1.4 at
 * 20 km/h); the route lines measured on the spheroid; a one-day plan against a brute force over every pair of RWs;
 * windows, capacity and workday reasons; approved selections only; no service day in the past (Asia/Jakarta); the
 * access rules; the GeoJSON and CSV exports. "Today" is pinned to Monday 30 November 2026, the day before the
 * December 2026 service days the tests plan, unless a test pins another day.
 */
@Slow
class OutreachPlanTest extends IntegrationTest {

    private static final String TIRTO = "PKM-3375-TIRTO";
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RoadRouting roads;

    @Autowired
    TravelModel travel;

    @Autowired
    RwAccessService access;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The day before the December 2026 service days of the tests (IntegrationTest unpins after each test). */
    @BeforeEach
    void pinToday() {
        testClock.pin(LocalDate.of(2026, 11, 30));
    }

    /** The {@code n} RWs (inside {@code region}) nearest to a facility by their representative points, nearest first. */
    private List<String> rwsNear(String facility, int n, int skip, String region) {
        return jdbc.sql("""
                        SELECT p.rw_code FROM rw_representative_points p, facilities f
                         WHERE f.code = :f AND p.rw_code LIKE :region || '.%'
                         ORDER BY ST_Distance(p.point::geography, f.location::geography), p.rw_code
                         OFFSET :skip LIMIT :n""")
                .param("f", facility)
                .param("n", n)
                .param("skip", skip)
                .param("region", region)
                .query(String.class)
                .list();
    }

    private List<String> rwsNear(String facility, int n, int skip) {
        return rwsNear(facility, n, skip, "33.75");
    }

    private void ensurePoints() {
        access.refreshIfStale("33.75");
    }

    static Map<String, Object> input(String name, List<String> rws) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", name);
        in.put("rwCodes", rws);
        in.put("depotFacilityId", TIRTO);
        in.put("timeLimitSeconds", 1);
        return in;
    }

    /** The planOutreach mutation of planOutreach.graphql (which also holds the outreachPlan query). */
    static GraphQlTester.Request<?> planning(GraphQlTester tester) {
        return tester.documentName("planOutreach").operationName("PlanOutreach");
    }

    /** The outreachPlan query, with the same selection as the mutation. */
    private static GraphQlTester.Request<?> reading(GraphQlTester tester) {
        return tester.documentName("planOutreach").operationName("OutreachPlan");
    }

    static Map<String, Object> queue(HttpGraphQlTester tester, Map<String, Object> input) {
        return OutreachJobPolling.queue(tester, input);
    }

    static Map<String, Object> await(HttpGraphQlTester tester, String jobId) {
        return OutreachJobPolling.await(tester, jobId);
    }

    static Map<String, Object> plan(HttpGraphQlTester tester, Map<String, Object> input) {
        return OutreachJobPolling.plan(tester, input);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(HttpGraphQlTester tester, Map<String, Object> input) {
        Map<String, Object> payload = planning(tester)
                .variable("input", input)
                .execute()
                .path("planOutreach")
                .entity(Map.class)
                .get();
        assertThat(payload.get("job")).isNull();
        return (List<Map<String, Object>>) payload.get("errors");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String field) {
        return (List<Map<String, Object>>) map.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }

    /** The ISO week of a date. */
    static int weekOf(String date) {
        return LocalDate.parse(date).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static int seconds(Object clock) {
        return LocalTime.parse((String) clock).toSecondOfDay();
    }

    /** [lon, lat] of a GeoJSON point (as the GeoJSON scalar serializes it, a map). */
    @SuppressWarnings("unchecked")
    private static double[] lonLat(Object geoJson) {
        List<Number> c = (List<Number>) ((Map<String, Object>) geoJson).get("coordinates");
        return new double[] {c.get(0).doubleValue(), c.get(1).doubleValue()};
    }

    /** A leg measured here: road when reached by the rule, else the geodesic-detour estimate. */
    private record Expected(long meters, long seconds, String method) {}

    private Expected measure(double[] from, double[] to, boolean road) {
        if (road) {
            RoadLeg leg = roads.leg(point(from), point(to), TravelMode.MOTORBIKE);
            if (leg.reachedWithin(TravelModel.MAX_CONNECTOR_METERS)) {
                return new Expected(Math.round(leg.distanceMeters()), Math.round(leg.durationSeconds()), "ROAD");
            }
        }
        double geodesic = jdbc.sql("""
                        SELECT ST_Distance(ST_SetSRID(ST_MakePoint(:x1, :y1), 4326)::geography,
                                           ST_SetSRID(ST_MakePoint(:x2, :y2), 4326)::geography)""")
                .param("x1", from[0])
                .param("y1", from[1])
                .param("x2", to[0])
                .param("y2", to[1])
                .query(Double.class)
                .single();
        TravelModel.Calibration calibration = travel.calibration("33.75", TravelMode.MOTORBIKE);
        double estimate = geodesic * calibration.detourFactor();
        return new Expected(
                Math.round(estimate), Math.round(estimate / (calibration.speedKmh() / 3.6)), "GEODESIC_DETOUR");
    }

    private static Point point(double[] lonLat) {
        return WGS84.createPoint(new Coordinate(lonLat[0], lonLat[1]));
    }

    /**
     * Recomputes every leg, time and length of the plan; checks the working hours, the partition of the RWs into
     * served once / unserved, the calendar and the route lines. Returns the RWs served.
     */
    private Set<String> checkPlan(Map<String, Object> plan, List<String> rws, boolean road, int serviceMinutes) {
        double[] depot = lonLat(map(plan, "depot").get("location"));
        int dayStart = seconds(plan.get("workdayStart"));
        int dayEnd = seconds(plan.get("workdayEnd"));
        Set<String> served = new HashSet<>();
        double total = 0;
        int fallbacks = 0;
        for (Map<String, Object> route : list(plan, "routes")) {
            String where = route.get("date") + " vehicle " + route.get("vehicle");
            assertThat(seconds(route.get("departure"))).as(where).isEqualTo(dayStart);
            double[] at = depot;
            int clock = dayStart;
            long meters = 0;
            long travel = 0;
            int fallbackLegs = 0;
            int sequence = 0;
            for (Map<String, Object> stop : list(route, "stops")) {
                assertThat(stop.get("sequence")).isEqualTo(++sequence);
                assertThat(served.add((String) stop.get("rwCode")))
                        .as("%s served once", stop.get("rwCode"))
                        .isTrue();
                double[] to = lonLat(stop.get("location"));
                Expected e = measure(at, to, road);
                Map<String, Object> leg = map(stop, "leg");
                assertThat(leg.get("method"))
                        .as("%s leg to %s", where, stop.get("rwCode"))
                        .isEqualTo(e.method());
                long legMeters = checkLeg(where + " leg to " + stop.get("rwCode"), leg, e);
                long legSeconds = (long) num(leg.get("durationSeconds"));
                fallbackLegs += e.method().equals("ROAD") ? 0 : 1;
                clock += (int) legSeconds;
                assertThat(seconds(stop.get("arrival"))).as("%s arrival", where).isEqualTo(clock);
                int start = seconds(stop.get("serviceStart"));
                assertThat(start).isGreaterThanOrEqualTo(clock);
                assertThat(num(stop.get("waitMinutes"))).isEqualTo((double) ((start - clock) / 60));
                clock = start + 60 * serviceMinutes;
                assertThat(seconds(stop.get("departure")))
                        .as("%s departure", where)
                        .isEqualTo(clock);
                meters += legMeters;
                travel += legSeconds;
                at = to;
                int dayOfMonth = LocalDate.parse((String) route.get("date")).getDayOfMonth();
                assertThat(stop.get("monthlyWeek"))
                        .isEqualTo(List.of("FIRST", "SECOND", "THIRD", "FOURTH", "LAST")
                                .get((dayOfMonth - 1) / 7));
            }
            Expected back = measure(at, depot, road);
            Map<String, Object> returnLeg = map(route, "returnLeg");
            assertThat(returnLeg.get("method")).isEqualTo(back.method());
            meters += checkLeg(where + " return", returnLeg, back);
            fallbackLegs += back.method().equals("ROAD") ? 0 : 1;
            clock += (int) num(returnLeg.get("durationSeconds"));
            travel += (long) num(returnLeg.get("durationSeconds"));
            assertThat(seconds(route.get("returnTime"))).as("%s return", where).isEqualTo(clock);
            assertThat(clock).as("%s back within the working day", where).isLessThanOrEqualTo(dayEnd);
            assertThat(num(route.get("distanceMeters"))).as("%s length", where).isEqualTo((double) meters);
            assertThat(num(route.get("travelSeconds"))).isEqualTo((double) travel);
            assertThat(num(route.get("durationSeconds"))).isEqualTo((double) (clock - dayStart));
            assertThat(route.get("fallbackLegs")).isEqualTo(fallbackLegs);
            fallbacks += fallbackLegs;
            total += meters;
            checkLine(where, route.get("geometry"), depot, meters, fallbackLegs == 0);
        }
        assertThat(num(plan.get("totalDistanceMeters"))).isEqualTo(total);
        assertThat(plan.get("fallbackLegs")).isEqualTo(fallbacks);
        Set<String> unserved = new HashSet<>();
        list(plan, "unserved").forEach(u -> unserved.add((String) u.get("rwCode")));
        assertThat(unserved).doesNotContainAnyElementsOf(served);
        Set<String> all = new HashSet<>(served);
        all.addAll(unserved);
        assertThat(all).containsExactlyInAnyOrderElementsOf(rws);
        assertThat(plan.get("servedCount")).isEqualTo(served.size());
        assertThat(plan.get("unservedCount")).isEqualTo(unserved.size());
        List<String> calendar = new ArrayList<>();
        for (Map<String, Object> day : list(plan, "days")) {
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) day.get("rwCodes");
            calendar.addAll(codes);
        }
        assertThat(calendar).containsExactlyInAnyOrderElementsOf(served);
        assertThat(list(plan, "days")).extracting(d -> d.get("date")).containsExactlyElementsOf((List<?>)
                plan.get("serviceDates"));
        return served;
    }

    /**
     * Checks a reported leg against the one measured here and returns its metres. Road legs may differ by 1 m or 1 s:
     * the planner's many-to-many Dijkstra and the single pair here sum the same edges in another order before rounding.
     */
    private static long checkLeg(String where, Map<String, Object> leg, Expected e) {
        long tolerance = e.method().equals("ROAD") ? 1 : 0;
        assertThat((long) num(leg.get("distanceMeters")))
                .as("%s metres", where)
                .isBetween(e.meters() - tolerance, e.meters() + tolerance);
        assertThat((long) num(leg.get("durationSeconds")))
                .as("%s seconds", where)
                .isBetween(e.seconds() - tolerance, e.seconds() + tolerance);
        return (long) num(leg.get("distanceMeters"));
    }

    /** The line starts and ends at the depot; a road-only route's line is as long as its legs (spheroid). */
    private void checkLine(String where, Object geometry, double[] depot, long meters, boolean roadOnly) {
        String json = JSON.writeValueAsString(geometry);
        Map<String, Object> measured = jdbc.sql("""
                        WITH g AS (SELECT ST_GeomFromGeoJSON(:g) AS g)
                        SELECT GeometryType(g) AS type, ST_Length(g::geography) AS length,
                               ST_Distance(ST_StartPoint(g)::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography) AS a,
                               ST_Distance(ST_EndPoint(g)::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography) AS b
                          FROM g""")
                .param("g", json)
                .param("x", depot[0])
                .param("y", depot[1])
                .query()
                .singleRow();
        assertThat(measured.get("type")).isEqualTo("LINESTRING");
        assertThat(num(measured.get("a"))).as("%s starts at the depot", where).isLessThan(0.01);
        assertThat(num(measured.get("b"))).as("%s ends at the depot", where).isLessThan(0.01);
        if (roadOnly) {
            // snap legs + road paths: the legs are rounded to the metre, the line is not
            assertThat(num(measured.get("length")))
                    .as("%s line along the roads", where)
                    .isCloseTo((double) meters, org.assertj.core.data.Offset.offset(meters * 0.002 + 10));
        }
    }

    @Test
    void roadPlanOverThreeDaysIsConsistentWithTheMatrixAndStoredAsReturned() {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 12, 0);
        Map<String, Object> in = input("Pusling Tirto test", rws);
        in.put("vehicles", 2);
        in.put("dates", List.of("2026-12-01", "2026-12-02", "2026-12-03"));
        Map<String, Object> plan = plan(graphQl, in);

        assertThat(plan.get("distanceMode")).isEqualTo("ROAD");
        assertThat(plan.get("solver")).asString().startsWith("OR-Tools");
        Set<String> served = checkPlan(plan, rws, true, 120);
        // 12 RWs of 2 h near the puskesmas fit 3 days x 2 vehicles x 2 stops
        assertThat(served).hasSize(12);
        assertThat(list(plan, "routes"))
                .allSatisfy(r -> assertThat(list(r, "stops")).hasSize(2));
        assertThat(list(plan, "routes")).hasSize(6);

        Map<String, Object> read = reading(graphQl)
                .variable("id", plan.get("id"))
                .execute()
                .path("outreachPlan")
                .entity(Map.class)
                .get();
        assertThat(read).isEqualTo(plan);
        // (the job is audited under the same action with its own id: the target type tells them apart)
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'planOutreach' AND target_id = :id "
                                + "AND target_type = 'OutreachPlan' AND outcome = 'DONE'")
                        .param("id", plan.get("id"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * Without a depot the plan starts from the RWs' responsible puskesmas; RWs of several puskesmas make the caller
     * choose; RWs outside the chosen depot's wilayah kerja and an APPROXIMATE depot point are said in the plan, the
     * latter also on every leg from and to the depot.
     */
    /**
     * The plan's warnings about its points and RWs: without NETWORK_QUALITY_LOW, which judges the whole demo road
     * network and comes and goes with what other test classes loaded before (this class alone gets it).
     */
    private static List<Map<String, Object>> pointWarnings(Map<String, Object> plan) {
        return list(plan, "warnings").stream()
                .filter(w -> !"NETWORK_QUALITY_LOW".equals(w.get("code")))
                .toList();
    }

    @Test
    void theDepotDefaultsToTheResponsiblePuskesmasAndThePlanSaysWhatItCannotVouchFor() {
        ensurePoints();
        List<String> pringrejo = rwsNear(TIRTO, 3, 0, "33.75.01.1009");
        Map<String, Object> in = input("Pusling Pringrejo", pringrejo);
        in.remove("depotFacilityId");
        in.put("dates", List.of("2026-12-01"));
        in.put("mode", "WALK");
        in.put("serviceMinutes", 30);
        Map<String, Object> plan = plan(graphQl, in);
        assertThat(map(plan, "depot").get("id"))
                .as("Pringrejo lies in Tirto's wilayah kerja")
                .isEqualTo(TIRTO);
        assertThat(plan.get("mode")).isEqualTo("WALK");
        assertThat(pointWarnings(plan))
                .as("Tirto's point is surveyed, its own RWs")
                .isEmpty();
        // One travel model: the first leg of each route is the RW's trip to its responsible puskesmas in rwAccess
        // (the demo network has no one-way street, so both directions are equal).
        for (Map<String, Object> route : list(plan, "routes")) {
            Map<String, Object> first = list(route, "stops").get(0);
            double access = jdbc.sql("""
                            SELECT road_distance_meters FROM rw_access
                             WHERE rw_code = :rw AND target = 'RESPONSIBLE_PUSKESMAS' AND mode = 'WALK'""")
                    .param("rw", first.get("rwCode"))
                    .query(Double.class)
                    .single();
            assertThat(num(map(first, "leg").get("distanceMeters")))
                    .as("first leg to %s", first.get("rwCode"))
                    .isCloseTo(access, org.assertj.core.data.Offset.offset(1.0));
        }

        // RWs of Tirto and of Medono: no single responsible puskesmas.
        List<String> mixed = new ArrayList<>(pringrejo);
        String medonoRw = rwsNear("PKM-3375-MEDONO", 1, 0, "33.75.01.1002").get(0);
        mixed.add(medonoRw);
        in.put("rwCodes", mixed);
        List<Map<String, Object>> errors = errors(graphQl, in);
        // Neither base field given: the error names baseFacilityId (depotFacilityId is only its deprecated name).
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo(List.of("input", "baseFacilityId"));
            assertThat((String) e.get("message"))
                    .contains("belong to PKM-3375-MEDONO", "belong to " + TIRTO, "give baseFacilityId")
                    .doesNotContain("depot");
        });

        // From Tirto anyway: the Medono RW is planned with a warning naming it.
        in.put("depotFacilityId", TIRTO);
        in.put("mode", "MOTORBIKE");
        plan = plan(graphQl, in);
        assertThat(pointWarnings(plan)).singleElement().satisfies(w -> {
            assertThat(w.get("code")).isEqualTo("OUTSIDE_BASE_WILAYAH_KERJA");
            assertThat((String) w.get("message")).contains("1 of the 4 RWs", medonoRw);
        });

        // From Medono, whose point is a stand-in: said once in the plan and on each leg from or to the depot.
        in.put("rwCodes", rwsNear("PKM-3375-MEDONO", 3, 0, "33.75.01.1002"));
        in.put("depotFacilityId", "PKM-3375-MEDONO");
        plan = plan(graphQl, in);
        assertThat(map(plan, "depot").get("locationQuality")).isEqualTo("APPROXIMATE");
        assertThat(pointWarnings(plan)).extracting(w -> w.get("code")).containsExactly("APPROXIMATE_FACILITY_LOCATION");
        for (Map<String, Object> route : list(plan, "routes")) {
            assertThat(map(route, "returnLeg").get("approximateLocation")).isEqualTo(true);
            for (Map<String, Object> stop : list(route, "stops")) {
                assertThat(map(stop, "leg").get("approximateLocation"))
                        .as("stop %s", stop.get("sequence"))
                        .isEqualTo(((Number) stop.get("sequence")).intValue() == 1);
            }
        }
    }

    @Test
    void oneDayPlanMatchesTheBruteForceOverEveryPairOfRws() {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 7, 3);
        Map<String, Object> in = input("one day", rws);
        in.put("dates", List.of("2026-12-07"));
        Map<String, Object> plan = plan(graphQl, in);
        checkPlan(plan, rws, true, 120);

        // 6 h with 2 h stops: at most 2 RWs; the best pair minimises the round trip (fixed cost is equal).
        Map<String, double[]> points = new HashMap<>();
        jdbc.sql("SELECT rw_code, ST_X(point), ST_Y(point) FROM rw_representative_points WHERE rw_code = ANY(:c)")
                .param("c", rws.toArray(String[]::new))
                .query((rs, n) -> points.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)}))
                .list();
        double[] depot = lonLat(map(plan, "depot").get("location"));
        long best = Long.MAX_VALUE;
        for (String a : rws) {
            for (String b : rws) {
                if (a.equals(b)) {
                    continue;
                }
                Expected l1 = measure(depot, points.get(a), true);
                Expected l2 = measure(points.get(a), points.get(b), true);
                Expected l3 = measure(points.get(b), depot, true);
                long time = l1.seconds() + 7200 + l2.seconds() + 7200 + l3.seconds();
                if (time <= 6 * 3600) {
                    best = Math.min(best, l1.meters() + l2.meters() + l3.meters());
                }
            }
        }
        assertThat(best).as("a feasible pair exists").isLessThan(Long.MAX_VALUE);
        assertThat(plan.get("servedCount")).isEqualTo(2);
        // within 3 m: the three legs may each round 1 m apart (see checkLeg)
        assertThat(num(plan.get("totalDistanceMeters")))
                .isCloseTo((double) best, org.assertj.core.data.Offset.offset(3.0));
        assertThat(list(plan, "unserved"))
                .hasSize(5)
                .allSatisfy(u -> assertThat(u.get("reason")).isEqualTo("NO_CAPACITY"));
    }

    /** The README's example, with its variables: five RWs around Tirto, two vehicles, December 2026 by road. */
    @Test
    @SuppressWarnings("unchecked")
    void readmeExampleRuns() {
        ensurePoints();
        Map<String, Object> input = JSON.readValue("""
                {"name": "Pusling Tirto Desember", "baseFacilityId": "PKM-3375-TIRTO", "vehicles": 2,
                 "month": "2026-12", "distanceMode": "ROAD", "timeLimitSeconds": 2,
                 "rwCodes": ["33.75.01.1009.RW002", "33.75.01.1009.RW006", "33.75.01.1009.RW007",
                             "33.75.01.1009.RW009", "33.75.01.1008.RW001"]}""", Map.class);
        Map<String, Object> payload = graphQl.documentName("readmePlanOutreach")
                .operationName("PlanPusling")
                .variable("input", input)
                .execute()
                .path("planOutreach")
                .entity(Map.class)
                .get();
        assertThat(list(payload, "errors")).isEmpty();
        String jobId = (String) map(payload, "job").get("id");
        assertThat(map(payload, "job").get("state")).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        await(graphQl, jobId);
        Map<String, Object> job = graphQl.documentName("readmePlanOutreach")
                .operationName("PuslingJob")
                .variable("id", jobId)
                .execute()
                .path("outreachPlanJob")
                .entity(Map.class)
                .get();
        assertThat(job.get("state")).isEqualTo("SUCCEEDED");
        Map<String, Object> plan = map(job, "plan");
        assertThat(plan.get("servedCount")).isEqualTo(5);
        // spread over the weeks: the 5 RWs fall in at least 3 different weeks, never on 24 (cuti bersama) or 25
        // December
        assertThat(list(plan, "routes").stream()
                        .map(r -> weekOf((String) r.get("date")))
                        .distinct())
                .hasSizeGreaterThan(2);
        assertThat(list(plan, "routes")).allSatisfy(r -> {
            assertThat(r.get("date")).isNotIn("2026-12-24", "2026-12-25");
            assertThat(map(r, "team").get("vehicle")).isIn("MOBIL_PUSLING", "MOTOR");
        });
        assertThat((String) plan.get("csvPath")).isEqualTo("/exports/outreach-plans/" + plan.get("id") + ".csv");
        // 23 weekdays in December 2026, minus the cuti bersama on the 24th and Christmas
        assertThat(list(plan, "days")).hasSize(21);
        // another test may have published a December plan of Tirto: then the plan says so
        boolean published =
                jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM outreach_plans p JOIN facilities f ON f.id = p.depot_facility_id
                                        WHERE f.code = :base AND p.status = 'PUBLISHED'
                                          AND p.service_month = DATE '2026-12-01')""").param("base", TIRTO).query(Boolean.class).single();
        assertThat(list(plan, "notes"))
                .extracting(n -> n.get("code"))
                .containsExactlyElementsOf(
                        published
                                ? List.of("DAYS_OFF_SKIPPED", "BASE_ALREADY_HAS_PUBLISHED_PLAN")
                                : List.of("DAYS_OFF_SKIPPED"));
    }

    @Test
    void windowsServiceOverridesAndTheWorkdayAreKept() {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 4, 0);
        Map<String, Object> in = input("windows", rws);
        in.put("dates", List.of("2026-12-08", "2026-12-09"));
        in.put("workdayStart", "07:30");
        in.put("workdayEnd", "13:00");
        in.put("serviceMinutes", 90);
        in.put(
                "stops",
                List.of(
                        Map.of("rwCode", rws.get(0), "earliestStart", "11:00"),
                        Map.of("rwCode", rws.get(1), "serviceMinutes", 400)));
        Map<String, Object> plan = plan(graphQl, in);

        Map<String, Object> late = null;
        for (Map<String, Object> r : list(plan, "routes")) {
            for (Map<String, Object> s : list(r, "stops")) {
                if (s.get("rwCode").equals(rws.get(0))) {
                    late = s;
                }
                assertThat(seconds(s.get("departure")) - seconds(s.get("serviceStart")))
                        .isEqualTo(90 * 60);
            }
            assertThat(seconds(r.get("returnTime"))).isLessThanOrEqualTo(13 * 3600);
        }
        assertThat(late).as("the windowed RW is served").isNotNull();
        assertThat(seconds(late.get("serviceStart"))).isGreaterThanOrEqualTo(11 * 3600);
        assertThat(list(plan, "unserved")).singleElement().satisfies(u -> {
            assertThat(u.get("rwCode")).isEqualTo(rws.get(1));
            assertThat(u.get("reason")).isEqualTo("BEYOND_WORKDAY");
            assertThat((String) u.get("message")).contains("400 min of service");
        });
    }

    @Test
    void geodesicModeMeasuresEveryLegByTheDetourEstimate() {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 5, 6);
        Map<String, Object> in = input("geodesic", rws);
        in.put("month", "2026-12");
        in.put("distanceMode", "GEODESIC");
        in.put("excludedDates", List.of("2026-12-25"));
        Map<String, Object> plan = plan(graphQl, in);
        checkPlan(plan, rws, false, 120);
        @SuppressWarnings("unchecked")
        List<String> dates = (List<String>) plan.get("serviceDates");
        assertThat(dates)
                .hasSize(21)
                .doesNotContain("2026-12-24", "2026-12-25")
                .contains("2026-12-01", "2026-12-31")
                .doesNotContain("2026-12-05", "2026-12-06");
        // spread over the weeks, not packed into the first days
        assertThat(list(plan, "routes").stream()
                        .map(r -> weekOf((String) r.get("date")))
                        .distinct())
                .hasSizeGreaterThan(2);
    }

    /** The errors' fields, types and dates as {@code field type date today} lines. */
    @SuppressWarnings("unchecked")
    private static List<String> pastErrors(List<Map<String, Object>> errors) {
        return errors.stream()
                .map(e -> String.join(".", (List<String>) e.get("field")) + " " + e.get("__typename") + " "
                        + e.get("date") + " " + e.get("today"))
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noServiceDayInThePastAndAMonthUnderWayStartsTodayUntilTheWorkingDayBegins() {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 1, 0);
        // Monday 7 December 2026, 01:00 in Jakarta: still 6 December in UTC.
        testClock.pin(Instant.parse("2026-12-06T18:00:00Z"));

        Map<String, Object> explicit = input("past dates", rws);
        explicit.put("dates", List.of("2026-12-08", "2020-01-06", "2026-12-06"));
        assertThat(pastErrors(errors(graphQl, explicit)))
                .containsExactly(
                        "input.dates.1 PastServiceDateError 2020-01-06 2026-12-07",
                        "input.dates.2 PastServiceDateError 2026-12-06 2026-12-07");

        Map<String, Object> pastMonth = input("past month", rws);
        pastMonth.put("month", "2026-11");
        assertThat(pastErrors(errors(graphQl, pastMonth)))
                .containsExactly("input.month PastServiceDateError 2026-11-30 2026-12-07");

        // Only Tuesdays of December from today on, minus all of them: nothing left, said on the month.
        Map<String, Object> nothingLeft = input("nothing left", rws);
        nothingLeft.put("month", "2026-12");
        nothingLeft.put("weekdays", List.of("TUESDAY"));
        nothingLeft.put("excludedDates", List.of("2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"));
        assertThat(errors(graphQl, nothingLeft)).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo(List.of("input", "month"));
            assertThat((String) e.get("message")).contains("from today (2026-12-07)");
        });

        // Today is a service day.
        Map<String, Object> today = input("today", rws);
        today.put("dates", List.of("2026-12-07"));
        today.put("distanceMode", "GEODESIC");
        assertThat((List<String>) plan(graphQl, today).get("serviceDates")).containsExactly("2026-12-07");

        // The month under way: its weekdays from today on (19 of the 23, minus 24 and 25 December), the first visit
        // today when packed into the earliest days, none on 1 December.
        Map<String, Object> month = input("month under way", rws);
        month.put("month", "2026-12");
        month.put("distanceMode", "GEODESIC");
        month.put("spreadOverWeeks", false);
        Map<String, Object> plan = plan(graphQl, month);
        List<String> dates = (List<String>) plan.get("serviceDates");
        assertThat(dates)
                .hasSize(17)
                .doesNotContain("2026-12-01", "2026-12-04")
                .startsWith("2026-12-07")
                .endsWith("2026-12-31")
                .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo("2026-12-07"));
        assertThat(list(plan, "routes")).extracting(r -> r.get("date")).containsExactly("2026-12-07");

        // 18:07 the same day (11:07 UTC): the working day (from 08:00) has begun, so today is no longer a service
        // day: an explicit date of today is refused, and the month under way starts tomorrow.
        testClock.pin(Instant.parse("2026-12-07T11:07:00Z"));
        Map<String, Object> evening = input("evening", rws);
        evening.put("dates", List.of("2026-12-07", "2026-12-08"));
        assertThat(errors(graphQl, evening)).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo(List.of("input", "dates", "0"));
            assertThat(e.get("__typename")).isEqualTo("PastServiceDateError");
            assertThat((String) e.get("message")).contains("the working day has begun", "18:07", "08:00");
        });
        // a later workdayStart keeps today open
        evening.put("workdayStart", "19:00");
        evening.put("workdayEnd", "23:00");
        evening.put("dates", List.of("2026-12-07"));
        evening.put("distanceMode", "GEODESIC");
        assertThat((List<String>) plan(graphQl, evening).get("serviceDates")).containsExactly("2026-12-07");
        Map<String, Object> eveningMonth = input("evening month", rws);
        eveningMonth.put("month", "2026-12");
        eveningMonth.put("distanceMode", "GEODESIC");
        eveningMonth.put("spreadOverWeeks", false);
        Map<String, Object> tomorrow = plan(graphQl, eveningMonth);
        assertThat((List<String>) tomorrow.get("serviceDates")).hasSize(16).startsWith("2026-12-08");
        assertThat(list(tomorrow, "routes")).extracting(r -> r.get("date")).containsExactly("2026-12-08");

        // The refusals are audited like every other.
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log WHERE action = 'planOutreach' AND outcome = 'REJECTED'
                           AND detail LIKE '%PastServiceDateError input.dates.1%'""").query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void onlyAnApprovedSelectionIsPlanned() {
        ensurePoints();
        List<String> rws = rwsNear("PKM-3375-DUKUH", 3, 0, "33.75.03");
        String kecamatan = rws.get(0).substring(0, 8);
        assertThat(rws).allSatisfy(rw -> assertThat(rw).startsWith(kecamatan));
        HttpGraphQlTester camat = as("camat-utara");
        // a period nobody else uses, so that no conflict blocks approval
        int year = 2040 + (int) (System.nanoTime() % 50);
        Map<String, Object> selection = Map.of(
                "purpose",
                "PUSLING",
                "periodFrom",
                year + "-01-01",
                "periodTo",
                year + "-01-31",
                "rwCodes",
                rws,
                "reason",
                "outreach test");
        assertThat(kecamatan).as("camat-utara's kecamatan").isEqualTo("33.75.03");
        @SuppressWarnings("unchecked")
        Map<String, Object> created = camat.documentName("targetCreate")
                .variable("input", selection)
                .execute()
                .path("createTargetSelection.targetSelection")
                .entity(Map.class)
                .get();
        String id = (String) created.get("id");
        Map<String, Object> in = input("from a selection", null);
        in.remove("rwCodes");
        in.put("targetSelectionId", id);
        in.put("depotFacilityId", "PKM-3375-DUKUH");
        // a service day inside the selection's period, planned the day before it
        testClock.pin(LocalDate.of(year, 1, 2));
        in.put("dates", List.of(year + "-01-03"));
        assertThat(errors(graphQl, in)).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo(List.of("input", "targetSelectionId"));
            assertThat((String) e.get("message")).contains("DRAFT");
        });
        camat.documentName("targetSubmit")
                .variable("input", Map.of("id", id, "version", 1))
                .execute()
                .path("submitTargetSelection.errors")
                .entityList(Object.class)
                .hasSize(0);
        graphQl.documentName("targetReview")
                .variable("input", Map.of("id", id, "version", 2, "decision", "APPROVE", "note", "ok"))
                .execute()
                .path("reviewTargetSelection.errors")
                .entityList(Object.class)
                .hasSize(0);

        Map<String, Object> plan = plan(graphQl, in);
        assertThat(plan.get("targetSelectionId")).isEqualTo(id);
        checkPlan(plan, rws, true, 120);

        // the camat reads it (RWs in scope), a lurah elsewhere does not, the planner role is refused
        assertThat(reading(camat)
                        .variable("id", plan.get("id"))
                        .execute()
                        .path("outreachPlan.id")
                        .entity(String.class)
                        .get())
                .isEqualTo(plan.get("id"));
        reading(as("lurah-medono"))
                .variable("id", plan.get("id"))
                .execute()
                .path("outreachPlan")
                .valueIsNull();
        reading(as("planner"))
                .variable("id", plan.get("id"))
                .execute()
                .errors()
                .satisfy(errs -> assertThat(errs)
                        .extracting(e -> e.getErrorType().toString())
                        .containsExactly("FORBIDDEN"));
    }

    /** An APPROVED PUSLING selection of the camat-utara (created by the camat, approved by the Dinkes); its id. */
    @SuppressWarnings("unchecked")
    private String approvedSelection(List<String> rws, LocalDate from, LocalDate to) {
        HttpGraphQlTester camat = as("camat-utara");
        Map<String, Object> created = camat.documentName("targetCreate")
                .variable(
                        "input",
                        Map.of(
                                "purpose",
                                "PUSLING",
                                "periodFrom",
                                from.toString(),
                                "periodTo",
                                to.toString(),
                                "rwCodes",
                                rws,
                                "reason",
                                "outreach test"))
                .execute()
                .path("createTargetSelection")
                .entity(Map.class)
                .get();
        assertThat((List<Object>) created.get("errors")).isEmpty();
        String id = (String) ((Map<String, Object>) created.get("targetSelection")).get("id");
        camat.documentName("targetSubmit")
                .variable("input", Map.of("id", id, "version", 1))
                .execute()
                .path("submitTargetSelection.errors")
                .entityList(Object.class)
                .hasSize(0);
        graphQl.documentName("targetReview")
                .variable("input", Map.of("id", id, "version", 2, "decision", "APPROVE", "note", "ok"))
                .execute()
                .path("reviewTargetSelection.errors")
                .entityList(Object.class)
                .hasSize(0);
        return id;
    }

    private static Map<String, Object> fromSelections(String name, List<String> ids) {
        Map<String, Object> in = input(name, null);
        in.remove("rwCodes");
        in.remove("depotFacilityId");
        in.put("targetSelectionIds", ids);
        in.put("baseFacilityId", "PKM-3375-DUKUH");
        return in;
    }

    /**
     * A plan's days lie inside its selections' period: a month outside it is refused on {@code month} naming the
     * period, an explicit date outside it on its index; a month the period covers in part keeps only its days inside
     * the period (said in a SELECTION_PERIOD note).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theServiceDaysLieInsideTheSelectionsPeriod() {
        ensurePoints();
        int year = 2040 + (int) (System.nanoTime() % 50);
        String january = approvedSelection(
                rwsNear("PKM-3375-DUKUH", 2, 5, "33.75.03"), LocalDate.of(year, 1, 1), LocalDate.of(year, 1, 31));
        testClock.pin(LocalDate.of(year - 1, 12, 1));

        Map<String, Object> march = fromSelections("March", List.of(january));
        march.put("month", year + "-03");
        assertThat(errors(graphQl, march)).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo(List.of("input", "month"));
            assertThat(e.get("__typename")).isEqualTo("InvalidValueError");
            assertThat((String) e.get("message")).contains(year + "-01-01.." + year + "-01-31");
        });
        // the deprecated single id too
        march.remove("targetSelectionIds");
        march.put("targetSelectionId", january);
        assertThat(errors(graphQl, march)).extracting(e -> e.get("field")).containsExactly(List.of("input", "month"));

        Map<String, Object> dates = fromSelections("dates", List.of(january));
        dates.put("dates", List.of(year + "-01-30", year + "-02-01"));
        assertThat(errors(graphQl, dates)).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo(List.of("input", "dates", "1"));
            assertThat((String) e.get("message")).contains(year + "-02-01 lies outside", year + "-01-31");
        });

        // December of the year before overlaps nothing; a period from 20 January clips January
        String late = approvedSelection(
                rwsNear("PKM-3375-DUKUH", 2, 7, "33.75.03"), LocalDate.of(year, 1, 20), LocalDate.of(year, 2, 28));
        Map<String, Object> clipped = fromSelections("clipped", List.of(late));
        clipped.put("month", year + "-01");
        Map<String, Object> plan = plan(graphQl, clipped);
        assertThat((List<String>) plan.get("serviceDates"))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d).isBetween(year + "-01-20", year + "-01-31"));
        assertThat(list(plan, "notes")).extracting(n -> n.get("code")).contains("SELECTION_PERIOD");
    }

    /**
     * Several approved selections in one plan: their RWs united (a selection given twice counts once), the plan found
     * by any of them in outreachPlans; the service days inside the days all periods share. Planned again once the
     * first is published, the new plan says that publishing it needs the first cancelled.
     */
    @Test
    @SuppressWarnings("unchecked")
    void severalSelectionsMakeOnePlanAndAPublishedPlanOfTheBaseIsNamed() {
        ensurePoints();
        int year = 2040 + (int) (System.nanoTime() % 50);
        List<String> first = rwsNear("PKM-3375-DUKUH", 2, 9, "33.75.03");
        List<String> second = rwsNear("PKM-3375-DUKUH", 2, 11, "33.75.03");
        // the whole of February, 28 or 29 days (a 28 February end clipped leap years' 29th: SELECTION_PERIOD)
        String a = approvedSelection(
                first, LocalDate.of(year, 2, 1), YearMonth.of(year, 2).atEndOfMonth());
        String b = approvedSelection(second, LocalDate.of(year, 2, 1), LocalDate.of(year, 3, 31));
        testClock.pin(LocalDate.of(year, 1, 15));

        Map<String, Object> in = fromSelections("two selections", List.of(a, b, a));
        in.put("month", year + "-02");
        Map<String, Object> plan = plan(graphQl, in);
        assertThat(plan.get("targetSelectionIds")).isEqualTo(List.of(a, b));
        assertThat(plan.get("targetSelectionId")).isEqualTo(a);
        List<String> planned = new ArrayList<>();
        list(plan, "routes").forEach(r -> list(r, "stops").forEach(st -> planned.add((String) st.get("rwCode"))));
        list(plan, "unserved").forEach(u -> planned.add((String) u.get("rwCode")));
        List<String> united = new ArrayList<>(first);
        united.addAll(second);
        assertThat(planned).containsExactlyInAnyOrderElementsOf(united);
        assertThat(list(plan, "notes"))
                .extracting(n -> n.get("code"))
                .doesNotContain("SELECTION_PERIOD", "BASE_ALREADY_HAS_PUBLISHED_PLAN");
        String planId = (String) plan.get("id");
        for (String selection : List.of(a, b)) {
            Map<String, Object> found = graphQl.documentName("outreachPlans")
                    .variable("filter", Map.of("targetSelectionId", selection))
                    .variable("first", 50)
                    .execute()
                    .path("outreachPlans")
                    .entity(Map.class)
                    .get();
            assertThat(((List<Map<String, Object>>) found.get("edges"))
                            .stream().map(e -> ((Map<String, Object>) e.get("node")).get("id")))
                    .as("plans of selection " + selection)
                    .containsExactly(planId);
        }

        // a selection not APPROVED among them is named by its index
        String draft = (String) ((Map<String, Object>) as("camat-utara")
                        .documentName("targetCreate")
                        .variable(
                                "input",
                                Map.of(
                                        "purpose",
                                        "PUSLING",
                                        "periodFrom",
                                        year + "-04-01",
                                        "periodTo",
                                        year + "-04-30",
                                        "rwCodes",
                                        first,
                                        "reason",
                                        "draft"))
                        .execute()
                        .path("createTargetSelection.targetSelection")
                        .entity(Map.class)
                        .get())
                .get("id");
        Map<String, Object> withDraft = fromSelections("with a draft", List.of(a, draft));
        withDraft.put("month", year + "-02");
        assertThat(errors(graphQl, withDraft))
                .extracting(e -> e.get("field"))
                .containsExactly(List.of("input", "targetSelectionIds", "1"));

        // published, then planned again for the same base and month: the note names the published plan and its days
        Map<String, Object> published = graphQl.documentName("planLifecycle")
                .operationName("PublishOutreachPlan")
                .variable(
                        "input",
                        Map.of(
                                "id",
                                planId,
                                "version",
                                jdbc.sql("SELECT version FROM outreach_plans WHERE id = CAST(:id AS bigint)")
                                        .param("id", planId)
                                        .query(Integer.class)
                                        .single()))
                .execute()
                .path("publishOutreachPlan")
                .entity(Map.class)
                .get();
        assertThat((List<Object>) published.get("errors")).isEmpty();
        Map<String, Object> againInput = fromSelections("again", List.of(b));
        againInput.put("month", year + "-02");
        Map<String, Object> again = plan(graphQl, againInput);
        assertThat(list(again, "notes"))
                .filteredOn(n -> "BASE_ALREADY_HAS_PUBLISHED_PLAN".equals(n.get("code")))
                .singleElement()
                .satisfies(n -> assertThat((String) n.get("message"))
                        .contains(
                                "plan " + planId,
                                "needs cancelling plan " + planId + " first",
                                "already booked on "
                                        + list(plan, "routes").get(0).get("date")));
    }

    private static List<String> forbidden(GraphQlTester.Response response) {
        return errorTypes(response);
    }

    @Test
    void accessRules() {
        ensurePoints();
        List<String> tirto = rwsNear(TIRTO, 2, 0);
        Map<String, Object> in = input("access", tirto);
        in.put("dates", List.of("2026-12-01"));
        assertThat(forbidden(planning(as("camat-utara")).variable("input", in).execute()))
                .containsExactly("FORBIDDEN");
        assertThat(forbidden(planning(as("planner")).variable("input", in).execute()))
                .containsExactly("FORBIDDEN");
        assertThat(forbidden(planning(anonymous()).variable("input", in).execute()))
                .containsExactly("FORBIDDEN");
        // puskesmas staff: from their own puskesmas, RWs of their wilayah kerja
        List<String> own = jdbc.sql("""
                        SELECT p.rw_code FROM rw_representative_points p
                         WHERE EXISTS (SELECT 1 FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                                        WHERE f.code = :f AND (p.rw_code = c.region_code
                                                               OR p.rw_code LIKE c.region_code || '.%'))
                         ORDER BY p.rw_code LIMIT 3""").param("f", TIRTO).query(String.class).list();
        assertThat(own).isNotEmpty();
        Map<String, Object> staff = input("staff", own);
        staff.put("dates", List.of("2026-12-01"));
        Map<String, Object> plan = plan(as("puskesmas-tirto"), staff);
        assertThat(plan.get("createdBy")).isEqualTo("puskesmas-tirto");
        Map<String, Object> otherDepot = new LinkedHashMap<>(staff);
        otherDepot.put("depotFacilityId", "PKM-3375-DUKUH");
        assertThat(forbidden(planning(as("puskesmas-tirto"))
                        .variable("input", otherDepot)
                        .execute()))
                .containsExactly("FORBIDDEN");
        String outside = jdbc.sql("SELECT code FROM regions WHERE level = 'RW' AND code LIKE '33.75.03.%' "
                        + "ORDER BY code LIMIT 1")
                .query(String.class)
                .single();
        Map<String, Object> outsideRw = input("staff outside", List.of(outside));
        outsideRw.put("dates", List.of("2026-12-01"));
        assertThat(forbidden(planning(as("puskesmas-tirto"))
                        .variable("input", outsideRw)
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'planOutreach' AND outcome = 'DENIED'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void invalidInputNamesTheField() {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 2, 0);
        Map<String, Object> both = input("both", rws);
        both.put("targetSelectionId", "1");
        both.put("dates", List.of("2026-12-01"));
        assertThat(errors(graphQl, both)).extracting(e -> e.get("field")).contains(List.of("input", "rwCodes"));

        Map<String, Object> bad = input("", List.of(rws.get(0), "33.75.01.1002.RW999", "nope"));
        bad.put("month", "2026-13");
        bad.put("vehicles", 0);
        bad.put("depotFacilityId", "PSY-NOPE");
        bad.put("timeLimitSeconds", 99);
        bad.put("stops", List.of(Map.of("rwCode", rws.get(1), "earliestStart", "06:00")));
        assertThat(errors(graphQl, bad))
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder(
                        List.of("input", "name"),
                        List.of("input", "rwCodes", "1"),
                        List.of("input", "rwCodes", "2"),
                        List.of("input", "depotFacilityId"),
                        List.of("input", "vehicles"),
                        List.of("input", "month"),
                        List.of("input", "stops", "0", "rwCode"),
                        List.of("input", "timeLimitSeconds"));

        String posyandu = jdbc.sql(
                        "SELECT code FROM facilities WHERE type = 'POSYANDU' AND active ORDER BY code LIMIT 1")
                .query(String.class)
                .single();
        Map<String, Object> notPuskesmas = input("posyandu depot", rws);
        notPuskesmas.put("depotFacilityId", posyandu);
        notPuskesmas.put("dates", List.of("2026-12-01"));
        notPuskesmas.put("workdayStart", "14:00");
        notPuskesmas.put("workdayEnd", "08:00");
        assertThat(errors(graphQl, notPuskesmas))
                .extracting(e -> (String) e.get("message"))
                .anySatisfy(m -> assertThat(m).contains("active puskesmas"))
                .anySatisfy(m -> assertThat(m).contains("workdayEnd"));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'planOutreach' AND outcome = 'REJECTED'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(3);
    }

    private List<String> listIds(HttpGraphQlTester tester, String region, int first) {
        return tester.documentName("outreachPlans")
                .variable("filter", region == null ? null : Map.of("regionCode", region))
                .variable("first", first)
                .execute()
                .path("outreachPlans.edges[*].node.id")
                .entityList(String.class)
                .get();
    }

    @Test
    void plansAreListedNewestFirstInsideTheCallersScope() {
        ensurePoints();
        Map<String, Object> barat = input("list barat", rwsNear(TIRTO, 2, 0));
        barat.put("dates", List.of("2026-12-01"));
        String baratId = (String) plan(graphQl, barat).get("id");
        Map<String, Object> utara = input("list utara", rwsNear("PKM-3375-DUKUH", 2, 0, "33.75.03"));
        utara.put("depotFacilityId", "PKM-3375-DUKUH");
        utara.put("dates", List.of("2026-12-01"));
        String utaraId = (String) plan(graphQl, utara).get("id");

        assertThat(listIds(graphQl, null, 1)).containsExactly(utaraId);
        assertThat(listIds(graphQl, null, 100)).containsSubsequence(utaraId, baratId);
        assertThat(listIds(graphQl, "33.75.03", 100)).contains(utaraId).doesNotContain(baratId);
        assertThat(listIds(as("camat-utara"), null, 100)).contains(utaraId).doesNotContain(baratId);
        assertThat(forbidden(as("planner")
                        .documentName("outreachPlans")
                        .variable("first", 5)
                        .execute()))
                .containsExactly("FORBIDDEN");
        assertThat(forbidden(graphQl.documentName("outreachPlans")
                        .variable("first", 101)
                        .execute()))
                .containsExactly("BAD_REQUEST");
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + tokenOf(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void geoJsonAndCsvExportsHoldTheWholePlan() throws Exception {
        ensurePoints();
        List<String> rws = rwsNear(TIRTO, 5, 0);
        Map<String, Object> in = input("exports", rws);
        in.put("dates", List.of("2026-12-01", "2026-12-02"));
        in.put("stops", List.of(Map.of("rwCode", rws.get(4), "serviceMinutes", 500)));
        Map<String, Object> plan = plan(graphQl, in);
        int stops = (int) plan.get("servedCount");
        int routes = list(plan, "routes").size();

        HttpResponse<String> geo = get((String) plan.get("geojsonPath"), "dinkes");
        assertThat(geo.statusCode()).isEqualTo(200);
        assertThat(geo.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        JsonNode json = JSON.readTree(geo.body());
        assertThat(json.get("type").asString()).isEqualTo("FeatureCollection");
        List<String> kinds = new ArrayList<>();
        json.get("features")
                .forEach(f -> kinds.add(f.get("properties").get("kind").asString()));
        assertThat(kinds.stream().filter("depot"::equals).count()).isEqualTo(1);
        assertThat(kinds.stream().filter("route"::equals).count()).isEqualTo(routes);
        assertThat(kinds.stream().filter("stop"::equals).count()).isEqualTo(stops);
        for (JsonNode f : json.get("features")) {
            if (f.get("properties").get("kind").asString().equals("route")) {
                assertThat(f.get("geometry").get("type").asString()).isEqualTo("LineString");
                assertThat(f.get("geometry").get("coordinates").get(0).get(0).asDouble())
                        .as("[lon, lat]")
                        .isBetween(109.0, 110.0);
            }
        }

        HttpResponse<String> csv = get((String) plan.get("csvPath"), "dinkes");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(OutreachExportController.CSV_HEADER);
        int warnings = list(plan, "warnings").size();
        assertThat(lines).hasSize(1 + stops + routes + warnings + 1);
        for (Map<String, Object> w : list(plan, "warnings")) {
            assertThat(csv.body()).contains("WARNING " + w.get("code") + ": ");
        }
        assertThat(json.get("features").get(0).get("properties").get("warnings"))
                .hasSize(warnings);
        Map<String, Object> first = list(list(plan, "routes").get(0), "stops").get(0);
        assertThat(lines[1])
                .startsWith(list(plan, "routes").get(0).get("date") + ",")
                .contains("," + first.get("rwCode") + ",", "," + first.get("arrival") + ",");
        assertThat(lines[lines.length - 1])
                .startsWith(",,,," + rws.get(4) + ",")
                .contains("BEYOND_WORKDAY");

        assertThat(rws).noneMatch(rw -> rw.startsWith("33.75.03."));
        assertThat(get((String) plan.get("csvPath"), "camat-utara").statusCode())
                .isEqualTo(404);
        assertThat(get((String) plan.get("geojsonPath"), null).statusCode()).isEqualTo(403);
        assertThat(get("/exports/outreach-plans/999999999.csv", "dinkes").statusCode())
                .isEqualTo(404);
    }
}
