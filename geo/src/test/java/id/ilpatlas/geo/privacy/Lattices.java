package id.ilpatlas.geo.privacy;

import id.ilpatlas.geo.region.RegionCode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

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
        return randomCounts(random, base, randomRegister(random));
    }

    /**
     * Sparse Poisson counts like {@link #randomKota(long)} over a given RW register (RWs grouped by
     * kelurahan, as {@link #randomRegister} and {@link #cityRegister} list them), at base rate {@code
     * base} per RW-month.
     */
    static CellTable randomCounts(Random random, double base, List<RegionCode> register) {
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

    /** A city-sized RW register: 4 kecamatan × 7–8 kelurahan × 8–12 RWs (about 30 kelurahan, 300 RWs). */
    static List<RegionCode> cityRegister(Random random) {
        List<RegionCode> rws = new ArrayList<>();
        for (int kec = 1; kec <= 4; kec++) {
            int kelurahan = 7 + random.nextInt(2);
            for (int kel = 1; kel <= kelurahan; kel++) {
                RegionCode code = RegionCode.parse(String.format(Locale.ROOT, "33.75.%02d.%04d", kec, 1000 + kel));
                int rwCount = 8 + random.nextInt(5);
                for (int rw = 1; rw <= rwCount; rw++) {
                    rws.add(RegionCode.rw(code, rw));
                }
            }
        }
        return rws;
    }

    /**
     * Insider scopes built like a real city's: a lurah per kelurahan, a camat per kecamatan, puskesmas
     * whose wilayah kerja are 1–3 kelurahan of one kecamatan (each kelurahan in one puskesmas), and
     * kaders of posyandu serving 1–3 RWs of one kelurahan, each RW in at most one kader scope (about one
     * RW in ten in none). Labels say who it is, e.g. {@code "kader 33.75.01.1002 #3"}.
     */
    static List<InsiderScope> randomScopes(Hierarchy areas, Random random) {
        List<InsiderScope> scopes = new ArrayList<>();
        for (String kecamatan : areas.children(areas.root())) {
            scopes.add(new InsiderScope("camat " + kecamatan, Set.of(kecamatan)));
            List<String> kelurahan = areas.children(kecamatan);
            for (List<String> group : groups(kelurahan, random)) {
                scopes.add(new InsiderScope("puskesmas " + group, Set.copyOf(group)));
            }
            for (String kel : kelurahan) {
                scopes.add(new InsiderScope("lurah " + kel, Set.of(kel)));
                List<String> rws = areas.children(kel).stream()
                        .filter(a -> !a.endsWith(Hierarchies.UNASSIGNED_SUFFIX))
                        .toList();
                int posyandu = 0;
                for (List<String> group : groups(rws, random)) {
                    if (random.nextInt(10) > 0) {
                        scopes.add(new InsiderScope("kader " + kel + " #" + ++posyandu, Set.copyOf(group)));
                    }
                }
            }
        }
        return scopes;
    }

    /**
     * The brief's city case: a lurah per kelurahan, a camat per kecamatan, {@code puskesmas} puskesmas
     * (kelurahan of one kecamatan split into consecutive groups) and {@code kaders} kader scopes of 1–3
     * random RWs of one random kelurahan, which may overlap (more posyandu than RWs).
     */
    static List<InsiderScope> cityScopes(Hierarchy areas, Random random, int puskesmas, int kaders) {
        List<InsiderScope> scopes = new ArrayList<>();
        List<String> allKelurahan = new ArrayList<>();
        List<String> kecamatan = areas.children(areas.root());
        for (int i = 0; i < kecamatan.size(); i++) {
            String kec = kecamatan.get(i);
            scopes.add(new InsiderScope("camat " + kec, Set.of(kec)));
            List<String> kel = areas.children(kec);
            allKelurahan.addAll(kel);
            kel.forEach(k -> scopes.add(new InsiderScope("lurah " + k, Set.of(k))));
            // Spread the puskesmas over the kecamatan, then split each kecamatan's kelurahan evenly.
            int here = puskesmas / kecamatan.size() + (i < puskesmas % kecamatan.size() ? 1 : 0);
            for (int g = 0; g < here; g++) {
                List<String> group = kel.subList(g * kel.size() / here, (g + 1) * kel.size() / here);
                scopes.add(new InsiderScope("puskesmas " + group, Set.copyOf(group)));
            }
        }
        for (int i = 0; i < kaders; i++) {
            String kel = allKelurahan.get(random.nextInt(allKelurahan.size()));
            List<String> rws = new ArrayList<>(areas.children(kel).stream()
                    .filter(a -> !a.endsWith(Hierarchies.UNASSIGNED_SUFFIX))
                    .toList());
            java.util.Collections.shuffle(rws, random);
            scopes.add(new InsiderScope("kader " + i, Set.copyOf(rws.subList(0, 1 + random.nextInt(3)))));
        }
        return scopes;
    }

    /** Splits {@code items} into consecutive groups of 1–3. */
    private static List<List<String>> groups(List<String> items, Random random) {
        List<List<String>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); ) {
            int n = Math.min(items.size() - i, 1 + random.nextInt(3));
            result.add(items.subList(i, i + n));
            i += n;
        }
        return result;
    }

    /**
     * The areas an insider of {@code scope} knows exactly, computed independently of the production
     * code: the areas all of whose leaves lie below a key of the scope.
     */
    static Set<String> knownAreas(Hierarchy areas, InsiderScope scope) {
        Set<String> known = new HashSet<>();
        collectKnown(areas, areas.root(), scope.areas(), false, known);
        return known;
    }

    private static boolean collectKnown(
            Hierarchy areas, String area, Set<String> keys, boolean below, Set<String> known) {
        boolean covered = below || keys.contains(area);
        List<String> children = areas.children(area);
        boolean all = !children.isEmpty() || covered;
        for (String child : children) {
            all &= collectKnown(areas, child, keys, covered, known);
        }
        if (all) {
            known.add(area);
        }
        return all;
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
