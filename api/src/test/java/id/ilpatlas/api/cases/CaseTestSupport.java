package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.cases.importing.CaseImporter;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Shared fixtures of the case register tests (abstract: JUnit runs only its subclasses). The tests share one
 * database, so every file they import is made unique: fixture files under {@code cases/} are templates whose
 * {@code {{RUN}}}, {@code {{NIK:n}}}, {@code {{KK:n}}} and {@code {{REG:n}}} placeholders become a marker unique to
 * the rendering and fresh identity numbers, and {@code {{LAT:rw}}} / {@code {{LON:rw}}} a point inside that RW. Assertions then
 * select rows by the run's names or by the job.
 */
public abstract class CaseTestSupport extends IntegrationTest {

    /** Unique per test run: marks names, registration numbers, file names. */
    public static final String RUN =
            Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    public static final Caller DINKES = new Caller("dinkes", Role.DINKES_ADMIN, List.of("33.75"), null);
    public static final Caller TIRTO_STAFF = new Caller(
            "puskesmas-tirto", Role.PUSKESMAS_STAFF, List.of("33.75.01.1009", "33.75.01.1012"), "PKM-3375-TIRTO");

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Where this run's identity numbers start (random, so that runs on one database do not collide). */
    private static final int IDENTITY_BASE = RANDOM.nextInt(300_000_000);

    private static final AtomicInteger IDENTITY_SEQ = new AtomicInteger();
    private static final AtomicInteger FIXTURE_SEQ = new AtomicInteger();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)(?::([^}]+))?}}");

    @Autowired
    protected CaseImporter importer;

    @Autowired
    protected ImportJobs jobs;

    // ------------------------------------------------------------------------------------------- identities

    /** A fresh, well-formed NIK (16 digits: kecamatan 33.75.01, a birth date, a serial from 0001). */
    public static String nik() {
        int n = IDENTITY_BASE + IDENTITY_SEQ.incrementAndGet();
        int serial = 1 + n % 9999;
        int rest = n / 9999;
        int day = 1 + rest % 28;
        rest /= 28;
        int month = 1 + rest % 12;
        rest /= 12;
        int year = rest % 100;
        boolean female = (n & 1) == 1;
        return String.format(Locale.ROOT, "337501%02d%02d%02d%04d", day + (female ? 40 : 0), month, year, serial);
    }

    /** A fresh family card number (No KK): 16 digits, not ending in 0000. */
    public static String kk() {
        long n = IDENTITY_BASE + (long) IDENTITY_SEQ.incrementAndGet();
        return String.format(Locale.ROOT, "3375%011d7", n);
    }

    /** A fresh SITB registration number. */
    public static String registration() {
        return "TB-" + RUN + "-" + IDENTITY_SEQ.incrementAndGet();
    }

    /** The display form of a NIK or No KK, as the importer stores it. */
    public static String masked(String digits) {
        return digits.substring(0, 6) + "********" + digits.substring(14);
    }

    // ------------------------------------------------------------------------------------------- fixtures

    /** A rendered fixture: its text and the values its placeholders got. */
    public record Fixture(String text, Map<String, String> values) {

        /** The value a placeholder got, e.g. {@code get("NIK:1")}. */
        public String get(String placeholder) {
            String value = values.get(placeholder);
            if (value == null) {
                throw new IllegalArgumentException("the fixture has no placeholder " + placeholder);
            }
            return value;
        }

        /** What {@code {{RUN}}} became: this run's marker plus a number unique to this rendering. */
        public String marker() {
            return get("RUN");
        }

        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Loads {@code cases/<name>} and fills its placeholders (the same placeholder gets the same value). */
    protected Fixture fixture(String name) {
        try (InputStream in = getClass().getResourceAsStream("/cases/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture cases/" + name);
            }
            return render(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Fixture render(String template) {
        Map<String, String> values = new HashMap<>();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2);
            String value = values.computeIfAbsent(key, k -> switch (m.group(1)) {
                case "RUN" -> RUN + "F" + FIXTURE_SEQ.incrementAndGet();
                case "NIK" -> nik();
                case "KK" -> kk();
                case "REG" -> registration();
                case "LAT" -> decimalComma(pointIn(m.group(2))[1]);
                case "LON" -> decimalComma(pointIn(m.group(2))[0]);
                default -> throw new IllegalArgumentException("unknown placeholder " + k);
            });
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Fixture(out.toString(), values);
    }

    private final Map<String, double[]> points = new HashMap<>();

    /** {lon, lat} of a point inside a region (ST_PointOnSurface). */
    protected double[] pointIn(String regionCode) {
        return points.computeIfAbsent(
                regionCode,
                code -> jdbc.sql("""
                        SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions
                                                       WHERE code = :code) s""")
                        .param("code", code)
                        .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                        .single());
    }

    /** A coordinate as the exports write it: comma decimal. */
    protected static String decimalComma(double value) {
        return String.format(Locale.ROOT, "%.7f", value).replace('.', ',');
    }

    // ------------------------------------------------------------------------------------------- importing

    protected ImportJob importText(ImportFormat format, String fileName, String text) {
        return importBytes(format, fileName, text.getBytes(StandardCharsets.UTF_8), DINKES);
    }

    protected ImportJob importFixture(ImportFormat format, Fixture fixture) {
        return importBytes(format, format.lowerName() + "-" + RUN + ".csv", fixture.bytes(), DINKES);
    }

    protected ImportJob importBytes(ImportFormat format, String fileName, byte[] bytes, Caller caller) {
        return importStream(format, fileName, new ByteArrayInputStream(bytes), caller);
    }

    protected ImportJob importStream(ImportFormat format, String fileName, InputStream in, Caller caller) {
        long id = importer.createJob(format, fileName, caller, false);
        importer.run(id, in, caller);
        return jobs.find(id).orElseThrow();
    }

    /** Every problem of a job, by row. */
    protected List<ImportJobs.Problem> problemsOf(ImportJob job) {
        return jobs.problems(job.id(), 100_000);
    }

    /** A job's problems as {@code row column SEVERITY} lines (to compare and to show in a failure). */
    protected List<String> problemLines(ImportJob job) {
        return problemsOf(job).stream()
                .map(p -> p.rowNumber() + " " + p.column() + " " + p.severity())
                .toList();
    }

    /** The job's counters add up: every row read is inserted, updated, unchanged, rejected or superseded. */
    protected static void assertCountersAddUp(ImportJob job) {
        assertThat(job.rowsInserted()
                        + job.rowsUpdated()
                        + job.rowsUnchanged()
                        + job.rowsRejected()
                        + job.rowsSuperseded())
                .as("inserted + updated + unchanged + rejected + superseded of %s", job.describe())
                .isEqualTo(job.rowsRead());
    }

    protected long count(String sql, Object... namedParams) {
        var spec = jdbc.sql(sql);
        for (int i = 0; i < namedParams.length; i += 2) {
            spec = spec.param((String) namedParams[i], namedParams[i + 1]);
        }
        return spec.query(Long.class).single();
    }

    /** Rows of the four registers and of the import bookkeeping, per table. */
    protected Map<String, Long> tableCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table :
                List.of("children", "growth_measurements", "tb_cases", "poverty_households", "pregnancies")) {
            counts.put(table, count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** The address columns of one register row, selected by a column value, as a map. */
    protected Map<String, Object> rowOf(String table, String keyColumn, Object key) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT *, ST_X(location) AS lon, ST_Y(location) AS lat FROM " + table
                        + " WHERE " + keyColumn + " = :key")
                .param("key", key)
                .query()
                .listOfRows();
        assertThat(rows).as("%s rows with %s = %s", table, keyColumn, key).hasSize(1);
        return rows.get(0);
    }

    // ------------------------------------------------------------------------------------------- shared checks

    /**
     * The five address rows every {@code *-valid.csv} fixture has, named {@code <prefix> <RUN> <case>}: a point inside
     * RW005 of Medono with a conflicting RW number 1 (the point wins), the undotted kelurahan code with {@code RW 003},
     * a well-formed but unknown kelurahan (kept at the kab/kota), an RW number Medono does not have (kept at the
     * kelurahan), and the kelurahan by name (Tirto) with RW 1. The two unassigned rows are file rows 4 and 5.
     */
    protected void assertRwAssignment(ImportJob job, String table, String nameColumn, String prefix, String marker) {
        double[] point = pointIn("33.75.01.1002.RW005");
        Map<String, Object> byPoint = rowOf(table, nameColumn, prefix + " " + marker + " point");
        assertThat(byPoint)
                .containsEntry("rw_code", "33.75.01.1002.RW005")
                .containsEntry("rw_assignment", "POINT")
                .containsEntry("kelurahan_code", "33.75.01.1002")
                .containsEntry("region_code", "33.75.01.1002.RW005")
                .containsEntry("kabkota_code", "33.75");
        assertThat(((Number) byPoint.get("rw_number")).intValue())
                .as("RW number as written")
                .isEqualTo(1);
        assertThat((Double) byPoint.get("lon")).isCloseTo(point[0], org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) byPoint.get("lat")).isCloseTo(point[1], org.assertj.core.data.Offset.offset(1e-6));

        assertThat(rowOf(table, nameColumn, prefix + " " + marker + " kelrw"))
                .containsEntry("rw_code", "33.75.01.1002.RW003")
                .containsEntry("rw_assignment", "KELURAHAN_RW")
                .containsEntry("kelurahan_code", "33.75.01.1002")
                .containsEntry("location", null);

        assertThat(rowOf(table, nameColumn, prefix + " " + marker + " unknownkel"))
                .containsEntry("rw_code", null)
                .containsEntry("kelurahan_code", null)
                .containsEntry("region_code", "33.75")
                .containsEntry("kabkota_code", "33.75")
                .containsEntry("rw_assignment", "UNASSIGNED");

        Map<String, Object> noRw = rowOf(table, nameColumn, prefix + " " + marker + " norw");
        assertThat(noRw)
                .containsEntry("rw_code", null)
                .containsEntry("kelurahan_code", "33.75.01.1002")
                .containsEntry("region_code", "33.75.01.1002")
                .containsEntry("rw_assignment", "UNASSIGNED");
        assertThat(((Number) noRw.get("rw_number")).intValue()).isEqualTo(99);

        assertThat(rowOf(table, nameColumn, prefix + " " + marker + " byname"))
                .containsEntry("rw_code", "33.75.01.1009.RW001")
                .containsEntry("kelurahan_code", "33.75.01.1009")
                .containsEntry("rw_assignment", "KELURAHAN_RW");

        List<ImportJobs.Problem> unassigned = problemsOf(job).stream()
                .filter(p -> p.severity().equals("UNASSIGNED"))
                .toList();
        assertThat(unassigned)
                .extracting(ImportJobs.Problem::rowNumber, ImportJobs.Problem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "RW"), org.assertj.core.groups.Tuple.tuple(5, "RW"));
        assertThat(unassigned.get(0).reason()).contains("kab/kota 33.75");
        assertThat(unassigned.get(1).reason()).contains("RW 099 does not exist in kelurahan 33.75.01.1002");
        assertThat(job.rowsUnassigned()).isEqualTo(2);
    }

    /**
     * Imports a rendered file twice: the second job finds every row unchanged, and no register table gains or
     * loses a row; nothing the first job wrote is touched (updated_at and import_job_id stay).
     */
    protected void assertReimportChangesNothing(ImportFormat format, Fixture file, String table, String nameColumn) {
        ImportJob first = importFixture(format, file);
        assertThat(first.state()).as(first.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        String before = fingerprint(table, nameColumn, file.marker());
        Map<String, Long> counts = tableCounts();

        ImportJob second = importFixture(format, file);

        assertThat(second.state()).as(second.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(second.rowsInserted()).as(second.describe()).isZero();
        assertThat(second.rowsUpdated()).as(second.describe()).isZero();
        assertThat(second.rowsUnchanged())
                .as(second.describe())
                .isEqualTo(first.rowsInserted() + first.rowsUpdated() + first.rowsUnchanged());
        assertThat(second.rowsRejected()).isEqualTo(first.rowsRejected());
        assertThat(second.rowsUnassigned()).isEqualTo(first.rowsUnassigned());
        assertCountersAddUp(second);
        assertThat(tableCounts()).as("rows per table after the same file again").isEqualTo(counts);
        assertThat(fingerprint(table, nameColumn, file.marker()))
                .as("the rows of the file after the same file again")
                .isEqualTo(before);
    }

    /** Every row of a register whose name carries a marker, as text (with its job and updated_at). */
    protected String fingerprint(String table, String nameColumn, String marker) {
        return jdbc.sql("SELECT coalesce(string_agg(t::text, '|' ORDER BY t.id), '') FROM " + table + " t WHERE "
                        + nameColumn + " LIKE :m")
                .param("m", "% " + marker + " %")
                .query(String.class)
                .single();
    }

    // ------------------------------------------------------------------------------------------- GraphQL

    /** A tester for a demo user, or none for {@code anonymous}. */
    protected HttpGraphQlTester tester(String user) {
        return "anonymous".equals(user) ? anonymous() : as(user);
    }

    /** Runs a document of graphql-test/ and returns the whole response (data and errors, unchecked). */
    protected static GraphQlResponse run(HttpGraphQlTester tester, String document, Map<String, Object> variables) {
        GraphQlTester.Request<?> request = tester.documentName(document);
        for (Map.Entry<String, Object> v : variables.entrySet()) {
            request = request.variable(v.getKey(), v.getValue());
        }
        return request.execute().returnResponse();
    }

    protected static List<String> classifications(GraphQlResponse response) {
        List<String> result = new ArrayList<>();
        for (ResponseError error : response.getErrors()) {
            result.add(String.valueOf(error.getExtensions().get("classification")));
        }
        return result;
    }

    /** The value at a dotted path of the data ({@code a.b}), or null. */
    @SuppressWarnings("unchecked")
    protected static Object at(Object node, String path) {
        if (node instanceof GraphQlResponse response) {
            node = response.getData();
        }
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(part);
        }
        return node;
    }
}
