package id.ilpatlas.geo.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The WHO–UNICEF prevalence thresholds for child malnutrition (de Onis et al. 2019, Public Health Nutrition
 * 22(1):175–179; the 2018 TEAM report): five fixed levels, very low to very high, of the prevalence of stunting,
 * wasting or overweight among children under five. A prevalence p is in a band when {@code lower ≤ p < upper}.
 * Read once from {@code who_prevalence_thresholds.csv} next to this class (see the SOURCE.md there).
 *
 * <pre>{@code
 * PrevalenceThresholds stunting = PrevalenceThresholds.of(PrevalenceThresholds.Indicator.STUNTING);
 * stunting.classOf(0.25);              // 3: "high", 20 – < 30 %
 * stunting.bands().get(3).label();     // "20 – < 30 %"
 * }</pre>
 */
public final class PrevalenceThresholds {

    private static final String RESOURCE = "who_prevalence_thresholds.csv";

    /** The indicators the thresholds are defined for. */
    public enum Indicator {
        /** Length/height-for-age below −2 SD. */
        STUNTING,
        /** Weight-for-length/height below −2 SD. */
        WASTING,
        /** Weight-for-length/height above +2 SD. */
        OVERWEIGHT
    }

    /**
     * One level.
     *
     * @param classIndex 0 (very low) to 4 (very high)
     * @param level the paper's level, in words: "very low", "low", "medium", "high", "very high"
     * @param lowerPercent the inclusive lower bound, in percent
     * @param upperPercent the exclusive upper bound, in percent; null for the last (open) level
     */
    public record Band(int classIndex, String level, double lowerPercent, Double upperPercent) {

        /** The lower bound as a proportion (0–1), the way prevalences are stored. */
        public double lower() {
            return lowerPercent / 100;
        }

        /** The upper bound as a proportion, or null for the open level. */
        public Double upper() {
            return upperPercent == null ? null : upperPercent / 100;
        }

        /** The range as a person reads it: "< 2.5 %", "20 – < 30 %", "≥ 30 %". */
        public String label() {
            if (upperPercent == null) {
                return "≥ " + plain(lowerPercent) + " %";
            }
            if (lowerPercent == 0) {
                return "< " + plain(upperPercent) + " %";
            }
            return plain(lowerPercent) + " – < " + plain(upperPercent) + " %";
        }

        /** True when the prevalence (a proportion, 0–1) is in this band. */
        public boolean contains(double prevalence) {
            return prevalence >= lower() && (upperPercent == null || prevalence < upper());
        }
    }

    private static final Map<Indicator, PrevalenceThresholds> TABLE = load();

    private final Indicator indicator;
    private final List<Band> bands;

    private PrevalenceThresholds(Indicator indicator, List<Band> bands) {
        this.indicator = indicator;
        this.bands = List.copyOf(bands);
    }

    /** The thresholds of one indicator. */
    public static PrevalenceThresholds of(Indicator indicator) {
        return TABLE.get(Objects.requireNonNull(indicator, "indicator must not be null"));
    }

    /** The indicator. */
    public Indicator indicator() {
        return indicator;
    }

    /** The five levels, very low first. */
    public List<Band> bands() {
        return bands;
    }

    /** The bounds as proportions: 0, the four inner thresholds, and 1 (every band's lower bound, then 1). */
    public double[] breaks() {
        double[] b = new double[bands.size() + 1];
        for (int i = 0; i < bands.size(); i++) {
            b[i] = bands.get(i).lower();
        }
        b[bands.size()] = 1;
        return b;
    }

    /**
     * The level (0 = very low … 4 = very high) of a prevalence.
     *
     * @param prevalence a proportion in [0, 1]
     * @throws IllegalArgumentException if it is not
     */
    public int classOf(double prevalence) {
        if (!(prevalence >= 0 && prevalence <= 1)) {
            throw new IllegalArgumentException("a prevalence is a proportion in [0, 1], got " + prevalence);
        }
        for (int i = bands.size() - 1; i > 0; i--) {
            if (bands.get(i).contains(prevalence)) {
                return i;
            }
        }
        return 0;
    }

    /** The bands' colours, light to dark: {@link ColorRamp#sequential} with five classes. */
    public List<String> colors() {
        return ColorRamp.sequential(bands.size());
    }

    private static Map<Indicator, PrevalenceThresholds> load() {
        Map<Indicator, List<Band>> bands = new EnumMap<>(Indicator.class);
        try (InputStream in = PrevalenceThresholds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null
                    || !header.startsWith("indicator,level_order,level,lower_pct_inclusive,upper_pct_exclusive,")) {
                throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
            }
            String line;
            int row = 1;
            while ((line = reader.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                Indicator indicator = Indicator.valueOf(f[0].toUpperCase(Locale.ROOT));
                List<Band> list = bands.computeIfAbsent(indicator, k -> new ArrayList<>());
                int order = Integer.parseInt(f[1]);
                if (order != list.size() + 1) {
                    throw new IllegalStateException(
                            RESOURCE + " row " + row + ": level_order " + order + " out of order");
                }
                double lower = Double.parseDouble(f[3]);
                Double upper = f[4].isEmpty() ? null : Double.parseDouble(f[4]);
                if (!list.isEmpty() && !Objects.equals(list.get(list.size() - 1).upperPercent(), lower)) {
                    throw new IllegalStateException(
                            RESOURCE + " row " + row + ": lower " + lower + " does not continue the band before");
                }
                list.add(new Band(order - 1, f[2].replace('_', ' '), lower, upper));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Indicator, PrevalenceThresholds> table = new EnumMap<>(Indicator.class);
        for (Indicator indicator : Indicator.values()) {
            List<Band> list = bands.get(indicator);
            if (list == null
                    || list.size() != 5
                    || list.get(0).lowerPercent() != 0
                    || list.get(4).upperPercent() != null) {
                throw new IllegalStateException(RESOURCE + ": " + indicator + " needs five bands from 0 to open");
            }
            table.put(indicator, new PrevalenceThresholds(indicator, list));
        }
        return table;
    }

    private static String plain(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }

    @Override
    public String toString() {
        return "PrevalenceThresholds" + bands;
    }
}
