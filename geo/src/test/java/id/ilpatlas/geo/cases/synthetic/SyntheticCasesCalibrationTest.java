package id.ilpatlas.geo.cases.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * Calibration on a grid city of about 300 000 people: the published figures of DESIGN.md §5 are recomputed
 * from the written files (heights through the WHO table), not taken from the generator's summaries.
 */
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
    System.out.printf("calibration city: %.0f people, %d RWs; four files written in %.2f s%n", population,
        city.rws().size(), (System.nanoTime() - start) / 1e9);
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
      double z = who.lengthForAgeZ(sex, ageDays, number(row.get("Tinggi")),
          row.get("Cara Ukur").equals("Terlentang"));
      int group = row.get("Kode Kel").startsWith(UTARA) ? 0 : 1;
      measured[group]++;
      stunted[group] += z < -2 ? 1 : 0;
      underweight[0] += who.weightForAgeZ(sex, ageDays, number(row.get("Berat"))) < -2 ? 1 : 0;
      String child = row.get("NIK").isEmpty()
          ? row.get("Nama") + birth + row.get("JK") + row.get("Kode Kel") : row.get("NIK");
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
    double childShare = latestByChild.values().stream().filter(v -> (double) v[1] < -2).count()
        / (double) latestByChild.size();
    System.out.printf("stunting (WHO z from written heights): %.2f %% of %d measurements, %.2f %% of %d children"
        + " (latest measurement); Utara %.2f %%, rest %.2f %% (x%.2f); underweight %.2f %%; BBLR %.2f %%%n",
        100 * share, rows, 100 * childShare, latestByChild.size(), 100 * utara, 100 * rest, utara / rest,
        100.0 * underweight[0] / rows, 100.0 * lowBirthWeight[0] / lowBirthWeight[1]);
    assertThat(share).isCloseTo(0.177, within(0.015));
    assertThat(childShare).isCloseTo(0.177, within(0.015));
    assertThat(utara).isGreaterThan(1.25 * rest);
    assertThat(underweight[0] / (double) rows).isBetween(0.10, 0.20);
    assertThat(files.eppgbmSummary().wastedShare()).isBetween(0.05, 0.09);
    assertThat(lowBirthWeight[0] / (double) lowBirthWeight[1]).isBetween(0.06, 0.10);
    assertThat(files.eppgbmSummary().stuntedShare()).isCloseTo(share, within(0.005));

    // Children ever measured: 8.5 % balita x 88 % registered, topped up by births during the year.
    double balitaExpected = 0.085 * population * 0.88;
    System.out.printf("children in the file: %d (balita stock x registered = %.0f), %.1f rows per child%n",
        latestByChild.size(), balitaExpected, rows / (double) latestByChild.size());
    assertThat(latestByChild.size() / balitaExpected).isBetween(1.0, 1.35);
  }

  @Test
  void posyanduRoundsHaveRealisticAttendance() throws IOException {
    // Per posyandu and date: children measured / children of measurable age registered there.
    Map<String, Integer> rowsByPosyanduDate = new HashMap<>();
    forEachRow(files.eppgbm(), row -> rowsByPosyanduDate.merge(row.get("Posyandu") + "|"
        + row.get("Tanggal Pengukuran"), 1, Integer::sum));
    // Twelve dates per posyandu, on the same weekday-of-month schedule.
    Map<String, Integer> datesByPosyandu = new HashMap<>();
    rowsByPosyanduDate.keySet().forEach(k -> datesByPosyandu.merge(k.substring(0, k.indexOf('|')), 1,
        Integer::sum));
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
    System.out.printf("TB: %d notified (target %.0f); bacteriological %.1f %%, extrapulmonary %.1f %%, new %.1f %%,"
        + " success %.1f %% of %d with an outcome%n", counts[0], target, 100.0 * counts[2] / counts[0],
        100.0 * counts[3] / counts[0], 100.0 * counts[4] / counts[0], 100.0 * counts[5] / outcomes[0],
        outcomes[0]);
    assertThat(counts[0] / target).isCloseTo(1.0, within(0.15));
    assertThat(files.sitbSummary().targetCases()).isCloseTo(target, within(1e-6));
    assertThat(counts[2] / (double) counts[0]).isCloseTo(0.60, within(0.06));
    assertThat(counts[3] / (double) counts[0]).isCloseTo(0.12, within(0.04));
    assertThat(counts[5] / (double) outcomes[0]).isCloseTo(0.85, within(0.05));
    double utaraPeople = city.rws().stream().filter(r -> r.kecamatanCode().equals(UTARA))
        .mapToInt(RwInput::population).sum();
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
    System.out.printf("P3KE: desil 1 %.2f %% of people (%d households, mean size %.2f); desil 2-4 %.1f / %.1f /"
        + " %.1f %%%n", 100 * share, households[1], people[1] / (double) households[1],
        100 * people[2] / population, 100 * people[3] / population, 100 * people[4] / population);
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
    System.out.printf("PERMAISURI: %d pregnancies (%.2f x yearly births), %d births (target %.0f), BBLR %.1f %%,"
        + " KEK %.1f %%, under 20 %.1f %%, over 35 %.1f %%, maternal deaths %d, infant deaths %d%n", c[0],
        c[0] / target, c[1], target, 100.0 * c[2] / c[1], 100.0 * c[3] / c[0], 100.0 * c[4] / c[0],
        100.0 * c[5] / c[0], c[6], c[7]);
    assertThat(c[1] / target).isCloseTo(1.0, within(0.15));
    assertThat(c[2] / (double) c[1]).isBetween(0.06, 0.10);
    assertThat(c[3] / (double) c[0]).isCloseTo(0.15, within(0.03));
    assertThat(c[4] / (double) c[0]).isCloseTo(0.08, within(0.02));
    assertThat(c[5] / (double) c[0]).isCloseTo(0.12, within(0.02));
    assertThat(c[7]).isBetween(20L, 150L);
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
