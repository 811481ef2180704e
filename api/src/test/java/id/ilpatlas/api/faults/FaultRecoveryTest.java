package id.ilpatlas.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.cases.importing.CaseImporter;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.api.graphql.DatabaseUnavailable;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database going away and coming back, with the application running (no restart), through {@link TcpProxy}:
 * <ul>
 *   <li>under a mixed GraphQL + tile load, while the database is away every database-backed request fails within the
 *       pool's timeout with the clear, retryable error ({@code DATABASE_UNAVAILABLE}; REST: 503), never a hang or an
 *       opaque error, readiness says DOWN (liveness stays UP), the growth calculator (no database) keeps answering; once the
 *       database is back every request succeeds again within seconds;</li>
 *   <li>in the middle of a case import (50-row batches), the job ends FAILED saying where it stopped; the rows of
 *       every committed batch are all there, nothing of the batch in flight, no row twice; importing the same file
 *       again completes it.</li>
 * </ul>
 */
@Slow
class FaultRecoveryTest extends ProxiedDatabaseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longest a request may take while the database is away: the pool's 3 s timeout plus slack for a busy CI box. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(8);
    /** Longest the service may take to answer everything again after the database is back. */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseImporter importer;

    @Autowired
    ImportJobs jobs;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    // ------------------------------------------------------------------------------------------- mid-load

    enum Op {
        REGISTRY,
        CHOROPLETH,
        GROWTH,
        TILE
    }

    enum Outcome {
        OK,
        UNAVAILABLE,
        OTHER
    }

    record Result(Op op, long startNanos, long endNanos, Outcome outcome, String detail) {
        Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    private static final String REGISTRY = """
            { facilities(first: 20, filter: {types: [POSYANDU], regionCode: "33.75.03"}) {
                totalCount edges { node { id name } } } }""";
    private static final String CHOROPLETH = """
            { rwIndicators(regionCode: "33.75", period: {year: 2026, month: 3}) { period
                choropleth(indicator: STUNTING_PREVALENCE, method: NATURAL_BREAKS, classes: 5) {
                  classes rws { regionCode classIndex } } } }""";
    private static final String GROWTH = """
            { growthAssessment(input: {sex: MALE, ageDays: 730, weightKg: 9.0, lengthHeightCm: 78.0, measured: LYING}) {
                ageDays lengthHeightForAge { z category } } }""";
    /** A z14 tile over the middle of Kota Pekalongan. */
    private static final String TILE = "/tiles/facilities/14/13183/8506.mvt";

    private Result call(Op op) {
        long t0 = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(40));
            if (op == Op.TILE) {
                request.uri(URI.create(base() + TILE)).GET();
            } else {
                String query = switch (op) {
                    case REGISTRY -> REGISTRY;
                    case CHOROPLETH -> CHOROPLETH;
                    default -> GROWTH;
                };
                request.uri(URI.create(base() + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Result(
                    op,
                    t0,
                    System.nanoTime(),
                    classify(op, response),
                    response.statusCode() + " " + abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return new Result(op, t0, System.nanoTime(), Outcome.OTHER, e.toString());
        }
    }

    private static Outcome classify(Op op, HttpResponse<byte[]> response) throws IOException {
        int status = response.statusCode();
        if (op == Op.TILE) {
            if (status == 200 || status == 204) {
                return Outcome.OK;
            }
            if (status == 503) {
                JsonNode body = JSON.readTree(response.body());
                return DatabaseUnavailable.CODE.equals(body.path("code").asString())
                                && DatabaseUnavailable.MESSAGE.equals(
                                        body.path("error").asString())
                                && response.headers().firstValue("Retry-After").isPresent()
                        ? Outcome.UNAVAILABLE
                        : Outcome.OTHER;
            }
            return Outcome.OTHER;
        }
        if (status != 200
                || !response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            return Outcome.OTHER;
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode errors = body.path("errors");
        if (errors.isMissingNode() || errors.isEmpty()) {
            String field = switch (op) {
                case REGISTRY -> "facilities";
                case CHOROPLETH -> "rwIndicators";
                default -> "growthAssessment";
            };
            JsonNode value = body.path("data").path(field);
            return value.isObject() ? Outcome.OK : Outcome.OTHER;
        }
        for (JsonNode error : errors) {
            if (!DatabaseUnavailable.CODE.equals(
                            error.path("extensions").path("code").asString())
                    || !"UNAVAILABLE"
                            .equals(error.path("extensions")
                                    .path("classification")
                                    .asString())
                    || !DatabaseUnavailable.MESSAGE.equals(error.path("message").asString())) {
                return Outcome.OTHER;
            }
        }
        return Outcome.UNAVAILABLE;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTP status of a health group: {@code readiness} includes the database, {@code liveness} never does. */
    private int health(String group) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(base() + "/actuator/health/" + group))
                                    .timeout(Duration.ofSeconds(20))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @Test
    void underLoadTheDatabaseAwayGivesClearErrorsAndTheServiceRecoversWithoutRestart() throws Exception {
        for (Op op : Op.values()) { // warm: caches, the indicator summaries, the JIT
            for (int i = 0; i < 3; i++) {
                Result r = call(op);
                assertThat(r.outcome())
                        .as("%s before the outage: %s", op, r.detail())
                        .isEqualTo(Outcome.OK);
            }
        }
        assertThat(health("readiness")).as("readiness before the outage").isEqualTo(200);

        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int first = t;
            Thread worker = new Thread(
                    () -> {
                        for (int i = first; !stop.get(); i++) {
                            results.add(call(Op.values()[i % Op.values().length]));
                        }
                    },
                    "fault-load-" + t);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(2_000);
        long cutAt = System.nanoTime();
        proxy.cut();
        List<Integer> healthWhileAway = new ArrayList<>();
        List<Integer> livenessWhileAway = new ArrayList<>();
        while (System.nanoTime() - cutAt < TimeUnit.SECONDS.toNanos(5)) {
            healthWhileAway.add(health("readiness"));
            livenessWhileAway.add(health("liveness"));
            Thread.sleep(300);
        }
        long restoredAt = System.nanoTime();
        proxy.restore();
        // Load goes on until every operation has answered OK for 3 s in a row, or RECOVERY has passed.
        long cleanSince = -1;
        while (System.nanoTime() - restoredAt < RECOVERY.toNanos()) {
            Thread.sleep(250);
            long now = System.nanoTime();
            long lastBad = lastNotOk(results);
            cleanSince = lastBad < restoredAt ? restoredAt : lastBad;
            if (now - cleanSince > TimeUnit.SECONDS.toNanos(3) && okSince(results, cleanSince)) {
                break;
            }
        }
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        int healthAfter = health("readiness");

        List<Result> all;
        synchronized (results) {
            all = new ArrayList<>(results);
        }
        Map<Op, int[]> counts = new EnumMap<>(Op.class); // ok before, unavailable, ok during, ok after
        for (Op op : Op.values()) {
            counts.put(op, new int[4]);
        }
        long lastFailureEnd = restoredAt;
        Duration slowestWhileAway = Duration.ZERO;
        for (Result r : all) {
            assertThat(r.outcome())
                    .as("%s: never an opaque error, a hang or an HTML page: %s", r.op(), r.detail())
                    .isNotEqualTo(Outcome.OTHER);
            boolean before = r.endNanos() < cutAt;
            if (before) {
                assertThat(r.outcome())
                        .as("%s before the outage: %s", r.op(), r.detail())
                        .isEqualTo(Outcome.OK);
                counts.get(r.op())[0]++;
            } else if (r.outcome() == Outcome.UNAVAILABLE) {
                assertThat(r.op())
                        .as("the growth calculator does not need the database")
                        .isNotEqualTo(Op.GROWTH);
                assertThat(r.endNanos())
                        .as(
                                "%s failed %s after the database was back",
                                r.op(), Duration.ofNanos(r.endNanos() - restoredAt))
                        .isLessThan(restoredAt + RECOVERY.toNanos());
                counts.get(r.op())[1]++;
                lastFailureEnd = Math.max(lastFailureEnd, r.endNanos());
            } else if (r.startNanos() < restoredAt) {
                counts.get(r.op())[2]++;
            } else {
                counts.get(r.op())[3]++;
            }
            if (r.startNanos() >= cutAt && r.startNanos() < restoredAt) {
                assertThat(r.took())
                        .as("%s while the database is away: fails fast, does not hang", r.op())
                        .isLessThan(FAIL_FAST);
                if (r.took().compareTo(slowestWhileAway) > 0) {
                    slowestWhileAway = r.took();
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "outage 5 s; last failure %d ms after restore; slowest request while away %d ms; readiness while away %s,"
                        + " after %d; liveness while away %s%n",
                (lastFailureEnd - restoredAt) / 1_000_000,
                slowestWhileAway.toMillis(),
                healthWhileAway,
                healthAfter,
                livenessWhileAway));
        counts.forEach((op, c) -> report.append(String.format(
                Locale.ROOT,
                "  %-10s ok before %4d, DATABASE_UNAVAILABLE %4d, ok while away %4d, ok after %4d%n",
                op,
                c[0],
                c[1],
                c[2],
                c[3])));
        System.out.println("FaultRecoveryTest mid-load: " + report);

        assertThat(counts.get(Op.REGISTRY)[1])
                .as("registry requests answered DATABASE_UNAVAILABLE while away\n%s", report)
                .isPositive();
        assertThat(counts.get(Op.TILE)[1])
                .as("tiles answered 503 while away\n%s", report)
                .isPositive();
        assertThat(counts.get(Op.GROWTH)[2])
                .as("the growth calculator answered while away\n%s", report)
                .isPositive();
        assertThat(healthWhileAway)
                .as("/actuator/health/readiness while the database is away")
                .contains(503)
                .doesNotContain(-1);
        assertThat(livenessWhileAway)
                .as("/actuator/health/liveness: a database outage must not get the app restarted")
                .containsOnly(200);
        assertThat(okSince(all, cleanSince))
                .as("every request OK after recovery\n%s", report)
                .isTrue();
        for (Op op : Op.values()) {
            assertThat(counts.get(op)[3])
                    .as("%s answered after the database was back\n%s", op, report)
                    .isPositive();
        }
        assertThat(healthAfter)
                .as("/actuator/health/readiness after the database is back")
                .isEqualTo(200);
    }

    private static long lastNotOk(List<Result> results) {
        long last = -1;
        synchronized (results) {
            for (Result r : results) {
                if (r.outcome() != Outcome.OK) {
                    last = Math.max(last, r.endNanos());
                }
            }
        }
        return last;
    }

    /** Every operation has at least one request started after {@code since}, and all of those are OK. */
    private static boolean okSince(List<Result> results, long since) {
        Map<Op, Integer> ok = new EnumMap<>(Op.class);
        synchronized (results) {
            for (Result r : results) {
                if (r.startNanos() > since) {
                    if (r.outcome() != Outcome.OK) {
                        return false;
                    }
                    ok.merge(r.op(), 1, Integer::sum);
                }
            }
        }
        return ok.size() == Op.values().length;
    }

    // ------------------------------------------------------------------------------------------- mid-import

    private static final String HEADER = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Tinggi\n";
    private static final int ROWS = 1_000;

    /** Rejected rows (one problem each, JK "X"): they count towards a batch like valid ones. */
    private static boolean rejected(int row) {
        return row % 13 == 0;
    }

    private static String file(String tag) {
        StringBuilder text = new StringBuilder(HEADER);
        for (int row = 2; row < ROWS + 2; row++) {
            text.append(CaseTestSupport.nik())
                    .append(";Anak ")
                    .append(tag)
                    .append('-')
                    .append(row)
                    .append(';')
                    .append(rejected(row) ? "X" : row % 2 == 0 ? "P" : "L")
                    .append(";01/02/2023;33.75.01.1002;1;2;15/03/2025;10,1;80,0\n");
        }
        return text.toString();
    }

    private List<Integer> storedRows(String tag) {
        return jdbc
                .sql("SELECT name FROM children WHERE name LIKE :m")
                .param("m", "Anak " + tag + "-%")
                .query(String.class)
                .list()
                .stream()
                .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1)))
                .sorted()
                .toList();
    }

    private long measurementsOf(String tag) {
        return jdbc.sql("""
                        SELECT count(*) FROM growth_measurements m JOIN children c ON c.id = m.child_id
                         WHERE c.name LIKE :m""").param("m", "Anak " + tag + "-%").query(Long.class).single();
    }

    private static List<Integer> validRows(int from, int to) {
        List<Integer> rows = new ArrayList<>();
        for (int row = from; row <= to; row++) {
            if (!rejected(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * A stream that takes the database away once the reader is past half the file, and brings it back after
     * {@code outage}, from another thread.
     */
    private static final class CuttingStream extends FilterInputStream {
        private final long cutAt;
        private final Duration outage;
        private long position;
        private CompletableFuture<Void> restored;

        CuttingStream(byte[] bytes, long cutAt, Duration outage) {
            super(new ByteArrayInputStream(bytes));
            this.cutAt = cutAt;
            this.outage = outage;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= cutAt && restored == null) {
                proxy.cut();
                restored = CompletableFuture.runAsync(
                        proxy::restore, CompletableFuture.delayedExecutor(outage.toMillis(), TimeUnit.MILLISECONDS));
            }
            int limit = restored == null ? (int) Math.min(len, Math.max(1, cutAt - position)) : len;
            int n = super.read(b, off, limit);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        void awaitRestore() throws Exception {
            assertThat(restored).as("the stream reached the cut").isNotNull();
            restored.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anImportCutMidFileKeepsWholeBatchesOnlyAndImportingAgainCompletesIt() throws Exception {
        assertImportSurvivesAnOutage("FLT" + CaseTestSupport.RUN + "A", Duration.ofMillis(1_000));
    }

    /**
     * The database stays away longer than the pool waits for a connection (3 s here, production's
     * {@code connection-timeout}), so it is still away when the importer records why it stopped.
     */
    @Test
    void anImportCutMidFileForLongerThanThePoolTimeoutStillEndsFailed() throws Exception {
        assertImportSurvivesAnOutage("FLT" + CaseTestSupport.RUN + "B", Duration.ofMillis(8_000));
    }

    private void assertImportSurvivesAnOutage(String tag, Duration outage) throws Exception {
        String text = file(tag);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CuttingStream in = new CuttingStream(bytes, bytes.length / 2, outage);
        long id = importer.createJob(ImportFormat.EPPGBM, "fault-" + tag + ".csv", CaseTestSupport.DINKES, false);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> importer.run(id, in, CaseTestSupport.DINKES));
        Throwable thrown = null;
        try {
            run.get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            thrown = e.getCause();
        }
        in.awaitRestore();
        ImportJob cut = jobs.find(id).orElseThrow();

        assertThat(cut.state()).as("%s (run threw %s)", cut.describe(), thrown).isEqualTo(ImportJob.State.FAILED);
        assertThat(cut.error())
                .as(cut.describe())
                .contains("after row " + cut.committedRow())
                .contains("re-run");
        int committed = cut.committedRow();
        assertThat(committed)
                .as("the cut fell in the middle of the file: %s", cut.describe())
                .isGreaterThan(1)
                .isLessThan(ROWS + 1);
        assertThat((committed - 1) % BATCH_SIZE)
                .as("the last committed row ends a batch of %d rows: %s", BATCH_SIZE, cut.describe())
                .isZero();
        List<Integer> kept = validRows(2, committed);
        assertThat(storedRows(tag))
                .as("the rows of every committed batch, nothing of the batch in flight, none twice")
                .isEqualTo(kept);
        assertThat(measurementsOf(tag)).as("one measurement per stored row").isEqualTo(kept.size());
        assertThat(cut.rowsRead()).as("counters of the committed batches").isEqualTo(committed - 1);
        assertThat(cut.rowsInserted()).isEqualTo(kept.size());
        assertThat(cut.rowsRejected()).isEqualTo(committed - 1 - kept.size());
        List<ImportJobs.Problem> problems = jobs.problems(id, 100_000);
        assertThat(problems)
                .as("problems of the committed batches only")
                .allSatisfy(p -> assertThat(p.rowNumber()).isLessThanOrEqualTo(committed))
                .hasSize(committed - 1 - kept.size());

        long again = importer.createJob(ImportFormat.EPPGBM, "fault-" + tag + ".csv", CaseTestSupport.DINKES, false);
        importer.run(again, new ByteArrayInputStream(bytes), CaseTestSupport.DINKES);
        ImportJob finished = jobs.find(again).orElseThrow();

        List<Integer> valid = validRows(2, ROWS + 1);
        assertThat(finished.state()).as(finished.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(finished.rowsUnchanged()).as(finished.describe()).isEqualTo(kept.size());
        assertThat(finished.rowsInserted()).as(finished.describe()).isEqualTo(valid.size() - kept.size());
        assertThat(storedRows(tag)).as("every valid row of the file, once").isEqualTo(valid);
        assertThat(measurementsOf(tag)).isEqualTo(valid.size());
        System.out.printf(
                Locale.ROOT,
                "FaultRecoveryTest mid-import (outage %d ms): cut job %s%n  re-run %s%n",
                outage.toMillis(),
                cut.describe(),
                finished.describe());
    }
}
