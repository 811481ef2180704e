package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.MissingReason;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.region.RegionLevel;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Indicators over consecutive calendar periods (GraphQL {@code indicatorSeries}), for a region and its children.
 * Every period is one {@link RwIndicators#report} for the caller, so a point of a series is, by construction, what
 * {@code rwIndicators} answers for that period: the same access rules, suppression, missing reasons and smoothing.
 * The KIA-gizi review draws its last 12 months from the same {@link Timeline} ({@link KiaGiziReviews}).
 */
@Service
public class IndicatorSeries {

    /** The most periods one series may span (five years of months). */
    public static final int MAX_PERIODS = 60;
    /** The most indicators one series may carry. */
    public static final int MAX_INDICATORS = 16;

    /** One calendar period of a series (GraphQL type {@code SeriesPeriod}). */
    public record Period(String period, LocalDate from, LocalDate to) {}

    /**
     * One indicator of one area in one period (GraphQL type {@code SeriesValue}): the fields of its
     * {@link RateEstimate} that a chart needs, or a count with {@code value} = {@code count} and no interval.
     *
     * @param period   the period's key ({@code 2026-03}, {@code 2026-Q1}, {@code 2026})
     * @param value    the crude rate or the count; null when missing
     * @param count    the rate's numerator, or the count itself; null when missing
     * @param lower95  lower bound of the rate's exact 95 % interval; null for a count
     * @param upper95  upper bound of the rate's exact 95 % interval; null for a count
     * @param unstable a rate on fewer than {@link RateEstimate#UNSTABLE_BELOW} events; null for a count
     * @param stable   the figure to compare by: the RW's smoothed rate, else the value ({@link RateEstimate#stable})
     * @param missing  why {@code value} is null; null when it is not
     */
    public record Value(
            String period,
            Double value,
            Integer count,
            Double lower95,
            Double upper95,
            Boolean unstable,
            Double stable,
            MissingReason missing) {}

    /** One indicator of one area over the periods (GraphQL type {@code IndicatorLine}). */
    public record Line(RwIndicator indicator, List<Value> values) {}

    /** One area over the periods (GraphQL type {@code AreaSeries}). */
    public record Area(String regionCode, String name, String level, boolean exact, List<Line> indicators) {}

    /** A series (GraphQL type {@code IndicatorSeries}). */
    public record Series(
            String regionCode,
            PeriodGranularity granularity,
            String from,
            String to,
            List<RwIndicator> indicators,
            List<Period> periods,
            boolean synthetic,
            Area region,
            List<Area> children) {}

    /**
     * A region and its children period by period, as {@link RwIndicators#report} shows them to one caller: the
     * reports, in the order of {@code periods}.
     */
    public record Timeline(RegionLevel level, List<IndicatorPeriod> periods, List<RwIndicators.Report> reports) {

        /** The region's own row in each period. */
        public List<AreaIndicators> region() {
            return reports.stream().map(RwIndicators.Report::total).toList();
        }

        /**
         * Each child's row in each period (null in a period whose report lacks it), in the order the reports list
         * them: a kota's kecamatan, a kecamatan's kelurahan, a kelurahan's RWs and its unassigned row.
         */
        public Map<String, List<AreaIndicators>> children() {
            Function<RwIndicators.Report, List<AreaIndicators>> rows = switch (level) {
                case KABKOTA -> RwIndicators.Report::kecamatan;
                case KECAMATAN -> RwIndicators.Report::kelurahan;
                default -> RwIndicators.Report::rws;
            };
            Map<String, List<AreaIndicators>> children = new LinkedHashMap<>();
            for (int i = 0; i < reports.size(); i++) {
                for (AreaIndicators row : rows.apply(reports.get(i))) {
                    List<AreaIndicators> line = children.computeIfAbsent(row.regionCode(), k -> {
                        List<AreaIndicators> empty = new ArrayList<>();
                        for (int p = 0; p < reports.size(); p++) {
                            empty.add(null);
                        }
                        return empty;
                    });
                    line.set(i, row);
                }
            }
            return children;
        }

        /** True when any period's figures come from synthetic demo data. */
        public boolean synthetic() {
            return reports.stream().anyMatch(RwIndicators.Report::synthetic);
        }
    }

    private final RwIndicators indicators;

    IndicatorSeries(RwIndicators indicators) {
        this.indicators = indicators;
    }

    /**
     * The series of {@code indicators} for the region and its children over the periods of {@code granularity} that
     * hold the months {@code from}..{@code to} ({@code yyyy-MM}, inclusive). The arguments are checked before any
     * period is computed: at most {@value #MAX_PERIODS} periods and 1–{@value #MAX_INDICATORS} distinct indicators.
     */
    public Series series(
            Caller caller,
            String regionCode,
            List<RwIndicator> indicators,
            String from,
            String to,
            PeriodGranularity granularity) {
        PeriodGranularity g = granularity == null ? PeriodGranularity.MONTH : granularity;
        List<RwIndicator> wanted = checkIndicators(indicators);
        List<IndicatorPeriod> periods = periods(from, to, g);
        Timeline timeline = timeline(caller, regionCode, periods);
        List<Period> shown =
                periods.stream().map(p -> new Period(p.key(), p.from(), p.to())).toList();
        List<Area> children = new ArrayList<>();
        timeline.children().values().forEach(rows -> children.add(area(rows, periods, wanted)));
        return new Series(
                timeline.reports().get(0).regionCode(),
                g,
                from,
                to,
                wanted,
                shown,
                timeline.synthetic(),
                area(timeline.region(), periods, wanted),
                children);
    }

    /** One {@link RwIndicators#report} per period, for the region and its children. */
    public Timeline timeline(Caller caller, String regionCode, List<IndicatorPeriod> periods) {
        RegionLevel level = RwIndicators.region("regionCode", regionCode).level();
        List<RwIndicators.Report> reports = new ArrayList<>(periods.size());
        for (IndicatorPeriod period : periods) {
            reports.add(this.indicators.report(caller, regionCode, period));
        }
        return new Timeline(level, periods, reports);
    }

    /**
     * The calendar periods of {@code granularity} holding the months {@code from}..{@code to} (both {@code yyyy-MM},
     * inclusive), at most {@value #MAX_PERIODS}; errors name the argument.
     */
    public static List<IndicatorPeriod> periods(String from, String to, PeriodGranularity granularity) {
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (last.isBefore(first)) {
            throw new InvalidArgumentException("to", "must not be before from (" + from + "), was " + to);
        }
        List<IndicatorPeriod> periods = granularity.periods(first, last);
        if (periods.size() > MAX_PERIODS) {
            throw new InvalidArgumentException(
                    "to",
                    from + ".." + to + " spans " + periods.size() + " periods of "
                            + granularity + "; a series has at most " + MAX_PERIODS
                            + ": bring to closer to from or use a coarser granularity");
        }
        return periods;
    }

    private static YearMonth month(String argument, String text) {
        YearMonth month;
        try {
            if (text == null || !text.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not yyyy-MM", String.valueOf(text), 0);
            }
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(argument, "give a month as yyyy-MM, e.g. 2026-03, was " + text);
        }
        if (month.getYear() < 2000 || month.getYear() > 2100) {
            throw new InvalidArgumentException(argument, "must be between 2000-01 and 2100-12, was " + text);
        }
        return month;
    }

    private static List<RwIndicator> checkIndicators(List<RwIndicator> indicators) {
        if (indicators == null || indicators.isEmpty()) {
            throw new InvalidArgumentException("indicators", "give 1-" + MAX_INDICATORS + " indicators");
        }
        if (indicators.size() > MAX_INDICATORS) {
            throw new InvalidArgumentException(
                    "indicators", "give at most " + MAX_INDICATORS + " indicators, was " + indicators.size());
        }
        Set<RwIndicator> seen = EnumSet.noneOf(RwIndicator.class);
        for (RwIndicator indicator : indicators) {
            if (!seen.add(indicator)) {
                throw new InvalidArgumentException("indicators", indicator + " is given twice");
            }
        }
        return List.copyOf(indicators);
    }

    private static Area area(List<AreaIndicators> rows, List<IndicatorPeriod> periods, List<RwIndicator> wanted) {
        AreaIndicators any = rows.stream().filter(r -> r != null).findFirst().orElseThrow();
        List<Line> lines = new ArrayList<>(wanted.size());
        for (RwIndicator indicator : wanted) {
            List<Value> values = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                values.add(value(periods.get(i).key(), rows.get(i), indicator));
            }
            lines.add(new Line(indicator, values));
        }
        return new Area(any.regionCode(), any.name(), any.level(), any.exact(), lines);
    }

    /** The value of one indicator in one row, by the indicator's one definition ({@link AreaIndicators}). */
    static Value value(String period, AreaIndicators row, RwIndicator indicator) {
        if (row == null) {
            // The area is not in this period's report (regions change rarely): nothing is known of it.
            return new Value(period, null, null, null, null, null, null, MissingReason.NO_DATA);
        }
        if (indicator.isRate()) {
            RateEstimate rate = row.rate(indicator);
            return new Value(
                    period,
                    rate.value(),
                    rate.count(),
                    rate.lower95(),
                    rate.upper95(),
                    rate.unstable(),
                    rate.stable(),
                    rate.missing());
        }
        Long count = row.count(indicator.numerator);
        return new Value(
                period,
                row.value(indicator),
                count == null ? null : Math.toIntExact(count),
                null,
                null,
                null,
                row.stableValue(indicator),
                row.reason(indicator.numerator));
    }
}
