package id.ilpatlas.api.indicators;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** How a span of months is cut into calendar periods (GraphQL enum {@code PeriodGranularity}). */
public enum PeriodGranularity {
    MONTH,
    QUARTER,
    YEAR;

    /** The calendar periods of this granularity that hold the months {@code first}..{@code last}, in order. */
    public List<IndicatorPeriod> periods(YearMonth first, YearMonth last) {
        List<IndicatorPeriod> periods = new ArrayList<>();
        YearMonth m = start(first);
        while (!m.isAfter(last)) {
            periods.add(of(m));
            m = m.plusMonths(months());
        }
        return periods;
    }

    /** The period of this granularity that holds the month. */
    public IndicatorPeriod of(YearMonth month) {
        YearMonth start = start(month);
        return switch (this) {
            case MONTH -> IndicatorPeriod.month(start);
            case QUARTER -> IndicatorPeriod.quarter(start.getYear(), (start.getMonthValue() + 2) / 3);
            case YEAR -> IndicatorPeriod.year(start.getYear());
        };
    }

    int months() {
        return switch (this) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case YEAR -> 12;
        };
    }

    private YearMonth start(YearMonth month) {
        return switch (this) {
            case MONTH -> month;
            case QUARTER -> YearMonth.of(month.getYear(), (month.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> YearMonth.of(month.getYear(), 1);
        };
    }
}
