package id.ilpatlas.geo.privacy;

import id.ilpatlas.geo.region.RegionCode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Test fixtures: lattices for one kota and one year, from ASCII tables or seeded random data. */
final class Lattices {

  static final int YEAR = 2025;
  static final RegionCode KOTA = RegionCode.parse("33.75");

  private Lattices() {}

  /**
   * Parses leaf counts, one area per line: an RW code, or a kelurahan code for its unassigned cases,
   * then twelve monthly counts Jan..Dec. Blank lines and lines starting with {@code #} or a space
   * followed by month names are ignored. The area tree is built from the listed areas only, rooted at
   * kota 33.75; every kelurahan gets its unassigned leaf (0 unless listed).
   */
  static CellTable ascii(String text) {
    List<RegionCode> regions = new ArrayList<>();
    List<long[]> rows = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("Jan")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+");
      if (parts.length != 13) {
        throw new IllegalArgumentException("need an area and 12 months: " + line);
      }
      regions.add(RegionCode.parse(parts[0]));
      long[] months = new long[12];
      for (int m = 0; m < 12; m++) {
        months[m] = Long.parseLong(parts[m + 1]);
      }
      rows.add(months);
    }
    CellTable.Builder builder = CellTable.builder(Hierarchies.areas(KOTA, regions), Hierarchies.periods(YEAR));
    for (int i = 0; i < regions.size(); i++) {
      for (int m = 0; m < 12; m++) {
        builder.add(Hierarchies.areaLeafKey(regions.get(i)), month(m + 1), rows.get(i)[m]);
      }
    }
    return builder.build();
  }

  static String month(int month) {
    return Hierarchies.monthKey(YearMonth.of(YEAR, month));
  }

  /** The RW register of a random kota: 4 kecamatan × 5–7 kelurahan × 5–15 RWs. */
  static List<RegionCode> randomRegister(Random random) {
    List<RegionCode> rws = new ArrayList<>();
    for (int kec = 1; kec <= 4; kec++) {
      int kelurahan = 5 + random.nextInt(3);
      for (int kel = 1; kel <= kelurahan; kel++) {
        RegionCode code = RegionCode.parse(String.format(Locale.ROOT, "33.75.%02d.%04d", kec, 1000 + kel));
        int rwCount = 5 + random.nextInt(11);
        for (int rw = 1; rw <= rwCount; rw++) {
          rws.add(RegionCode.rw(code, rw));
        }
      }
    }
    return rws;
  }

  /**
   * A random kota with sparse Poisson counts: the seed picks a base rate from very sparse (0.02 per
   * RW-month) to dense (5), and every kelurahan and RW a log-normal multiplier, so most lattices mix
   * many small cells with some larger ones. Unassigned cases come at a third of the kelurahan rate.
   */
  static CellTable randomKota(long seed) {
    Random random = new Random(seed);
    double[] baseRates = {0.02, 0.08, 0.2, 0.5, 1, 2, 5};
    double base = baseRates[random.nextInt(baseRates.length)];
    List<RegionCode> register = randomRegister(random);
    Hierarchy areas = Hierarchies.areas(KOTA, register);
    CellTable.Builder builder = CellTable.builder(areas, Hierarchies.periods(YEAR));
    RegionCode currentKel = null;
    double kelRate = 0;
    for (RegionCode rw : register) {
      RegionCode kel = rw.parent().orElseThrow();
      if (!kel.equals(currentKel)) {
        if (currentKel != null) {
          addMonths(builder, random, Hierarchies.unassignedKey(currentKel), kelRate / 3);
        }
        currentKel = kel;
        kelRate = base * Math.exp(random.nextGaussian() * 0.7);
      }
      addMonths(builder, random, rw.dotted(), kelRate * Math.exp(random.nextGaussian() * 0.7));
    }
    addMonths(builder, random, Hierarchies.unassignedKey(currentKel), kelRate / 3);
    return builder.build();
  }

  private static void addMonths(CellTable.Builder builder, Random random, String area, double rate) {
    for (int m = 1; m <= 12; m++) {
      double seasonal = 1 + 0.5 * Math.sin(m * Math.PI / 6);
      builder.add(area, month(m), poisson(random, rate * seasonal));
    }
  }

  /** Knuth's Poisson sampler (fine for the small rates used here). */
  static long poisson(Random random, double lambda) {
    double limit = Math.exp(-lambda);
    double product = random.nextDouble();
    long n = 0;
    while (product > limit) {
      n++;
      product *= random.nextDouble();
    }
    return n;
  }

  /**
   * Renders which cells are suppressed ({@code x}) or published ({@code .}), one line per area:
   * the year, then per quarter the quarter and its three months, e.g. {@code ". .x.x .... .... ...."}.
   */
  static String mask(SuppressionResult result) {
    StringBuilder text = new StringBuilder();
    for (String area : result.areas().keys()) {
      text.append(String.format(Locale.ROOT, "%-25s ", area));
      text.append(mark(result, area, Hierarchies.yearKey(YEAR)));
      for (int q = 1; q <= 4; q++) {
        text.append(' ').append(mark(result, area, Hierarchies.quarterKey(YEAR, q)));
        for (int m = 1; m <= 3; m++) {
          text.append(mark(result, area, month((q - 1) * 3 + m)));
        }
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static char mark(SuppressionResult result, String area, String period) {
    return result.isSuppressed(area, period) ? 'x' : '.';
  }
}
