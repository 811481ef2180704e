package id.ilpatlas.geo.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.geo.testing.Slow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration on a grid city of about 300 000 people: the published figures of docs/DESIGN.md §5 are recomputed
 * from the written files (heights through the WHO table), not taken from the generator's summaries.
 */
@Slow
class SyntheticCasesCalibrationTest {

    private static final LocalDate TODAY = SyntheticCasesTest.TODAY;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String UTARA = "33.75.03";

    @TempDir
    static Path dir;

    private static CityInput city;
    private static SyntheticCases cases;
    private static GeneratedFiles files;
    private static double population;

    @BeforeAll
    static void writeFiles() throws IOException {
        city = FakeCity.grid(6, 12, 1040, 3);
        population = city.rws().stream().mapToInt(RwInput::population).sum();
        cases = SyntheticCases.generate(city, SyntheticCasesTest.SEED, TODAY, 1.0);
        long start = System.nanoTime();
        files = cases.writeAll(dir);
        System.out.printf(
                "calibration city: %.0f people, %d RWs; four files written in %.2f s%n",
                population, city.rws().size(), (System.nanoTime() - start) / 1e9);
        System.out.println(files.eppgbmSummary());
        System.out.println(files.sitbSummary());
        System.out.println(files.p3keSummary());
        System.out.println(files.permaisuriSummary());
    }

    /** Calls {@code action} with a column lookup for every data row of a file. */
    private static void forEachRow(Path file, Consumer<Map<String, String>> action) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String[] header = reader.readLine().split(";", -1);
            Map<String, String> row = new HashMap<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(";", -1);
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], fields[i]);
                }
                action.accept(row);
            }
        }
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    @Test
    void stuntingFromTheWrittenHeightsIsCalibratedAndClustered() throws IOException {
        WhoReference who = new WhoReference();
        long[] measured = new long[2]; // [utara, rest]
        long[] stunted = new long[2];
        long[] underweight = new long[1];
        long[] lowBirthWeight = new long[2]; // [bblr, with birth weight]
        Map<String, Object[]> latestByChild = new HashMap<>();
        long[] attended = new long[1];
        forEachRow(files.eppgbm(), row -> {
            LocalDate birth = LocalDate.parse(row.get("Tgl Lahir"), DATE);
            LocalDate date = LocalDate.parse(row.get("Tanggal Pengukuran"), DATE);
            long ageDays = date.toEpochDay() - birth.toEpochDay();
            int sex = row.get("JK").equals("L") ? 1 : 2;
            double z = who.lengthForAgeZ(
                    sex,
                    ageDays,
                    number(row.get("Tinggi")),
                    row.get("Cara Ukur").equals("Terlentang"));
            int group = row.get("Kode Kel").startsWith(UTARA) ? 0 : 1;
            measured[group]++;
            stunted[group] += z < -2 ? 1 : 0;
            underweight[0] += who.weightForAgeZ(sex, ageDays, number(row.get("Berat"))) < -2 ? 1 : 0;
            String child = row.get("NIK").isEmpty()
                    ? row.get("Nama") + birth + row.get("JK") + row.get("Kode Kel")
                    : row.get("NIK");
            Object[] latest = latestByChild.get(child);
            if (latest == null) {
                String birthWeight = row.get("BB Lahir");
                if (!birthWeight.isEmpty()) {
                    double grams = number(birthWeight) > 100 ? number(birthWeight) : number(birthWeight) * 1000;
                    lowBirthWeight[0] += grams < 2500 ? 1 : 0;
                    lowBirthWeight[1]++;
                }
            }
            if (latest == null || ((LocalDate) latest[0]).isBefore(date)) {
                latestByChild.put(child, new Object[] {date, z});
            }
            attended[0]++;
        });
        long rows = measured[0] + measured[1];
        double share = (stunted[0] + stunted[1]) / (double) rows;
        double utara = stunted[0] / (double) measured[0];
        double rest = stunted[1] / (double) measured[1];
        double childShare =
                latestByChild.values().stream().filter(v -> (double) v[1] < -2).count() / (double) latestByChild.size();
        System.out.printf(
                "stunting (WHO z from written heights): %.2f %% of %d measurements, %.2f %% of %d children"
                        + " (latest measurement); Utara %.2f %%, rest %.2f %% (x%.2f); underweight %.2f %%; BBLR %.2f %%%n",
                100 * share,
                rows,
                100 * childShare,
                latestByChild.size(),
                100 * utara,
                100 * rest,
                utara / rest,
                100.0 * underweight[0] / rows,
                100.0 * lowBirthWeight[0] / lowBirthWeight[1]);
        assertThat(share).isCloseTo(0.177, within(0.015));
        assertThat(childShare).isCloseTo(0.177, within(0.015));
        assertThat(utara).isGreaterThan(1.25 * rest);
        assertThat(underweight[0] / (double) rows).isBetween(0.10, 0.20);
        assertThat(files.eppgbmSummary().wastedShare()).isBetween(0.05, 0.09);
        assertThat(lowBirthWeight[0] / (double) lowBirthWeight[1]).isBetween(0.06, 0.10);
        assertThat(files.eppgbmSummary().stuntedShare()).isCloseTo(share, within(0.005));

        // Children ever measured: 8.5 % balita x 88 % registered, topped up by births during the year.
        double balitaExpected = 0.085 * population * 0.88;
        System.out.printf(
                "children in the file: %d (balita stock x registered = %.0f), %.1f rows per child%n",
                latestByChild.size(), balitaExpected, rows / (double) latestByChild.size());
        assertThat(latestByChild.size() / balitaExpected).isBetween(1.0, 1.35);
    }

    @Test
    void posyanduRoundsHaveRealisticAttendance() throws IOException {
        // Per posyandu and date: children measured / children of measurable age registered there.
        Map<String, Integer> rowsByPosyanduDate = new HashMap<>();
        forEachRow(
                files.eppgbm(),
                row -> rowsByPosyanduDate.merge(
                        row.get("Posyandu") + "|" + row.get("Tanggal Pengukuran"), 1, Integer::sum));
        // Twelve dates per posyandu, on the same weekday-of-month schedule.
        Map<String, Integer> datesByPosyandu = new HashMap<>();
        rowsByPosyanduDate
                .keySet()
                .forEach(k -> datesByPosyandu.merge(k.substring(0, k.indexOf('|')), 1, Integer::sum));
        datesByPosyandu.remove(""); // children measured without a posyandu: each RW has its own dates
        assertThat(datesByPosyandu.values()).allMatch(n -> n == 12);
        long rows = files.eppgbmSummary().rows();
        long children = files.eppgbmSummary().children();
        // About 11 measurable rounds per child on average (births and five-year-olds enter and leave) x 80 %.
        assertThat(rows / (double) children).isBetween(7.5, 10.0);
    }

    @Test
    void tbNotificationsMatchTheTarget() throws IOException {
        double target = 0.00385 * 0.58 * population;
        long[] counts = new long[6]; // rows, utara rows, bacteriological, extrapulmonary, new, success
        long[] outcomes = new long[1];
        forEachRow(files.sitb(), row -> {
            counts[0]++;
            counts[1] += row.get("Kode Kel").startsWith(UTARA) ? 1 : 0;
            counts[2] += row.get("Tipe Diagnosis").equals("Terkonfirmasi Bakteriologis") ? 1 : 0;
            counts[3] += row.get("Lokasi Anatomi").equals("Ekstra Paru") ? 1 : 0;
            counts[4] += row.get("Riwayat Pengobatan").equals("Baru") ? 1 : 0;
            String outcome = row.get("Hasil Akhir");
            outcomes[0] += outcome.isEmpty() ? 0 : 1;
            counts[5] += outcome.equals("Sembuh") || outcome.equals("Pengobatan Lengkap") ? 1 : 0;
        });
        System.out.printf(
                "TB: %d notified (target %.0f); bacteriological %.1f %%, extrapulmonary %.1f %%, new %.1f %%,"
                        + " success %.1f %% of %d with an outcome%n",
                counts[0],
                target,
                100.0 * counts[2] / counts[0],
                100.0 * counts[3] / counts[0],
                100.0 * counts[4] / counts[0],
                100.0 * counts[5] / outcomes[0],
                outcomes[0]);
        assertThat(counts[0] / target).isCloseTo(1.0, within(0.15));
        assertThat(files.sitbSummary().targetCases()).isCloseTo(target, within(1e-6));
        assertThat(counts[2] / (double) counts[0]).isCloseTo(0.60, within(0.06));
        assertThat(counts[3] / (double) counts[0]).isCloseTo(0.12, within(0.04));
        assertThat(counts[5] / (double) outcomes[0]).isCloseTo(0.85, within(0.05));
        double utaraPeople = city.rws().stream()
                .filter(r -> r.kecamatanCode().equals(UTARA))
                .mapToInt(RwInput::population)
                .sum();
        double utaraRate = counts[1] / utaraPeople;
        double restRate = (counts[0] - counts[1]) / (population - utaraPeople);
        assertThat(utaraRate).isGreaterThan(restRate);
    }

    @Test
    void extremePovertyHoldsOnePercentOfPeople() throws IOException {
        long[] people = new long[5];
        long[] households = new long[5];
        forEachRow(files.p3ke(), row -> {
            int desil = Integer.parseInt(row.get("Desil"));
            int size = Integer.parseInt(row.get("Jumlah Anggota"));
            assertThat(desil).isBetween(1, 4);
            assertThat(size).isBetween(2, 9);
            assertThat(row.get("Sumber")).isEqualTo("P3KE");
            assertThat(row.get("Tgl Data")).isEqualTo("31/03/2026");
            people[desil] += size;
            households[desil]++;
        });
        double share = people[1] / population;
        System.out.printf(
                "P3KE: desil 1 %.2f %% of people (%d households, mean size %.2f); desil 2-4 %.1f / %.1f /"
                        + " %.1f %%%n",
                100 * share,
                households[1],
                people[1] / (double) households[1],
                100 * people[2] / population,
                100 * people[3] / population,
                100 * people[4] / population);
        assertThat(share).isCloseTo(0.01, within(0.003));
        assertThat(people[2]).isGreaterThan(people[1]);
        assertThat(people[1] / (double) households[1]).isGreaterThan(people[4] / (double) households[4]);
    }

    @Test
    void birthsMatchTheCrudeBirthRate() throws IOException {
        double target = 0.016 * population;
        long[] c = new long[8]; // rows, births, bblr, kek, under 20, over 35, maternal deaths, infant deaths
        forEachRow(files.permaisuri(), row -> {
            c[0]++;
            LocalDate hpht = LocalDate.parse(row.get("HPHT"), DATE);
            LocalDate motherBirth = LocalDate.parse(row.get("Tgl Lahir Ibu"), DATE);
            int age = java.time.Period.between(motherBirth, hpht).getYears();
            c[4] += age < 20 ? 1 : 0;
            c[5] += age > 35 ? 1 : 0;
            c[3] += number(row.get("LiLA")) < 23.5 ? 1 : 0;
            if (!row.get("Tgl Persalinan").isEmpty()) {
                LocalDate birth = LocalDate.parse(row.get("Tgl Persalinan"), DATE);
                assertThat(birth).isAfterOrEqualTo(TODAY.minusDays(644 - 238)).isBeforeOrEqualTo(TODAY);
                c[1]++;
                c[2] += Integer.parseInt(row.get("BB Bayi Lahir")) < 2500 ? 1 : 0;
            } else {
                assertThat(row.get("BB Bayi Lahir")).isEmpty();
            }
            c[6] += row.get("Tgl Kematian Ibu").isEmpty() ? 0 : 1;
            c[7] += row.get("Tgl Kematian Bayi").isEmpty() ? 0 : 1;
            assertThat(Integer.parseInt(row.get("Kunjungan ANC"))).isBetween(0, 8);
            assertThat(Integer.parseInt(row.get("Kehamilan Ke"))).isBetween(1, 6);
        });
        System.out.printf(
                "PERMAISURI: %d pregnancies (%.2f x yearly births), %d births (target %.0f), BBLR %.1f %%,"
                        + " KEK %.1f %%, under 20 %.1f %%, over 35 %.1f %%, maternal deaths %d, infant deaths %d%n",
                c[0],
                c[0] / target,
                c[1],
                target,
                100.0 * c[2] / c[1],
                100.0 * c[3] / c[0],
                100.0 * c[4] / c[0],
                100.0 * c[5] / c[0],
                c[6],
                c[7]);
        assertThat(c[1] / target).isCloseTo(1.0, within(0.15));
        assertThat(c[2] / (double) c[1]).isBetween(0.06, 0.10);
        assertThat(c[3] / (double) c[0]).isCloseTo(0.17, within(0.03));
        assertThat(c[4] / (double) c[0]).isCloseTo(0.07, within(0.02));
        assertThat(c[5] / (double) c[0]).isCloseTo(0.11, within(0.02));
        assertThat(c[7]).isBetween(20L, 150L);
    }

    /**
     * The risk shares of the written PERMAISURI file, recomputed row by row with the importer's rules (the Indonesian
     * 4T definition: under 20 or over 35 at HPHT, under 24 months since the previous birth, fourth pregnancy or
     * later; KEK = LiLA below 23,5; anaemia = {@code Anemia} among the other factors; high-risk = any factor), lie
     * within a binomial tolerance (4 standard errors for the rows written) of the shares the generator is calibrated
     * to, and those lie within the published ranges of high_risk_pregnancy_reference.md and near its suggested
     * defaults (4T 0.30, KEK 0.17, anaemia 0.28).
     */
    @Test
    void pregnancyRisksMatchThePublishedShares() throws IOException {
        long[] c = new long[5]; // rows, 4T, KEK, anaemia, high-risk
        forEachRow(files.permaisuri(), row -> {
            c[0]++;
            int age = java.time.Period.between(
                            LocalDate.parse(row.get("Tgl Lahir Ibu"), DATE), LocalDate.parse(row.get("HPHT"), DATE))
                    .getYears();
            int gravida = Integer.parseInt(row.get("Kehamilan Ke"));
            String spacingText = row.get("Jarak Kehamilan");
            Integer spacing = spacingText.isEmpty() ? null : Integer.valueOf(spacingText);
            boolean fourT = age < 20 || age > 35 || gravida >= 4 || (gravida > 1 && spacing != null && spacing < 24);
            boolean kek = number(row.get("LiLA")) < 23.5;
            List<String> others = row.get("Faktor Risiko Lain").isEmpty()
                    ? List.of()
                    : List.of(row.get("Faktor Risiko Lain").split(","));
            c[1] += fourT ? 1 : 0;
            c[2] += kek ? 1 : 0;
            c[3] += others.contains("Anemia") ? 1 : 0;
            // bumil risti: 4T or an obstetric/medical factor; KEK and anaemia alone do not count
            c[4] += fourT || others.stream().anyMatch(o -> !o.equals("Anemia")) ? 1 : 0;
            if (gravida == 1) {
                assertThat(spacingText).as("a first pregnancy has no spacing").isEmpty();
                assertThat(others)
                        .as("a first pregnancy has no previous caesarean")
                        .doesNotContain("Riwayat SC");
            }
        });
        double n = c[0];
        String seed = " (seed " + SyntheticCasesTest.SEED + ", " + c[0] + " pregnancies)";
        System.out.printf(
                "PERMAISURI risks: 4T %.1f %% (expected %.1f), KEK %.1f %% (%.1f), anaemia %.1f %% (%.1f),"
                        + " high-risk %.1f %% (%.1f)%s%n",
                100 * c[1] / n,
                100 * PregnancyRisks.fourTShare(),
                100 * c[2] / n,
                100 * PregnancyRisks.KEK_SHARE,
                100 * c[3] / n,
                100 * PregnancyRisks.ANAEMIA_SHARE,
                100 * c[4] / n,
                100 * PregnancyRisks.highRiskShare(),
                seed);
        assertThat(n).isGreaterThan(5000);
        assertShare("4T", c[1], n, PregnancyRisks.fourTShare(), seed);
        assertShare("KEK", c[2], n, PregnancyRisks.KEK_SHARE, seed);
        assertShare("anaemia", c[3], n, PregnancyRisks.ANAEMIA_SHARE, seed);
        assertShare("high-risk (bumil risti)", c[4], n, PregnancyRisks.highRiskShare(), seed);

        assertThat(PregnancyRisks.fourTShare())
                .isBetween(PregnancyRisks.FOUR_T_RANGE[0], PregnancyRisks.FOUR_T_RANGE[1])
                .isCloseTo(0.30, within(0.005));
        assertThat(PregnancyRisks.KEK_SHARE)
                .isBetween(PregnancyRisks.KEK_RANGE[0], PregnancyRisks.KEK_RANGE[1])
                .isEqualTo(0.17);
        assertThat(PregnancyRisks.ANAEMIA_SHARE)
                .isBetween(PregnancyRisks.ANAEMIA_RANGE[0], PregnancyRisks.ANAEMIA_RANGE[1])
                .isEqualTo(0.28);
        assertThat(List.of(
                        PregnancyRisks.FOUR_T_RANGE[0],
                        PregnancyRisks.FOUR_T_RANGE[1],
                        PregnancyRisks.KEK_RANGE[0],
                        PregnancyRisks.KEK_RANGE[1],
                        PregnancyRisks.ANAEMIA_RANGE[0],
                        PregnancyRisks.ANAEMIA_RANGE[1]))
                .as("the published ranges of the reference, sections 2-4")
                .containsExactly(0.25, 0.37, 0.15, 0.24, 0.277, 0.489);
        // the union of independent factors but KEK and anaemia, recomputed here: 1 - P(no hypertension,
        // pre-eclampsia, diabetes) P(aged 20-35 and gravida 1, or gravida 2-3 neither too close nor after a caesarean)
        double none = (1 - 0.05) * (1 - 0.025) * (1 - 0.015) * 0.82 * (0.33 + 0.58 * (1 - 0.10) * (1 - 0.11));
        assertThat(PregnancyRisks.highRiskShare()).isCloseTo(1 - none, within(1e-12));
        assertThat(files.permaisuriSummary().fourT()).isEqualTo(c[1]);
        assertThat(files.permaisuriSummary().anaemia()).isEqualTo(c[3]);
        assertThat(files.permaisuriSummary().highRisk()).isEqualTo(c[4]);
    }

    /** {@code count / n} within four binomial standard errors of {@code expected}. */
    private static void assertShare(String what, long count, double n, double expected, String seed) {
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / n);
        assertThat(count / n).as(what + " share" + seed).isCloseTo(expected, within(tolerance));
    }

    /**
     * The dates of every written pregnancy hang together: a delivered one gave birth 34-42 weeks after HPHT (term
     * 37+0 to 42+0), on or before the reference date; an ongoing one (no birth) is at most 42 weeks along and
     * has no birth weight, place, home visits or deaths; a mother dies within 42 days of the birth, a baby on or
     * after its birth, both on or before the reference date; a BBLR baby has no more visits done than weeks lived.
     */
    @Test
    void pregnancyDatesAreConsistent() throws IOException {
        long[] c = new long[3]; // delivered, ongoing, term
        forEachRow(files.permaisuri(), row -> {
            LocalDate hpht = LocalDate.parse(row.get("HPHT"), DATE);
            String what = "pregnancy with HPHT " + hpht + ", mother born " + row.get("Tgl Lahir Ibu");
            assertThat(hpht).as(what).isBetween(TODAY.minusDays(644), TODAY.minusDays(56));
            if (row.get("Tgl Persalinan").isEmpty()) {
                c[1]++;
                assertThat(java.time.temporal.ChronoUnit.DAYS.between(hpht, TODAY))
                        .as(what + ": ongoing")
                        .isLessThan(294);
                for (String column : List.of(
                        "Tempat Persalinan",
                        "BB Bayi Lahir",
                        "Kunjungan Rumah Selesai",
                        "Tgl Kematian Ibu",
                        "Tgl Kematian Bayi",
                        "Tempat Kematian")) {
                    assertThat(row.get(column))
                            .as(what + ": ongoing, " + column)
                            .isEmpty();
                }
                return;
            }
            c[0]++;
            LocalDate birth = LocalDate.parse(row.get("Tgl Persalinan"), DATE);
            long gestation = java.time.temporal.ChronoUnit.DAYS.between(hpht, birth);
            assertThat(gestation).as(what + ": gestation days").isBetween(238L, 294L);
            c[2] += gestation >= 259 ? 1 : 0;
            assertThat(birth).as(what).isBeforeOrEqualTo(TODAY);
            LocalDate infantDeath = null;
            if (!row.get("Tgl Kematian Bayi").isEmpty()) {
                infantDeath = LocalDate.parse(row.get("Tgl Kematian Bayi"), DATE);
                assertThat(infantDeath).as(what).isBetween(birth, TODAY);
            }
            if (!row.get("Tgl Kematian Ibu").isEmpty()) {
                assertThat(LocalDate.parse(row.get("Tgl Kematian Ibu"), DATE))
                        .as(what)
                        .isBetween(birth, java.util.Collections.min(List.of(TODAY, birth.plusDays(42))));
            }
            if (!row.get("Kunjungan Rumah Selesai").isEmpty()) {
                LocalDate until = infantDeath != null ? infantDeath : TODAY;
                assertThat(Long.parseLong(row.get("Kunjungan Rumah Selesai")))
                        .as(what + ": home visits")
                        .isLessThanOrEqualTo(java.time.temporal.ChronoUnit.DAYS.between(birth, until) / 7);
            }
        });
        assertThat(c[1]).isPositive();
        assertThat(c[2] / (double) c[0]).as("term births").isCloseTo(0.91, within(0.02));
    }

    @Test
    void burdenIsNormalisedAndHigherInUtara() {
        double weighted = 0;
        double utara = 0;
        double utaraPeople = 0;
        for (RwInput rw : city.rws()) {
            double burden = cases.burden(rw.code());
            weighted += burden * rw.population();
            if (rw.kecamatanCode().equals(UTARA)) {
                utara += burden * rw.population();
                utaraPeople += rw.population();
            }
        }
        assertThat(weighted / population).isCloseTo(1.0, within(1e-9));
        assertThat(utara / utaraPeople).isGreaterThan(1.2);
        assertThat(List.of(files.eppgbm(), files.sitb(), files.p3ke(), files.permaisuri()))
                .allMatch(p -> p.getFileName().toString().contains("synthetic"));
    }
}
