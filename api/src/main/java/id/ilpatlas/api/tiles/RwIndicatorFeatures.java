package id.ilpatlas.api.tiles;

import id.ilpatlas.api.cases.aggregate.MissingReason;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.indicators.AreaIndicators;
import id.ilpatlas.api.indicators.DataAvailability;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.Kleopatra;
import id.ilpatlas.api.indicators.PeriodGranularity;
import id.ilpatlas.api.indicators.RwIndicator;
import id.ilpatlas.api.indicators.RwIndicators;
import id.ilpatlas.api.security.Caller;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The per-RW indicators as map features (vector tiles and exports): exactly the values {@link RwIndicators} gives the
 * caller (exact inside the scope of a caller who reads exact aggregates, else the published, suppressed figures),
 * flattened to snake_case properties. A suppressed value is absent, and named in {@code suppressed} (a comma-separated
 * list of GraphQL field names). The KLEOPATRA criteria at the default thresholds follow {@link Kleopatra}: an unknown
 * criterion is absent (null), and so is {@code kleopatra_criteria} when any criterion is unknown. Every other absent
 * value is named in {@code missing} with its reason ({@code stunted:NO_DATA}): no data is not zero.
 */
@Service
public class RwIndicatorFeatures {

    /** A feature property: its name and SQL type (for GeoPackage columns). */
    public record Column(String name, String sqlType) {}

    /** The properties, in order, of every RW feature (absent ones are null). */
    public static final List<Column> COLUMNS = List.of(
            new Column("code", "TEXT"),
            new Column("name", "TEXT"),
            new Column("period", "TEXT"),
            new Column("exact", "BOOLEAN"),
            new Column("synthetic", "BOOLEAN"),
            new Column("population", "INTEGER"),
            new Column("children_measured", "INTEGER"),
            new Column("measurement_coverage", "DOUBLE"),
            new Column("stunted", "INTEGER"),
            new Column("stunting_prevalence", "DOUBLE"),
            new Column("severely_stunted", "INTEGER"),
            new Column("wasted", "INTEGER"),
            new Column("tb_notifications", "INTEGER"),
            new Column("tb_notifications_per_100k", "DOUBLE"),
            new Column("extreme_poor_households", "INTEGER"),
            new Column("extreme_poor_share", "DOUBLE"),
            new Column("low_birth_weight_births", "INTEGER"),
            new Column("high_risk_pregnancies", "INTEGER"),
            new Column("kleopatra_stunting", "BOOLEAN"),
            new Column("kleopatra_tb", "BOOLEAN"),
            new Column("kleopatra_extreme_poverty", "BOOLEAN"),
            new Column("kleopatra_criteria", "INTEGER"),
            new Column("suppressed", "TEXT"),
            new Column("stunting_prevalence_stable", "DOUBLE"),
            new Column("tb_notifications_per_100k_stable", "DOUBLE"),
            new Column("extreme_poor_share_stable", "DOUBLE"),
            new Column("missing", "TEXT"));

    /** The RW features of a region for one caller and period, and the period's key. */
    public record Result(String period, boolean synthetic, List<Map<String, Object>> rws) {}

    private final RwIndicators indicators;
    private final DataAvailability availability;

    RwIndicatorFeatures(RwIndicators indicators, DataAvailability availability) {
        this.indicators = indicators;
        this.availability = availability;
    }

    /**
     * The period asked for: year with month or quarter, or the year alone; without a year, the latest month the
     * kab/kota's e-PPGBM imports cover completely (a month in progress would read as no data), else this month.
     */
    public IndicatorPeriod period(String kabkota, Integer year, Integer quarter, Integer month) {
        if (year == null && quarter == null && month == null) {
            List<DataAvailability.PeriodCompleteness> months =
                    availability.of(kabkota).register(ImportFormat.EPPGBM).periods(PeriodGranularity.MONTH);
            YearMonth latest = null;
            for (DataAvailability.PeriodCompleteness m : months) {
                if (m.status().equals("COMPLETE")) {
                    latest = YearMonth.from(m.from());
                }
            }
            return IndicatorPeriod.month(latest == null ? YearMonth.now() : latest);
        }
        Map<String, Object> input = new HashMap<>();
        input.put("year", year);
        input.put("quarter", quarter);
        input.put("month", month);
        return IndicatorPeriod.parse(input);
    }

    /** The RWs (not the records without an RW) of a kab/kota, kecamatan or kelurahan, as the caller may see them. */
    public Result features(Caller caller, String regionCode, IndicatorPeriod period) {
        RwIndicators.Report report = indicators.report(caller, regionCode, period);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AreaIndicators rw : report.rws()) {
            if (rw.level().equals("RW")) {
                rows.add(properties(rw, report.period(), report.synthetic()));
            }
        }
        return new Result(report.period(), report.synthetic(), rows);
    }

    static Map<String, Object> properties(AreaIndicators rw, String period, boolean synthetic) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rw.regionCode());
        p.put("name", rw.name());
        p.put("period", period);
        p.put("exact", rw.exact());
        p.put("synthetic", synthetic);
        p.put("population", rw.population());
        p.put("children_measured", rw.childrenMeasured());
        p.put("measurement_coverage", rw.measurementCoverage());
        p.put("stunted", rw.stunted());
        p.put("stunting_prevalence", rw.stuntingPrevalence());
        p.put("severely_stunted", rw.severelyStunted());
        p.put("wasted", rw.wasted());
        p.put("tb_notifications", rw.tbNotifications());
        p.put("tb_notifications_per_100k", rw.tbNotificationsPer100k());
        p.put("extreme_poor_households", rw.extremePoorHouseholds());
        p.put("extreme_poor_share", rw.extremePoorShare());
        p.put("low_birth_weight_births", rw.lowBirthWeightBirths());
        p.put("high_risk_pregnancies", rw.highRiskPregnancies());
        Kleopatra kleopatra = Kleopatra.of(rw);
        p.put("kleopatra_stunting", kleopatra.stunting());
        p.put("kleopatra_tb", kleopatra.tb());
        p.put("kleopatra_extreme_poverty", kleopatra.extremePoverty());
        p.put("kleopatra_criteria", kleopatra.criteriaMet());
        p.put("suppressed", String.join(",", rw.suppressed()));
        // The stable figures the KLEOPATRA criteria compare (an RW's local empirical-Bayes estimate).
        p.put("stunting_prevalence_stable", rw.stableValue(RwIndicator.STUNTING_PREVALENCE));
        p.put("tb_notifications_per_100k_stable", rw.stableValue(RwIndicator.TB_NOTIFICATIONS_PER_100K));
        p.put("extreme_poor_share_stable", rw.stableValue(RwIndicator.EXTREME_POOR_SHARE));
        // Why the other absent values are absent (no data is not zero): field:REASON, comma-separated.
        p.put(
                "missing",
                String.join(
                        ",",
                        rw.missing().stream()
                                .filter(m -> m.reason() != MissingReason.SUPPRESSED)
                                .map(m -> m.field() + ":" + m.reason())
                                .toList()));
        return p;
    }
}
