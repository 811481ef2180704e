package id.ilpatlas.geo.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

@Slow
class SyntheticCasesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final long SEED = 20260630L;
    private static final Pattern NIK = Pattern.compile("\\d{16}");
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** The small city at three times its population, so that every file has some rows. */
    private static SyntheticCases small(long seed) {
        return SyntheticCases.generate(FakeCity.small(), seed, TODAY, 3.0);
    }

    private static String eppgbm(SyntheticCases cases) throws IOException {
        StringWriter out = new StringWriter();
        cases.writeEppgbm(out);
        return out.toString();
    }

    private static String sitb(SyntheticCases cases) throws IOException {
        StringWriter out = new StringWriter();
        cases.writeSitb(out);
        return out.toString();
    }

    private static String p3ke(SyntheticCases cases) throws IOException {
        StringWriter out = new StringWriter();
        cases.writeP3ke(out);
        return out.toString();
    }

    private static String permaisuri(SyntheticCases cases) throws IOException {
        StringWriter out = new StringWriter();
        cases.writePermaisuri(out);
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void sameSeedAndInputGiveByteIdenticalFiles(@TempDir Path dir) throws IOException {
        SyntheticCases first = small(SEED);
        SyntheticCases second = small(SEED);
        assertThat(eppgbm(second)).isEqualTo(eppgbm(first));
        // Order of writing does not matter either.
        String permaisuri = permaisuri(second);
        assertThat(sitb(second)).isEqualTo(sitb(first));
        assertThat(p3ke(second)).isEqualTo(p3ke(first));
        assertThat(permaisuri).isEqualTo(permaisuri(first));

        GeneratedFiles a = first.writeAll(dir.resolve("a"));
        GeneratedFiles b = second.writeAll(dir.resolve("b"));
        for (Path[] pair : List.of(
                new Path[] {a.eppgbm(), b.eppgbm()},
                new Path[] {a.sitb(), b.sitb()},
                new Path[] {a.p3ke(), b.p3ke()},
                new Path[] {a.permaisuri(), b.permaisuri()})) {
            assertThat(Files.readAllBytes(pair[1])).isEqualTo(Files.readAllBytes(pair[0]));
        }
        assertThat(List.of(a.eppgbm(), a.sitb(), a.p3ke(), a.permaisuri()))
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "eppgbm-synthetic-2026.csv",
                        "sitb-synthetic-2026.csv",
                        "p3ke-synthetic-2026.csv",
                        "permaisuri-synthetic-2026.csv");
        assertThat(Files.readString(a.eppgbm())).isEqualTo(eppgbm(first));

        assertThat(eppgbm(small(SEED + 1))).isNotEqualTo(eppgbm(first));
    }

    @Test
    void headersAreTheDocumentedColumnNames() throws IOException {
        SyntheticCases cases = small(SEED);
        assertThat(new Csv(eppgbm(cases)).header)
                .containsExactly(
                        "NIK",
                        "Nama",
                        "JK",
                        "Tgl Lahir",
                        "BB Lahir",
                        "TB Lahir",
                        "Nama Ortu",
                        "Kode Kel",
                        "RT",
                        "RW",
                        "Alamat",
                        "Lintang",
                        "Bujur",
                        "Posyandu",
                        "Tanggal Pengukuran",
                        "Usia Saat Ukur",
                        "Berat",
                        "Tinggi",
                        "Cara Ukur",
                        "LiLA",
                        "Edema");
        assertThat(new Csv(sitb(cases)).header)
                .containsExactly(
                        "No Registrasi",
                        "NIK",
                        "Nama",
                        "JK",
                        "Tgl Lahir",
                        "Kode Kel",
                        "RT",
                        "RW",
                        "Alamat",
                        "Lintang",
                        "Bujur",
                        "Faskes",
                        "Tgl Diagnosis",
                        "Tipe Diagnosis",
                        "Lokasi Anatomi",
                        "Riwayat Pengobatan",
                        "Status HIV",
                        "Status Resistensi",
                        "Tgl Mulai Pengobatan",
                        "Tgl Akhir Pengobatan",
                        "Hasil Akhir",
                        "Kontak Teridentifikasi",
                        "Kontak Diinvestigasi");
        assertThat(new Csv(p3ke(cases)).header)
                .containsExactly(
                        "No KK",
                        "Nama Kepala Keluarga",
                        "Kode Kel",
                        "RT",
                        "RW",
                        "Alamat",
                        "Lintang",
                        "Bujur",
                        "Desil",
                        "Jumlah Anggota",
                        "Sumber",
                        "Tgl Data");
        assertThat(new Csv(permaisuri(cases)).header)
                .containsExactly(
                        "NIK Ibu",
                        "Nama Ibu",
                        "Tgl Lahir Ibu",
                        "Kode Kel",
                        "RT",
                        "RW",
                        "Alamat",
                        "Lintang",
                        "Bujur",
                        "HPHT",
                        "Taksiran Persalinan",
                        "Kehamilan Ke",
                        "Jarak Kehamilan",
                        "LiLA",
                        "Kunjungan ANC",
                        "Faktor Risiko Lain",
                        "Faskes Rujukan",
                        "Tgl Persalinan",
                        "Tempat Persalinan",
                        "BB Bayi Lahir",
                        "Kunjungan Rumah Selesai",
                        "Tgl Kematian Ibu",
                        "Tgl Kematian Bayi",
                        "Tempat Kematian");
    }

    @Test
    void everyNikIsWellFormedAndMatchesBirthDateAndSex() throws IOException {
        SyntheticCases cases = small(SEED);
        Csv children = new Csv(eppgbm(cases));
        Map<String, String> personByNik = new HashMap<>();
        int withoutNik = 0;
        for (String[] row : children.rows) {
            String nik = children.get(row, "NIK");
            if (nik.isEmpty()) {
                withoutNik++;
                assertThat(children.get(row, "Nama")).isNotEmpty();
                continue;
            }
            assertNik(
                    nik,
                    children.get(row, "Kode Kel"),
                    children.date(row, "Tgl Lahir"),
                    children.get(row, "JK").equals("P"));
            String person = children.get(row, "Nama") + "|" + children.get(row, "Tgl Lahir");
            assertThat(personByNik.putIfAbsent(nik, person))
                    .as("one child per NIK")
                    .isIn(null, person);
        }
        assertThat(withoutNik / (double) children.rows.size()).isBetween(0.05, 0.15);

        Csv tb = new Csv(sitb(cases));
        for (String[] row : tb.rows) {
            String nik = tb.get(row, "NIK");
            if (!nik.isEmpty()) {
                assertNik(
                        nik,
                        tb.get(row, "Kode Kel"),
                        tb.date(row, "Tgl Lahir"),
                        tb.get(row, "JK").equals("P"));
                assertThat(personByNik.put(nik, "tb"))
                        .as("NIKs unique across files")
                        .isNull();
            }
        }
        Csv mothers = new Csv(permaisuri(cases));
        for (String[] row : mothers.rows) {
            String nik = mothers.get(row, "NIK Ibu");
            if (!nik.isEmpty()) {
                assertNik(nik, mothers.get(row, "Kode Kel"), mothers.date(row, "Tgl Lahir Ibu"), true);
                assertThat(personByNik.put(nik, "mother")).isNull();
            }
        }
        Csv families = new Csv(p3ke(cases));
        Set<String> cards = new HashSet<>();
        for (String[] row : families.rows) {
            String card = families.get(row, "No KK");
            assertThat(card)
                    .matches(NIK)
                    .doesNotEndWith("0000")
                    .startsWith(families.get(row, "Kode Kel").substring(0, 8).replace(".", ""));
            assertThat(cards.add(card)).isTrue();
        }
    }

    private static void assertNik(String nik, String kelurahan, LocalDate birth, boolean female) {
        assertThat(nik).matches(NIK);
        assertThat(nik.substring(0, 6)).isEqualTo(kelurahan.substring(0, 8).replace(".", ""));
        int day = Integer.parseInt(nik.substring(6, 8));
        assertThat(day).isEqualTo(birth.getDayOfMonth() + (female ? 40 : 0));
        assertThat(Integer.parseInt(nik.substring(8, 10))).isEqualTo(birth.getMonthValue());
        assertThat(Integer.parseInt(nik.substring(10, 12))).isEqualTo(birth.getYear() % 100);
        assertThat(nik.substring(12)).isNotEqualTo("0000");
    }

    @Test
    void pointsLieInsideTheirRwExceptTheDeliberateFew() throws IOException {
        CityInput city = FakeCity.grid(3, 9, 1200, 7);
        SyntheticCases cases = SyntheticCases.generate(city, SEED, TODAY, 1.0);
        Map<String, Geometry> polygons = new HashMap<>();
        for (RwInput rw : city.rws()) {
            polygons.put(
                    rw.kelurahanCode() + "|"
                            + Integer.parseInt(rw.code().substring(rw.code().length() - 3)),
                    rw.polygon());
        }
        StringWriter text = new StringWriter();
        EppgbmSummary summary = cases.writeEppgbm(text);
        Csv file = new Csv(text.toString());
        int withPoint = 0;
        int outside = 0;
        int unknownRw = 0;
        for (String[] row : file.rows) {
            Geometry rw = polygons.get(file.get(row, "Kode Kel") + "|" + Integer.parseInt(file.get(row, "RW")));
            assertThat(file.get(row, "RW")).matches("\\d{3}");
            assertThat(Integer.parseInt(file.get(row, "RT"))).isBetween(1, 15);
            assertThat(file.get(row, "Alamat")).matches("Jl\\. .+ No\\. \\d+");
            if (rw == null) {
                unknownRw++;
                assertThat(file.get(row, "Lintang")).isEmpty();
                continue;
            }
            if (file.get(row, "Lintang").isEmpty()) {
                continue;
            }
            withPoint++;
            Point point = FACTORY.createPoint(new Coordinate(file.number(row, "Bujur"), file.number(row, "Lintang")));
            if (!rw.contains(point)) {
                outside++;
                assertThat(rw.distance(point)).isLessThan(Site.OUTSIDE_MARGIN_DEGREES + 1e-6);
            }
        }
        int rows = file.rows.size();
        System.out.printf(
                "points: %d rows, %.1f %% with a point, %d outside their RW, %d with an unknown RW%n",
                rows, 100.0 * withPoint / rows, outside, unknownRw);
        assertThat(withPoint / (double) rows).isCloseTo(0.6, within(0.05));
        assertThat(outside).isEqualTo(summary.rowsPointOutsideRw());
        assertThat(unknownRw).isEqualTo(summary.rowsUnknownRwNumber());
        assertThat((outside + unknownRw) / (double) rows).isBetween(0.002, 0.02);
    }

    @Test
    void measurementsAreConsistentRows() throws IOException {
        SyntheticCases cases = small(SEED);
        Csv file = new Csv(eppgbm(cases));
        Set<String> keys = new HashSet<>();
        Set<String> posyandu = Set.of("PSY-U1", "PSY-U2", "PSY-B1", "PSY-C1", "");
        int wrongPosition = 0;
        for (String[] row : file.rows) {
            LocalDate birth = file.date(row, "Tgl Lahir");
            LocalDate measured = file.date(row, "Tanggal Pengukuran");
            long ageDays = measured.toEpochDay() - birth.toEpochDay();
            assertThat(ageDays).isBetween(7L, 1825L);
            assertThat(measured).isBeforeOrEqualTo(TODAY).isAfter(TODAY.minusMonths(13));
            assertThat(measured.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            Period age = Period.between(birth, measured);
            assertThat(file.get(row, "Usia Saat Ukur"))
                    .isEqualTo(age.getYears() + " Tahun - " + age.getMonths() + " Bulan - " + age.getDays() + " Hari");
            String position = file.get(row, "Cara Ukur");
            assertThat(position).isIn("Terlentang", "Berdiri");
            if (position.equals("Terlentang") != ageDays < 731) {
                wrongPosition++;
                assertThat(ageDays).isGreaterThanOrEqualTo(274);
            }
            assertThat(file.number(row, "Tinggi")).isBetween(40.0, 130.0);
            assertThat(file.number(row, "Berat")).isBetween(1.0, 30.0);
            assertThat(file.get(row, "Berat")).matches("\\d+,\\d");
            assertThat(file.get(row, "JK")).isIn("L", "P");
            assertThat(file.get(row, "Posyandu")).isIn(posyandu);
            String birthWeight = file.get(row, "BB Lahir");
            assertThat(birthWeight).matches("|\\d,\\d\\d|\\d{3,4}");
            String child = file.get(row, "NIK").isEmpty()
                    ? file.get(row, "Nama") + birth + file.get(row, "JK") + file.get(row, "Kode Kel")
                    : file.get(row, "NIK");
            assertThat(keys.add(child + "|" + measured))
                    .as("one measurement per child and date")
                    .isTrue();
        }
        assertThat(wrongPosition / (double) file.rows.size()).isBetween(0.005, 0.05);
        // RW 003 of 33.75.03.1001 has no posyandu: its children are measured by a neighbour or with no posyandu.
        assertThat(file.rows)
                .anyMatch(r -> file.get(r, "Kode Kel").equals("33.75.03.1001")
                        && file.get(r, "RW").equals("003")
                        && file.get(r, "Posyandu").isEmpty());
    }

    @Test
    void tbRowsAreConsistent() throws IOException {
        Csv file = new Csv(sitb(small(SEED)));
        Set<String> numbers = new HashSet<>();
        for (String[] row : file.rows) {
            assertThat(file.get(row, "No Registrasi")).matches("3375-20(25|26)-\\d{6}");
            assertThat(numbers.add(file.get(row, "No Registrasi"))).isTrue();
            LocalDate diagnosed = file.date(row, "Tgl Diagnosis");
            LocalDate started = file.date(row, "Tgl Mulai Pengobatan");
            assertThat(diagnosed).isAfter(TODAY.minusDays(365)).isBeforeOrEqualTo(TODAY);
            assertThat(started).isAfterOrEqualTo(diagnosed).isBeforeOrEqualTo(TODAY);
            if (!file.get(row, "Tgl Akhir Pengobatan").isEmpty()) {
                assertThat(file.date(row, "Tgl Akhir Pengobatan"))
                        .isAfterOrEqualTo(started)
                        .isBeforeOrEqualTo(TODAY);
            }
            String outcome = file.get(row, "Hasil Akhir");
            if (!outcome.isEmpty()) {
                assertThat(started).isBefore(TODAY.minusDays(182));
            }
            boolean confirmedPulmonary = file.get(row, "Tipe Diagnosis").equals("Terkonfirmasi Bakteriologis")
                    && file.get(row, "Lokasi Anatomi").equals("Paru");
            if (confirmedPulmonary) {
                int identified = Integer.parseInt(file.get(row, "Kontak Teridentifikasi"));
                assertThat(identified).isBetween(3, 10);
                assertThat(Integer.parseInt(file.get(row, "Kontak Diinvestigasi")))
                        .isBetween(0, identified);
            } else {
                assertThat(file.get(row, "Kontak Teridentifikasi")).isEmpty();
            }
            if (file.get(row, "Status Resistensi").equals("RO")) {
                assertThat(file.get(row, "Tipe Diagnosis")).isEqualTo("Terkonfirmasi Bakteriologis");
            }
            String expectedFaskes = file.get(row, "Kode Kel").startsWith("33.75.03") ? "PKM-U" : "PKM-B";
            assertThat(file.get(row, "Faskes")).isEqualTo(expectedFaskes);
        }
    }

    @Test
    void rejectsBadInput() {
        CityInput city = FakeCity.small();
        assertThatThrownBy(() -> SyntheticCases.generate(city, 1, TODAY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticCases.generate(city, 1, TODAY, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        RwInput rw = city.rws().get(0);
        assertThatThrownBy(() ->
                        SyntheticCases.generate(new CityInput(List.of(rw, rw), List.of(), List.of()), 1, TODAY, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new RwInput("33.75.03.1001.XX1", "33.75.03.1001", "33.75.03", 5, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticCases.fileName("csv", TODAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCityWithoutPeopleHasEmptyFilesAndTheStreamingModeRefusesIt() throws IOException {
        CityInput empty = new CityInput(
                List.of(FakeCity.rw("33.75.01.1001.RW001", 0, FakeCity.square(109.66, -6.89, 0.01))),
                List.of(),
                List.of());
        SyntheticCases cases = SyntheticCases.generate(empty, 1, TODAY, 1);
        assertThat(eppgbm(cases).lines()).hasSize(1);
        assertThatThrownBy(() -> cases.writeEppgbmRows(new StringWriter(), 10))
                .isInstanceOf(IllegalStateException.class);
        StringWriter none = new StringWriter();
        assertThat(cases.writeEppgbmRows(none, 0).rows()).isZero();
        assertThat(none.toString().lines()).hasSize(1);
    }

    /** A writer that only counts line ends: the streaming mode must not need the rows kept anywhere. */
    static final class LineCounter extends Writer {
        long lines;
        long chars;

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            chars += length;
        }

        @Override
        public Writer append(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lines++;
                }
            }
            chars += text.length();
            return this;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void streamingModeWritesExactlyTheRequestedRows() throws IOException {
        SyntheticCases cases = small(SEED);
        for (long n : new long[] {1, 999, 25_000}) {
            LineCounter counter = new LineCounter();
            EppgbmSummary summary = cases.writeEppgbmRows(counter, n);
            assertThat(counter.lines).isEqualTo(n + 1);
            assertThat(summary.rows()).isEqualTo(n);
        }
        // The first pass equals the ordinary file.
        String file = eppgbm(cases);
        long rows = file.lines().count() - 1;
        StringWriter prefix = new StringWriter();
        cases.writeEppgbmRows(prefix, rows);
        assertThat(prefix.toString()).isEqualTo(file);
        // Later passes bring new children with unique NIKs.
        StringWriter more = new StringWriter();
        cases.writeEppgbmRows(more, rows * 3);
        Csv csv = new Csv(more.toString());
        Map<String, String> birthByNik = new HashMap<>();
        for (String[] row : csv.rows) {
            String nik = csv.get(row, "NIK");
            if (!nik.isEmpty()) {
                assertThat(birthByNik.putIfAbsent(nik, csv.get(row, "Nama") + csv.get(row, "Tgl Lahir")))
                        .isIn(null, csv.get(row, "Nama") + csv.get(row, "Tgl Lahir"));
            }
        }
    }

    @Test
    void streamsAMillionRows() throws IOException {
        SyntheticCases cases = SyntheticCases.generate(FakeCity.grid(6, 12, 1040, 11), SEED, TODAY, 1.0);
        cases.writeEppgbmRows(new LineCounter(), 200_000); // warm-up
        long rows = 1_000_000;
        LineCounter counter = new LineCounter();
        long start = System.nanoTime();
        cases.writeEppgbmRows(counter, rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "e-PPGBM streaming: %d rows, %.1f MB in %.2f s = %.0f rows/s%n",
                rows, counter.chars / 1e6, seconds, rows / seconds);
        assertThat(counter.lines).isEqualTo(rows + 1);
    }

    @Test
    void decimalsAreCommaFormattedLikeLocaleRootWithTheSeparatorReplaced() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            double value = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(4));
            for (int decimals : new int[] {0, 1, 2, 6}) {
                String reference = String.format(java.util.Locale.ROOT, "%." + decimals + "f", value)
                        .replace('.', ',');
                if (reference.matches("-0(,0*)?")) {
                    reference = reference.substring(1);
                }
                String fast =
                        CsvOut.decimal(new StringBuilder(), value, decimals).toString();
                if (!fast.equals(reference)) {
                    // Only a value within one ulp of a rounding tie may differ (the fast path multiplies first).
                    double tie = Math.abs(value) * Math.pow(10, decimals) % 1;
                    assertThat(tie)
                            .as("seed 42, value %s, %d decimals", value, decimals)
                            .isCloseTo(0.5, within(1e-9));
                }
            }
        }
        assertThat(CsvOut.decimal(new StringBuilder(), -6.8912345, 6).toString())
                .isEqualTo("-6,891235");
        assertThat(CsvOut.decimal(new StringBuilder(), 2.05, 2).toString()).isEqualTo("2,05");
        assertThat(CsvOut.decimal(new StringBuilder(), 12, 1).toString()).isEqualTo("12,0");
    }
}
