package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.CaseCounts;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.geo.privacy.Hierarchies;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The period of an indicator query: a calendar month, quarter or year ({@code key} as in the summaries, {@code
 * 2026-03}, {@code 2026-Q1}, {@code 2026}), or a date range ({@code calendar} false).
 *
 * @param annualFactor what a count in the period is multiplied by to annualize it: 12 / months, or 365 / days
 */
public record IndicatorPeriod(
        String key, LocalDate from, LocalDate to, int year, boolean calendar, double annualFactor) {

    public static IndicatorPeriod month(YearMonth month) {
        return new IndicatorPeriod(
                Hierarchies.monthKey(month), month.atDay(1), month.atEndOfMonth(), month.getYear(), true, 12);
    }

    public static IndicatorPeriod quarter(int year, int quarter) {
        LocalDate f = LocalDate.of(year, 3 * quarter - 2, 1);
        return new IndicatorPeriod(
                Hierarchies.quarterKey(year, quarter), f, f.plusMonths(3).minusDays(1), year, true, 4);
    }

    public static IndicatorPeriod year(int year) {
        return new IndicatorPeriod(
                Hierarchies.yearKey(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), year, true, 1);
    }

    /** The 12 months ending with this period's last day (a date range's: the 365 or 366 days up to {@code to}). */
    public LocalDate windowFrom() {
        return to.plusDays(1).minusYears(1);
    }

    public static IndicatorPeriod parse(Map<String, Object> input) {
        Integer year = (Integer) input.get("year");
        Integer quarter = (Integer) input.get("quarter");
        Integer month = (Integer) input.get("month");
        Object from = input.get("from");
        Object to = input.get("to");
        if (from != null || to != null) {
            if (year != null || quarter != null || month != null) {
                throw new InvalidArgumentException(
                        "period", "give a year (with a quarter or month) or from/to, not both");
            }
            if (from == null || to == null) {
                throw new InvalidArgumentException("period", "a date range needs both from and to");
            }
            LocalDate f = (LocalDate) from;
            LocalDate t = (LocalDate) to;
            if (t.isBefore(f) || ChronoUnit.DAYS.between(f, t) > 3660) {
                throw new InvalidArgumentException("period.to", "must be on or after from and at most 10 years later");
            }
            long days = ChronoUnit.DAYS.between(f, t) + 1;
            return new IndicatorPeriod(f + ".." + t, f, t, f.getYear(), false, 365.0 / days);
        }
        if (year == null) {
            throw new InvalidArgumentException("period.year", "give a year (with a quarter or month) or from/to");
        }
        // The calendar period is validated once, the way the public case counts validate it.
        CaseCounts.periodKey(year, quarter, month);
        if (quarter != null) {
            return quarter(year, quarter);
        }
        if (month != null) {
            return month(YearMonth.of(year, month));
        }
        return year(year);
    }
}
