package id.ilpatlas.api.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.cases.aggregate.CaseCounts;
import id.ilpatlas.api.cases.aggregate.MissingReason;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.indicators.DataAvailability;
import id.ilpatlas.api.indicators.IndicatorRefresh;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.classify.ClassBreaks;
import id.ilpatlas.geo.classify.ColorRamp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One hex heat layer as a caller sees it: the hexes of a kab/kota for an indicator, period, hex size and measure,
 * each with the value the caller may see ({@link HexHeat}'s privacy rule, applied here and nowhere else), its class
 * and colour from server-side class breaks ({@link ClassBreaks} over the values of the layer's hexes), the legend,
 * and the share of the kab/kota's records that could be placed on the map. The vector tiles colour their hexes
 * from this layer, GraphQL's {@code hexHeatLayer} and the style fragment's metadata answer its legend: one
 * computation, so the map and its legend cannot disagree.
 */
@Service
class HexHeatLayers {

    /** One hex as the caller sees it. {@code count}, {@code denominator}, {@code rate} are null when suppressed. */
    record Hex(
            int i,
            int j,
            Integer count,
            Integer denominator,
            Double rate,
            Double value,
            boolean exact,
            boolean suppressed,
            Integer classIndex,
            String color,
            boolean synthetic) {}

    /** One class of the legend: values {@code v} with {@code lower < v ≤ upper} (class 0 also holds lower). */
    record LegendClass(int index, double lower, double upper, String label, String color, int hexCount) {}

    /** A layer: its hexes, breaks, legend and the share of records placed. */
    record Layer(
            String kabkotaCode,
            HexHeat.Indicator indicator,
            HexHeat.Measure measure,
            String period,
            double sizeMeters,
            boolean exact,
            String definition,
            ClassBreaks.Method method,
            int classes,
            List<Double> breaks,
            List<String> colors,
            List<LegendClass> legend,
            String suppressedColor,
            int hexCount,
            int suppressedHexCount,
            Integer records,
            Integer geocodedRecords,
            Double geocodedShare,
            Integer denominatorRecords,
            Integer denominatorGeocodedRecords,
            Double denominatorGeocodedShare,
            boolean totalsExact,
            boolean synthetic,
            String privacy,
            List<Hex> hexes,
            double completeness,
            MissingReason missing) {}

    /** What to draw. {@code month} null: the calendar year. */
    record Request(
            String kabkotaCode,
            HexHeat.Indicator indicator,
            int year,
            Integer month,
            int sizeMeters,
            HexHeat.Measure measure,
            ClassBreaks.Method method,
            int classes) {}

    private static final int CACHE_LIMIT = 256;

    private final JdbcClient jdbc;
    private final IndicatorRefresh refresh;
    private final int threshold;
    /** Layers per request, data version and scope class (Caffeine; metrics tagged cache=atlas.hex-heat.layers). */
    private final Cache<String, Layer> cache =
            Caffeine.newBuilder().maximumSize(CACHE_LIMIT).recordStats().build();

    private final DataAvailability availability;

    HexHeatLayers(
            JdbcClient jdbc,
            IndicatorRefresh refresh,
            CaseCounts caseCounts,
            DataAvailability availability,
            MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, cache, "atlas.hex-heat.layers");
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.threshold = caseCounts.threshold();
        this.availability = availability;
    }

    /**
     * Validates a request (period, month access, measure, size, classes) and answers the size the caller gets.
     * Errors name the argument: {@code year}, {@code month}, {@code measure}, {@code sizeMeters}, {@code classes}.
     */
    static int check(
            Caller caller,
            HexHeat.Indicator indicator,
            Integer year,
            Integer month,
            int sizeMeters,
            HexHeat.Measure measure,
            int classes) {
        HexHeat.checkPeriod(year, month);
        HexHeat.checkMeasure(indicator, measure);
        if (classes < 1 || classes > ColorRamp.MAX_CLASSES) {
            throw new InvalidArgumentException("classes", "must be 1-" + ColorRamp.MAX_CLASSES + ", was " + classes);
        }
        int size = HexHeat.sizeFor(caller, sizeMeters);
        HexHeat.requireMonthAccess(caller, month);
        return size;
    }

    /** Checks that a code is a kab/kota (else an error naming {@code argument}). */
    void requireKabkota(String code, String argument) {
        if (code == null || !availability.knows(code)) {
            throw new InvalidArgumentException(argument, "must be the code of a kab/kota (e.g. 33.75), was " + code);
        }
    }

    /** The latest year with hex heat of an indicator (0 without any). */
    int latestYear(HexHeat.Indicator indicator) {
        return jdbc.sql("SELECT coalesce(max(year), 0) FROM hex_heat_totals WHERE indicator = :i")
                .param("i", indicator.name())
                .query(Integer.class)
                .single();
    }

    /** The data version of a kab/kota's heat (rebuilding it first when an import finished since). */
    String version(String kabkota) {
        return refresh.ensureFresh(kabkota);
    }

    /** The layer as the caller sees it; the request must have passed {@link #check} (its size is the one granted). */
    Layer layer(Caller caller, Request r) {
        String key = r + "|" + version(r.kabkotaCode()) + "|" + VectorTiles.scopeClass(caller);
        Layer cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Layer layer = compute(caller, r);
        cache.put(key, layer);
        return layer;
    }

    private Layer compute(Caller caller, Request r) {
        boolean exactAccess = HexHeat.exactAccess(caller);
        List<String> patterns = new ArrayList<>();
        if (exactAccess) {
            for (String s : AccessPolicy.exactAggregateScope(caller)) {
                patterns.add(s);
                patterns.add(s + ".%");
            }
        }
        boolean hasDenominator = r.indicator().per != null;
        // Public figures only for the coarse hexes of a calendar year (HexHeat: months and fine hexes are exact-only).
        boolean publicToo = r.sizeMeters() == HexHeat.COARSE_METERS && r.month() == null;
        List<Hex> raw = new ArrayList<>();
        jdbc.sql(Sql.load("sql/hex-heat/hexes.sql"))
                .param("scope", "{" + String.join(",", patterns) + "}")
                .param("kabkota", r.kabkotaCode())
                .param("indicator", r.indicator().name())
                .param("year", r.year())
                .param("month", r.month())
                .param("size", r.sizeMeters())
                .query(rs -> {
                    int i = rs.getInt("i");
                    int j = rs.getInt("j");
                    boolean synthetic = rs.getBoolean("synthetic");
                    Integer count;
                    Integer denominator;
                    boolean exact;
                    boolean suppressed = false;
                    if (rs.getBoolean("has_mine")) {
                        exact = true;
                        count = rs.getInt("mine");
                        denominator = hasDenominator ? rs.getInt("mine_denominator") : null;
                    } else if (publicToo) {
                        exact = false;
                        int total = rs.getInt("total");
                        Integer totalDenominator = hasDenominator ? rs.getInt("total_denominator") : null;
                        if (small(total) || totalDenominator != null && small(totalDenominator)) {
                            suppressed = true;
                            count = null;
                            denominator = null;
                        } else {
                            count = rounded(total);
                            denominator = totalDenominator == null ? null : rounded(totalDenominator);
                        }
                    } else {
                        return;
                    }
                    if (!suppressed && (hasDenominator ? denominator == 0 : count == 0)) {
                        return; // nothing of the caller's scope in this hex for this measure
                    }
                    Double rate = suppressed || denominator == null ? null : (double) count / denominator;
                    Double value = suppressed ? null : r.measure() == HexHeat.Measure.COUNT ? (double) count : rate;
                    raw.add(new Hex(i, j, count, denominator, rate, value, exact, suppressed, null, null, synthetic));
                });

        double[] values = raw.stream()
                .filter(h -> h.value() != null)
                .mapToDouble(Hex::value)
                .toArray();
        ClassBreaks breaks = ClassBreaks.of(r.method(), values, r.classes());
        List<String> colors = breaks.colors();
        int[] perClass = new int[breaks.classes()];
        List<Hex> hexes = new ArrayList<>(raw.size());
        for (Hex h : raw) {
            Integer cls = h.value() == null ? null : breaks.classOf(h.value());
            if (cls != null) {
                perClass[cls]++;
            }
            hexes.add(new Hex(
                    h.i(),
                    h.j(),
                    h.count(),
                    h.denominator(),
                    h.rate(),
                    h.value(),
                    h.exact(),
                    h.suppressed(),
                    cls,
                    cls == null ? HexHeat.SUPPRESSED_COLOR : colors.get(cls),
                    h.synthetic()));
        }
        double[] b = breaks.breaks();
        List<LegendClass> legend = new ArrayList<>();
        for (int c = 0; c < breaks.classes(); c++) {
            legend.add(new LegendClass(
                    c, b[c], b[c + 1], label(r.measure(), c, b[c], b[c + 1]), colors.get(c), perClass[c]));
        }

        boolean totalsExact = exactAccess && caller.covers(r.kabkotaCode());
        Map<String, Object> t = jdbc.sql(Sql.load("sql/hex-heat/totals.sql"))
                .param("kabkota", r.kabkotaCode())
                .param("indicator", r.indicator().name())
                .param("year", r.year())
                .param("month", r.month())
                .query()
                .singleRow();
        Integer records = shown(number(t, "records"), totalsExact);
        Integer geocoded = shown(number(t, "geocoded"), totalsExact);
        Integer denominatorRecords = hasDenominator ? shown(number(t, "denominator_records"), totalsExact) : null;
        Integer denominatorGeocoded = hasDenominator ? shown(number(t, "denominator_geocoded"), totalsExact) : null;
        boolean synthetic =
                Boolean.TRUE.equals(t.get("synthetic")) || hexes.stream().anyMatch(Hex::synthetic);

        String period = r.month() == null
                ? Integer.toString(r.year())
                : String.format(Locale.ROOT, "%04d-%02d", r.year(), r.month());
        String definition = (r.measure() == HexHeat.Measure.COUNT
                        ? "geocoded " + r.indicator().counted
                        : "geocoded " + r.indicator().counted + " per " + r.indicator().per + " (both geocoded)")
                + " in the hex, " + (r.month() == null ? "calendar year " : "month ") + period;
        String privacy = exactAccess
                ? "exact counts of the records of your scope " + caller.scope()
                        + (publicToo
                                ? "; hexes with none of them: public figures (1-4 suppressed, others rounded to a multiple of "
                                        + HexHeat.ROUNDING_BASE + ")"
                                : "; hexes with none of them are not shown")
                : "public figures: 1000 m hexes per calendar year, counts (and denominators) of 1-4 suppressed, "
                        + "others rounded to a multiple of " + HexHeat.ROUNDING_BASE
                        + ", rates from the rounded figures";
        // No data is not zero: the layer says how completely the register's imports cover the period.
        LocalDate from = r.month() == null ? LocalDate.of(r.year(), 1, 1) : LocalDate.of(r.year(), r.month(), 1);
        LocalDate to = r.month() == null
                ? LocalDate.of(r.year(), 12, 31)
                : YearMonth.of(r.year(), r.month()).atEndOfMonth();
        DataAvailability.Register register = availability.of(r.kabkotaCode()).register(r.indicator().register);
        return new Layer(
                r.kabkotaCode(),
                r.indicator(),
                r.measure(),
                period,
                r.sizeMeters(),
                hexes.stream().allMatch(Hex::exact),
                definition,
                r.method(),
                breaks.classes(),
                Arrays.stream(b).boxed().toList(),
                colors,
                legend,
                HexHeat.SUPPRESSED_COLOR,
                hexes.size(),
                (int) hexes.stream().filter(Hex::suppressed).count(),
                records,
                geocoded,
                share(geocoded, records),
                denominatorRecords,
                denominatorGeocoded,
                share(denominatorGeocoded, denominatorRecords),
                totalsExact,
                synthetic,
                privacy,
                List.copyOf(hexes),
                register.completeness(from, to),
                register.reason(from, to));
    }

    /** A sum of the totals; 0 for a period without records. */
    private static int number(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private boolean small(int n) {
        return n > 0 && n < threshold;
    }

    private static int rounded(int n) {
        return HexHeat.ROUNDING_BASE * (int) Math.round((double) n / HexHeat.ROUNDING_BASE);
    }

    /** A total as the caller may see it: exact, or suppressed (null) when 1-4, else rounded. */
    private Integer shown(int n, boolean exact) {
        return exact ? Integer.valueOf(n) : small(n) ? null : Integer.valueOf(rounded(n));
    }

    private static Double share(Integer part, Integer whole) {
        return part == null || whole == null || whole == 0 ? null : (double) part / whole;
    }

    /**
     * A class's label: counts as the whole numbers the class can hold ({@code 6–20}; class 0 from its lower bound,
     * the others from above theirs), a single number when it holds one, {@code none} when it can hold no whole
     * number; rates as percentages with one decimal, {@code > a – b} for every class but the first (they hold values
     * above their lower bound), so that a class starting at 0 % after a class of exactly 0 % does not read as 0.
     */
    static String label(HexHeat.Measure measure, int index, double lower, double upper) {
        if (measure == HexHeat.Measure.COUNT) {
            long from = index == 0 ? (long) Math.ceil(lower) : (long) Math.floor(lower) + 1;
            long to = (long) Math.floor(upper);
            return from > to ? "none" : from == to ? Long.toString(to) : from + "–" + to;
        }
        String a = String.format(Locale.ROOT, "%.1f %%", 100 * lower);
        String b = String.format(Locale.ROOT, "%.1f %%", 100 * upper);
        return a.equals(b) ? (index == 0 ? a : "> " + a) : (index == 0 ? "" : "> ") + a + " – " + b;
    }

    /** The layer as a map of plain values (for the style fragment's metadata), without its hexes. */
    static Map<String, Object> legendOf(Layer l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kabkotaCode", l.kabkotaCode());
        m.put("indicator", l.indicator().name());
        m.put("measure", l.measure().name());
        m.put("period", l.period());
        m.put("sizeMeters", l.sizeMeters());
        m.put("definition", l.definition());
        m.put("method", l.method().name());
        m.put("breaks", l.breaks());
        m.put("colors", l.colors());
        m.put("labels", l.legend().stream().map(LegendClass::label).toList());
        m.put("suppressedColor", l.suppressedColor());
        m.put("hexCount", l.hexCount());
        m.put("suppressedHexCount", l.suppressedHexCount());
        m.put("records", l.records());
        m.put("geocodedRecords", l.geocodedRecords());
        m.put("geocodedShare", l.geocodedShare());
        m.put("exact", l.exact());
        m.put("totalsExact", l.totalsExact());
        return m;
    }
}
