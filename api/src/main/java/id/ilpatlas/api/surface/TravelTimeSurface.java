package id.ilpatlas.api.surface;

import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.geo.classify.ColorRamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A computed travel-time surface: per cell of its {@link SurfaceGrid}, the minutes of the trip from the cell's centre
 * to its puskesmas ({@code to}: the responsible one, or the nearest by time) in a mode, as {@link
 * id.ilpatlas.api.road.TravelModel} decides it, or why the cell has none; and the population each cell carries.
 * Immutable once built; shared by the GraphQL figures, the GeoTIFF and the tiles.
 */
public final class TravelTimeSurface {

    /** The value of a cell without a value, in the arrays and in the GeoTIFF. */
    public static final float NO_DATA = -9999f;

    /** The upper bounds of the legend's classes, in minutes; a last class is open. */
    public static final List<Double> CLASS_BREAKS_MINUTES = List.of(15.0, 30.0, 60.0);

    /** The population thresholds compared with the per-RW figures, in minutes. */
    public static final List<Double> POPULATION_THRESHOLDS_MINUTES = CLASS_BREAKS_MINUTES;

    /** Why a cell has no value. */
    public enum NoData {
        /** The cell's centre lies outside the kab/kota boundary. */
        OUTSIDE_KABKOTA,
        /** Inside the kab/kota but in no kelurahan boundary (responsible puskesmas only). */
        NO_KELURAHAN,
        /** No puskesmas's wilayah kerja holds the cell's RW or kelurahan. */
        NO_WILAYAH_KERJA,
        /** Several do. */
        SEVERAL_WILAYAH_KERJA,
        /** There is no active puskesmas to go to. */
        NO_PUSKESMAS
    }

    /**
     * One class of the legend: {@code minMinutes} < minutes ≤ {@code maxMinutes} (the first class from 0 inclusive;
     * {@code maxMinutes} null for the open last class), its colour {@code #rrggbb} and a label.
     */
    public record LegendClass(double minMinutes, Double maxMinutes, String color, String label) {}

    /**
     * The legend of every surface and tile: ColorRamp's YlOrRd (ColorBrewer) with one colour per class, light for
     * near, dark for far.
     */
    public static final List<LegendClass> LEGEND = legend();

    private final String kabkotaCode;
    private final RwAccessService.Target target;
    private final TravelMode mode;
    private final SurfaceGrid grid;
    private final float[] minutes;
    private final byte[] noData;
    private final float[] population;
    private final int roadCellCount;
    private final int estimateCellCount;
    private final List<Long> puskesmasIds;
    private final String dataVersion;
    private final double computeSeconds;

    /**
     * @param minutes       per cell, {@link #NO_DATA} where there is no value
     * @param noData        per cell, 0 for a value, else the {@link NoData} ordinal + 1
     * @param population    per cell, the people it carries
     * @param puskesmasIds  the puskesmas at least one cell's value goes to
     */
    TravelTimeSurface(
            String kabkotaCode,
            RwAccessService.Target target,
            TravelMode mode,
            SurfaceGrid grid,
            float[] minutes,
            byte[] noData,
            float[] population,
            int roadCellCount,
            int estimateCellCount,
            List<Long> puskesmasIds,
            String dataVersion,
            double computeSeconds) {
        this.kabkotaCode = kabkotaCode;
        this.target = target;
        this.mode = mode;
        this.grid = grid;
        this.minutes = minutes;
        this.noData = noData;
        this.population = population;
        this.roadCellCount = roadCellCount;
        this.estimateCellCount = estimateCellCount;
        this.puskesmasIds = List.copyOf(puskesmasIds);
        this.dataVersion = dataVersion;
        this.computeSeconds = computeSeconds;
    }

    public String kabkotaCode() {
        return kabkotaCode;
    }

    public RwAccessService.Target target() {
        return target;
    }

    public TravelMode mode() {
        return mode;
    }

    public SurfaceGrid grid() {
        return grid;
    }

    /** The minutes of a cell, or {@link #NO_DATA}. */
    public float minutes(int cell) {
        return minutes[cell];
    }

    /** A copy of every cell's minutes, row-major from the north-west corner ({@link #NO_DATA} where none). */
    public float[] minutes() {
        return minutes.clone();
    }

    /** Why a cell has no value; null when it has one. */
    public NoData noData(int cell) {
        return noData[cell] == 0 ? null : NoData.values()[noData[cell] - 1];
    }

    /** Cells whose trip is by road. */
    public int roadCellCount() {
        return roadCellCount;
    }

    /** Cells whose trip is the calibrated geodesic-detour estimate. */
    public int estimateCellCount() {
        return estimateCellCount;
    }

    public int valueCellCount() {
        return roadCellCount + estimateCellCount;
    }

    /** Cells without a value, per reason (every reason, 0 included). */
    public Map<NoData, Integer> noDataCellCounts() {
        Map<NoData, Integer> counts = new EnumMap<>(NoData.class);
        for (NoData reason : NoData.values()) {
            counts.put(reason, 0);
        }
        for (byte b : noData) {
            if (b != 0) {
                counts.merge(NoData.values()[b - 1], 1, Integer::sum);
            }
        }
        return counts;
    }

    public List<Long> puskesmasIds() {
        return puskesmasIds;
    }

    /** The version of the data the surface was computed from. */
    public String dataVersion() {
        return dataVersion;
    }

    /** How long the computation took (the first request; later ones read the cache). */
    public double computeSeconds() {
        return computeSeconds;
    }

    /** People on cells whose value is at most {@code withinMinutes}. */
    public double populationWithin(double withinMinutes) {
        double sum = 0;
        for (int i = 0; i < minutes.length; i++) {
            if (noData[i] == 0 && minutes[i] <= withinMinutes) {
                sum += population[i];
            }
        }
        return sum;
    }

    /** People on cells without a value. */
    public double populationWithoutValue() {
        double sum = 0;
        for (int i = 0; i < minutes.length; i++) {
            if (noData[i] != 0) {
                sum += population[i];
            }
        }
        return sum;
    }

    /** Every person the surface carries. */
    public double population() {
        double sum = 0;
        for (float p : population) {
            sum += p;
        }
        return sum;
    }

    /** The legend class of a value (an index into {@link #LEGEND}), or -1 for {@link #NO_DATA}. */
    public static int legendClass(float minutes) {
        if (minutes == NO_DATA || Float.isNaN(minutes)) {
            return -1;
        }
        for (int i = 0; i < CLASS_BREAKS_MINUTES.size(); i++) {
            if (minutes <= CLASS_BREAKS_MINUTES.get(i)) {
                return i;
            }
        }
        return CLASS_BREAKS_MINUTES.size();
    }

    private static List<LegendClass> legend() {
        List<String> colors = ColorRamp.sequential(CLASS_BREAKS_MINUTES.size() + 1);
        List<LegendClass> classes = new ArrayList<>();
        double from = 0;
        for (int i = 0; i <= CLASS_BREAKS_MINUTES.size(); i++) {
            Double to = i < CLASS_BREAKS_MINUTES.size() ? CLASS_BREAKS_MINUTES.get(i) : null;
            String label = to == null
                    ? String.format(Locale.ROOT, "more than %.0f min", from)
                    : String.format(Locale.ROOT, "%.0f–%.0f min", from, to);
            classes.add(new LegendClass(from, to, colors.get(i), label));
            from = to == null ? from : to;
        }
        return List.copyOf(classes);
    }
}
