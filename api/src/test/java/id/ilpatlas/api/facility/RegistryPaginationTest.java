package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Keyset pagination of {@code facilities} stays exact while another client registers facilities between (and
 * during) the page requests: every facility that existed at the start appears exactly once, in ascending code order.
 */
@Slow
class RegistryPaginationTest extends IntegrationTest {

    /** Every facility this class creates has this marker in its code; cleanup deletes by it. */
    private static final String MARK = "PAGETEST";

    private static final int PAGE = 37;
    /** Puskesmas Tirto's kelurahan and a point inside it. */
    private static final String KELURAHAN = "33.75.01.1009";

    private static final double LON = 109.6487302;
    private static final double LAT = -6.8937032;

    @BeforeEach
    @AfterEach
    void deleteInsertedFacilities() {
        String ids = "SELECT id FROM facilities WHERE code LIKE '%" + MARK + "%'";
        for (String table : List.of(
                "facility_services",
                "facility_catchments",
                "facility_opening_hours",
                "posyandu_sessions",
                "program_facilities")) {
            jdbc.sql("DELETE FROM " + table + " WHERE facility_id IN (" + ids + ")")
                    .update();
        }
        jdbc.sql("UPDATE facilities SET parent_id = NULL WHERE parent_id IN (" + ids + ")")
                .update();
        jdbc.sql("DELETE FROM facilities WHERE code LIKE '%" + MARK + "%'").update();
        assertThat(jdbc.sql("SELECT count(*) FROM facilities WHERE code LIKE '%" + MARK + "%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private List<String> activeCodes() {
        return jdbc.sql("SELECT code FROM facilities WHERE active ORDER BY code")
                .query(String.class)
                .list();
    }

    /** Registers a clinic through the createFacility mutation, as a second client would. */
    private void register(String code) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("code", code);
        input.put("name", "Klinik " + code);
        input.put("type", "KLINIK");
        input.put("location", Map.of("longitude", LON, "latitude", LAT));
        input.put("kelurahanCode", KELURAHAN);
        GraphQlTester.Response response =
                graphQl.documentName("registryCreate").variable("input", input).execute();
        response.errors().verify();
        response.path("createFacility.errors").entityList(Object.class).hasSize(0);
        response.path("createFacility.facility.id").entity(String.class).isEqualTo(code);
    }

    private record Page(List<String> codes, boolean hasNextPage, String endCursor) {}

    private Page page(String after) {
        GraphQlTester.Request<?> request = graphQl.documentName("registryPage").variable("first", PAGE);
        if (after != null) {
            request = request.variable("after", after);
        }
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        List<String> codes = response.path("facilities.edges[*].node.id")
                .entityList(String.class)
                .get();
        List<String> cursors = response.path("facilities.edges[*].cursor")
                .entityList(String.class)
                .get();
        boolean next = response.path("facilities.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .get();
        String end = response.path("facilities.pageInfo.endCursor")
                .entity(String.class)
                .get();
        assertThat(end).isEqualTo(cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        return new Page(codes, next, end);
    }

    /**
     * Codes that sort before everything, right after the cursor, and after everything (and after every earlier
     * round's codes, so a reader past them still has them ahead).
     */
    private static List<String> codesAround(String cursorCode, int round) {
        String suffix = "-" + MARK + "-" + String.format("%04d", round); // zero-padded: later rounds sort later
        return List.of("A0" + suffix, cursorCode + suffix, "ZZ" + suffix);
    }

    @Test
    void pagingWhileAnotherClientRegistersBetweenPagesSeesEveryOriginalFacilityOnce() throws Exception {
        List<String> original = activeCodes();
        assertThat(original).hasSizeGreaterThan(400);
        ExecutorService other = Executors.newSingleThreadExecutor();
        List<String> seen = new ArrayList<>();
        Set<String> inserted = new HashSet<>();
        try {
            String after = null;
            int round = 0;
            while (true) {
                Page page = page(after);
                seen.addAll(page.codes());
                if (!page.hasNextPage()) {
                    break;
                }
                List<String> codes = codesAround(page.codes().get(page.codes().size() - 1), round++);
                // The other client registers while this one holds a cursor; wait for it so the next page sees it.
                other.submit(() -> codes.forEach(this::register)).get(60, TimeUnit.SECONDS);
                inserted.addAll(codes);
                after = page.endCursor();
                assertThat(round).as("pages").isLessThan(100);
            }
        } finally {
            other.shutdownNow();
        }
        assertThat(inserted).hasSizeGreaterThanOrEqualTo(3 * (original.size() / PAGE));
        assertPagedCorrectly(original, seen, inserted);
        // Codes right after a cursor and after everything were inserted ahead of the reader: it must see them.
        assertThat(seen)
                .containsAll(inserted.stream().filter(c -> !c.startsWith("A0-")).toList());
        assertThat(seen)
                .doesNotContainAnyElementsOf(
                        inserted.stream().filter(c -> c.startsWith("A0-")).toList());
    }

    @Test
    void pagingWhileAnotherClientRegistersContinuouslySeesEveryOriginalFacilityOnce() throws Exception {
        List<String> original = activeCodes();
        ExecutorService other = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger registered = new AtomicInteger();
        BlockingQueue<String> cursors = new LinkedBlockingQueue<>();
        List<String> seen = new ArrayList<>();
        Future<?> writer = other.submit(() -> {
            int round = 0;
            String cursorCode = "M";
            while (!stop.get()) {
                String latest = cursors.poll();
                cursorCode = latest == null ? cursorCode : latest;
                codesAround(cursorCode, 1000 + round++).forEach(code -> {
                    register(code);
                    registered.incrementAndGet();
                });
            }
            return null;
        });
        try {
            String after = null;
            while (true) {
                Page page = page(after);
                seen.addAll(page.codes());
                if (!page.hasNextPage()) {
                    break;
                }
                cursors.add(page.codes().get(page.codes().size() - 1));
                after = page.endCursor();
                Thread.sleep(20);
            }
        } finally {
            stop.set(true);
            writer.get(60, TimeUnit.SECONDS);
            other.shutdownNow();
        }
        System.out.printf("paged %d facilities while another client registered %d%n", seen.size(), registered.get());
        Set<String> inserted = new HashSet<>(jdbc.sql("SELECT code FROM facilities WHERE code LIKE '%" + MARK + "%'")
                .query(String.class)
                .list());
        assertThat(registered.get()).isPositive();
        assertPagedCorrectly(original, seen, inserted);
    }

    private static void assertPagedCorrectly(List<String> original, List<String> seen, Set<String> inserted) {
        assertThat(seen).as("no facility twice").doesNotHaveDuplicates();
        assertThat(seen).as("ascending codes").isSortedAccordingTo(RegistryPaginationTest::compareBytes);
        List<String> seenOriginal =
                seen.stream().filter(c -> !inserted.contains(c)).toList();
        assertThat(seenOriginal)
                .as("every facility that existed at the start, once, in order")
                .containsExactlyElementsOf(original);
    }

    /** The database collation of the test database is C: codes compare byte by byte. */
    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
