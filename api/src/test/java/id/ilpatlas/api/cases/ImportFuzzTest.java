package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseFileFuzzer.File;
import id.ilpatlas.api.cases.CaseFileFuzzer.Line;
import id.ilpatlas.api.cases.CaseFileFuzzer.Outcome;
import id.ilpatlas.api.cases.CaseFileFuzzer.Spec;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The importer against seeded random files: valid rows mixed with broken ones (bad dates, negative or absurd
 * measurements, swapped columns, unknown or foreign kelurahan, malformed NIK / No KK, duplicates, NUL bytes, rows
 * with too many or too few fields), blank lines and quoted values spanning lines; and whole files broken at a random
 * row (wrong delimiter, invalid UTF-8, an unterminated quote). Every valid row must be imported, every broken row
 * reported at its row with the column to blame, and the counters must add up. Each case runs with fixed seeds and
 * one fresh random seed; the seed is in every failure message (rerun one with {@code -Datlas.fuzz.seed=N}).
 */
@Slow
class ImportFuzzTest extends CaseTestSupport {

    private static final long RANDOM_SEED = Long.getLong("atlas.fuzz.seed", new SecureRandom().nextLong());

    static List<Long> seeds() {
        return List.of(20171L, 42L, RANDOM_SEED);
    }

    static Stream<Arguments> formatsAndSeeds() {
        List<Arguments> cases = new ArrayList<>();
        for (ImportFormat format : ImportFormat.values()) {
            for (long seed : seeds()) {
                cases.add(Arguments.of(format, seed));
            }
        }
        return cases.stream();
    }

    private CaseFileFuzzer.Places places;

    private CaseFileFuzzer.Places places() {
        if (places == null) {
            List<String> rws = jdbc.sql(
                            "SELECT code FROM regions WHERE level = 'RW' AND kabkota_code = '33.75' " + "ORDER BY code")
                    .query(String.class)
                    .list();
            Map<String, String> names = new HashMap<>();
            jdbc.sql("SELECT code, name FROM regions WHERE level = 'KELURAHAN'")
                    .query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
                    .list();
            Map<String, double[]> points = new HashMap<>();
            jdbc.sql("""
                    SELECT code, ST_X(p), ST_Y(p) FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM regions
                                                         WHERE level = 'RW' AND kabkota_code = '33.75') s""")
                    .query((rs, n) -> points.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)}))
                    .list();
            places = new CaseFileFuzzer.Places(rws, names, points);
        }
        return places;
    }

    private Spec spec(ImportFormat format) {
        return switch (format) {
            case EPPGBM -> CaseFileFuzzer.eppgbm(places(), CaseTestSupport::nik);
            case SITB -> CaseFileFuzzer.sitb(places(), CaseTestSupport::nik, CaseTestSupport::registration);
            case P3KE -> CaseFileFuzzer.p3ke(places(), CaseTestSupport::kk);
            case PERMAISURI -> CaseFileFuzzer.permaisuri(places(), CaseTestSupport::nik);
        };
    }

    private static String marker(ImportFormat format, long seed, String what) {
        return "FZ" + RUN + format.name().charAt(0) + what
                + Long.toHexString(seed).toUpperCase();
    }

    // ------------------------------------------------------------------------------------------- row level

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("formatsAndSeeds")
    void everyValidRowIsImportedAndEveryBrokenOneReportedAtItsRow(ImportFormat format, long seed) {
        Spec spec = spec(format);
        String marker = marker(format, seed, "R");
        File file = new CaseFileFuzzer(spec, places()).generate(seed, marker, 60 + new Random(seed).nextInt(40));
        String context = "seed " + seed + " (rerun: -Datlas.fuzz.seed=" + seed + "), " + format + "; the file:\n"
                + numbered(file);

        assertThat(file.with(Outcome.REJECTED))
                .as("broken rows generated; %s", context)
                .hasSizeGreaterThan(10);
        assertThat(file.with(Outcome.VALID))
                .as("valid rows generated; %s", context)
                .hasSizeGreaterThan(10);

        ImportJob job = importText(format, "fuzz-" + seed + ".csv", file.text());

        List<ImportJobs.Problem> problems = problemsOf(job);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(job.state())
                .as("%s\n%s\n%s", job.describe(), problems, context)
                .isEqualTo(ImportJob.State.SUCCEEDED);
        List<Line> rejected = file.with(Outcome.REJECTED);
        List<Line> superseded = file.with(Outcome.SUPERSEDED);
        List<Line> unassigned = file.with(Outcome.UNASSIGNED);
        List<Line> imported = new ArrayList<>(file.with(Outcome.VALID));
        imported.addAll(unassigned);

        soft.assertThat(job.rowsRead()).as("rows read; %s", context).isEqualTo(file.dataRows());
        soft.assertThat(job.rowsRejected()).as("rows rejected; %s", context).isEqualTo(rejected.size());
        soft.assertThat(job.rowsSuperseded()).as("rows superseded; %s", context).isEqualTo(superseded.size());
        soft.assertThat(job.rowsInserted()).as("rows inserted; %s", context).isEqualTo(imported.size());
        soft.assertThat(job.rowsUpdated() + job.rowsUnchanged())
                .as("updated + unchanged; %s", context)
                .isZero();
        soft.assertThat(job.rowsUnassigned()).as("rows unassigned; %s", context).isEqualTo(unassigned.size());
        soft.assertThat(job.rowsInserted()
                        + job.rowsUpdated()
                        + job.rowsUnchanged()
                        + job.rowsRejected()
                        + job.rowsSuperseded())
                .as("inserted + updated + unchanged + rejected + superseded = read; %s", context)
                .isEqualTo(job.rowsRead());

        Map<Integer, Set<String>> rejectedColumns = columnsBySeverity(problems, "REJECTED");
        soft.assertThat(rejectedColumns.keySet())
                .as("rows reported REJECTED; %s", context)
                .containsExactlyInAnyOrderElementsOf(
                        rejected.stream().map(l -> l.row).toList());
        for (Line line : rejected) {
            soft.assertThat(rejectedColumns.getOrDefault(line.row, Set.of()))
                    .as("columns blamed for %s; seed %d", line, seed)
                    .contains(line.column);
        }
        soft.assertThat(columnsBySeverity(problems, "SUPERSEDED").keySet())
                .as("rows reported SUPERSEDED; %s", context)
                .containsExactlyInAnyOrderElementsOf(
                        superseded.stream().map(l -> l.row).toList());
        soft.assertThat(columnsBySeverity(problems, "UNASSIGNED"))
                .as("rows reported UNASSIGNED; %s", context)
                .isEqualTo(unassigned.stream().collect(Collectors.toMap(l -> l.row, l -> Set.of("RW"))));
        soft.assertThat(problems)
                .as("a problem names its column")
                .allSatisfy(p -> assertThat(p.column()).isNotBlank().doesNotContain("\u0000"));

        Map<String, String> expected = new TreeMap<>();
        for (Line line : imported) {
            String probe = line.values.get(spec.probeColumn);
            expected.put(line.values.get(spec.nameColumn), normalize(probe, format));
        }
        soft.assertThat(stored(format, marker))
                .as(
                        "the records in the register (name -> %s), exactly the valid "
                                + "rows, each with the value of its last row; %s",
                        spec.probeColumn, context)
                .isEqualTo(expected);
        soft.assertAll();
    }

    /** What the register stores per name (the probe column), for the records of a marker. */
    private Map<String, String> stored(ImportFormat format, String marker) {
        String sql = switch (format) {
            case EPPGBM -> """
                    SELECT c.name, m.weight_kg::text FROM growth_measurements m
                      JOIN children c ON c.kabkota_code = m.kabkota_code AND c.id = m.child_id
                     WHERE c.name LIKE :m""";
            case SITB -> "SELECT name, coalesce(contacts_identified::text, '') FROM tb_cases WHERE name LIKE :m";
            case P3KE -> "SELECT head_name, desil::text FROM poverty_households WHERE head_name LIKE :m";
            case PERMAISURI -> "SELECT mother_name, anc_contacts::text FROM pregnancies WHERE mother_name LIKE :m";
        };
        Map<String, String> stored = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        jdbc.sql(sql)
                .param("m", marker + "-%")
                .query((rs, n) -> {
                    if (stored.put(rs.getString(1), normalize(rs.getString(2), format)) != null) {
                        duplicates.add(rs.getString(1));
                    }
                    return null;
                })
                .list();
        assertThat(duplicates).as("names stored twice").isEmpty();
        return stored;
    }

    private static String normalize(String value, ImportFormat format) {
        if (value == null || value.isEmpty()) {
            return format == ImportFormat.PERMAISURI ? "0" : "";
        }
        return new BigDecimal(value.replace(',', '.')).stripTrailingZeros().toPlainString();
    }

    private static Map<Integer, Set<String>> columnsBySeverity(List<ImportJobs.Problem> problems, String severity) {
        Map<Integer, Set<String>> result = new TreeMap<>();
        for (ImportJobs.Problem p : problems) {
            if (p.severity().equals(severity)) {
                result.computeIfAbsent(p.rowNumber(), k -> new TreeSet<>()).add(p.column());
            }
        }
        return result;
    }

    private static String numbered(File file) {
        StringBuilder text = new StringBuilder("1: ").append(file.header()).append('\n');
        for (Line line : file.lines()) {
            text.append(line.row)
                    .append(": ")
                    .append(line.text.replace("\u0000", "\\0"))
                    .append("   <- ")
                    .append(line)
                    .append('\n');
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------------- file level

    static Stream<Long> seedList() {
        return seeds().stream();
    }

    /** A valid e-PPGBM file of {@code rows} rows (no blank lines, no multi-line values, no duplicates). */
    private List<String> cleanRows(long seed, String marker, int rows) {
        Spec spec = spec(ImportFormat.EPPGBM);
        CaseFileFuzzer fuzzer = new CaseFileFuzzer(spec, places());
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Map<String, String> row = spec.valid(r, marker + "-" + i + (i % 3 == 0 ? " Sé" : ""));
            row.put("Alamat", "Jl. Mawar " + i);
            lines.add(fuzzer.serialize(row));
        }
        return lines;
    }

    private String header() {
        return String.join(";", spec(ImportFormat.EPPGBM).columns);
    }

    private long childrenOf(String marker) {
        return count("SELECT count(*) FROM children WHERE name LIKE :m", "m", marker + "-%");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void wrongDelimiterRefusesTheWholeFileNamingTheDelimiter(long seed) {
        Random r = new Random(seed);
        String marker = marker(ImportFormat.EPPGBM, seed, "D");
        boolean tab = r.nextBoolean();
        String delimiter = tab ? "\t" : ",";
        StringBuilder text = new StringBuilder(header().replace(";", delimiter)).append('\n');
        cleanRows(seed, marker, 5 + r.nextInt(10))
                .forEach(l -> text.append(l.replace(";", delimiter)).append('\n'));

        ImportJob job = importText(ImportFormat.EPPGBM, "delimited.csv", text.toString());

        assertThat(job.state()).as("seed %d: %s", seed, job.describe()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.error())
                .as("seed %d", seed)
                .contains("row 1")
                .contains("';'")
                .contains(tab ? "found a tab" : "found ','");
        assertThat(job.rowsRead()).isZero();
        assertThat(problemLines(job)).containsExactly("1 (file) REJECTED");
        assertThat(childrenOf(marker)).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void invalidUtf8StopsTheFileAtItsRowAfterImportingTheRowsBefore(long seed) {
        Random r = new Random(seed);
        String marker = marker(ImportFormat.EPPGBM, seed, "U");
        List<String> rows = cleanRows(seed, marker, 8 + r.nextInt(20));
        int broken = r.nextInt(rows.size());
        byte[][] badBytes = {
            {(byte) 0xFF},
            {(byte) 0xC3, 0x28},
            {(byte) 0xE9},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        byte[] bad = badBytes[r.nextInt(badBytes.length)];
        String eol = r.nextBoolean() ? "\r\n" : "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("\uFEFF" + header() + eol).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            if (i == broken) {
                int at = row.indexOf(marker) + marker.length();
                out.writeBytes(row.substring(0, at).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(bad);
                out.writeBytes((row.substring(at) + eol).getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes((row + eol).getBytes(StandardCharsets.UTF_8));
            }
        }
        int brokenRow = broken + 2;
        String context = "seed " + seed + ": bytes " + java.util.HexFormat.of().formatHex(bad) + " in row " + brokenRow
                + " of " + (rows.size() + 1) + ", line ends " + (eol.length() == 2 ? "CRLF" : "LF");

        ImportJob job = importBytes(ImportFormat.EPPGBM, "cp1252.csv", out.toByteArray(), DINKES);

        assertThat(job.state()).as("%s: %s", context, job.describe()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.error()).as(context).contains("row " + brokenRow).contains("UTF-8");
        assertThat(problemLines(job)).as(context).containsExactly(brokenRow + " (file) REJECTED");
        assertThat(job.rowsRead()).as(context).isEqualTo(broken);
        assertThat(job.rowsInserted()).as(context).isEqualTo(broken);
        assertThat(job.committedRow()).as(context).isEqualTo(brokenRow - 1);
        assertThat(childrenOf(marker))
                .as("%s: the rows before it are imported, none after", context)
                .isEqualTo(broken);
        if (broken > 0) {
            assertThat(count("SELECT count(*) FROM children WHERE name = :n", "n", marker + "-0 Sé"))
                    .as("valid UTF-8 (é) is read as such")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void unterminatedQuoteStopsTheFileAtItsRowAfterImportingTheRowsBefore(long seed) {
        Random r = new Random(seed);
        String marker = marker(ImportFormat.EPPGBM, seed, "Q");
        List<String> rows = new ArrayList<>(cleanRows(seed, marker, 6 + r.nextInt(15)));
        int broken = r.nextInt(rows.size());
        rows.set(
                broken,
                rows.get(broken)
                        .replaceFirst(
                                java.util.regex.Pattern.quote(marker + "-" + broken), "\"" + marker + "-" + broken));
        String text = header() + "\n" + String.join("\n", rows) + "\n";
        int brokenRow = broken + 2;

        ImportJob job = importText(ImportFormat.EPPGBM, "quote.csv", text);

        assertThat(job.state())
                .as("seed %d, quote opened on row %d: %s", seed, brokenRow, job.describe())
                .isEqualTo(ImportJob.State.FAILED);
        assertThat(job.error()).contains("row " + brokenRow).contains("never closed");
        assertThat(problemLines(job)).containsExactly(brokenRow + " (file) REJECTED");
        assertThat(job.rowsRead()).isEqualTo(broken);
        assertThat(childrenOf(marker))
                .as("seed %d: the rows before row %d", seed, brokenRow)
                .isEqualTo(broken);
    }

    /**
     * A quote never closed in a 4 MB file (which once held the import queue for 48 s): the file stops at the row
     * of the quote once the row passes the row limit, and the importer has read no more than that limit plus one
     * read-ahead block of the file (counted, not timed).
     */
    @Test
    void anUnclosedQuoteInALargeFileStopsAtTheRowLimitWithoutReadingTheRest() {
        String marker = marker(ImportFormat.EPPGBM, 0, "L");
        List<String> rows = cleanRows(7, marker, 6);
        String tail = String.join("\n", cleanRows(8, marker + "-after", 40)) + "\n";
        assertThat(tail).as("rows that cannot close the quote").doesNotContain("\"");
        StringBuilder text = new StringBuilder(header())
                .append('\n')
                .append(String.join("\n", rows))
                .append('\n')
                .append(rows.get(0).replace("Jl. Mawar 0", "\"Jl. Mawar 0"))
                .append('\n');
        while (text.length() < 4_000_000) {
            text.append(tail);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        long[] taken = {0};
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                taken[0] += Math.max(n, 0);
                return n;
            }
        };

        ImportJob job = importStream(ImportFormat.EPPGBM, "unclosed.csv", counting, DINKES);

        int quoteRow = rows.size() + 2;
        assertThat(job.state()).as(job.describe()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.error())
                .contains("row " + quoteRow)
                .contains("runs past 65,536 bytes")
                .contains("closing quote missing");
        assertThat(problemLines(job)).containsExactly(quoteRow + " (file) REJECTED");
        assertThat(childrenOf(marker)).as("the rows before the quote").isEqualTo(rows.size());
        assertThat(taken[0])
                .as("bytes read of a %,d-byte file", bytes.length)
                .isLessThanOrEqualTo(text.indexOf("\"Jl. Mawar 0") + 3L * 65_536);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void headerWithoutARequiredColumnRefusesTheFileBeforeAnyRow(long seed) {
        Random r = new Random(seed);
        String marker = marker(ImportFormat.EPPGBM, seed, "H");
        List<String> required = List.of("JK", "Tgl Lahir", "Tanggal Pengukuran");
        String missing = required.get(r.nextInt(required.size()));
        String header = header().replace(";" + missing + ";", ";Kolom Lain;");
        String text = header + "\n" + String.join("\n", cleanRows(seed, marker, 3)) + "\n";

        ImportJob job = importText(ImportFormat.EPPGBM, "header.csv", text);

        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.error()).contains("no column '" + missing + "'");
        assertThat(job.rowsRead()).isZero();
        assertThat(childrenOf(marker)).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seedList")
    void lineEndingsAndByteOrderMarkDoNotMatter(long seed) {
        Random r = new Random(seed);
        String marker = marker(ImportFormat.EPPGBM, seed, "E");
        List<String> rows = cleanRows(seed, marker, 5 + r.nextInt(10));
        String eol = List.of("\n", "\r\n", "\r").get(r.nextInt(3));
        String text = (r.nextBoolean() ? "\uFEFF" : "")
                + header()
                + eol
                + String.join(eol, rows)
                + (r.nextBoolean() ? eol : "");

        ImportJob job = importText(ImportFormat.EPPGBM, "eol.csv", text);

        assertThat(job.state())
                .as("seed %d: %s %s", seed, job.describe(), problemLines(job))
                .isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(job.rowsInserted()).isEqualTo(rows.size());
        assertThat(childrenOf(marker)).isEqualTo(rows.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableFiles")
    void unreadableFilesFailWithAReason(String what, byte[] bytes, String reason) {
        ImportJob job = importBytes(ImportFormat.SITB, what + ".csv", bytes, DINKES);

        assertThat(job.state()).as(what).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.error()).as(what).contains(reason);
        assertThat(job.rowsRead()).isZero();
    }

    static Stream<Arguments> unreadableFiles() {
        String header = "No Registrasi;Tgl Diagnosis;Tipe Diagnosis;Lokasi Anatomi;Riwayat Pengobatan;"
                + "Status Resistensi;Kode Kel\nTB-1;01/01/2025;Klinis;Paru;Baru;SO;33.75.01.1002\n";
        return Stream.of(
                Arguments.of("empty", new byte[0], "empty"),
                Arguments.of("utf-16 with BOM", withBom(header.getBytes(StandardCharsets.UTF_16LE)), "UTF-8"),
                Arguments.of("utf-16 without BOM", header.getBytes(StandardCharsets.UTF_16LE), "UTF-16"),
                Arguments.of(
                        "an eppgbm file as sitb",
                        "NIK;Nama;JK;Tgl Lahir;Kode Kel;Tanggal Pengukuran;Berat\n".getBytes(StandardCharsets.UTF_8),
                        "no column 'No Registrasi'"));
    }

    private static byte[] withBom(byte[] utf16le) {
        byte[] bytes = new byte[utf16le.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(utf16le, 0, bytes, 2, utf16le.length);
        return bytes;
    }
}
