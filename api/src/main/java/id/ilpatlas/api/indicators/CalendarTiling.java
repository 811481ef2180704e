package id.ilpatlas.api.indicators;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run of months into the fewest calendar periods of the publication lattice (whole years, then whole quarters,
 * then months), so that a sum over the run can be made of published cells only.
 */
final class CalendarTiling {

    private CalendarTiling() {}

    /** The calendar periods that tile {@code first}..{@code last} (both inclusive), in order. */
    static List<IndicatorPeriod> tile(YearMonth first, YearMonth last) {
        List<IndicatorPeriod> cells = new ArrayList<>();
        YearMonth m = first;
        while (!m.isAfter(last)) {
            int month = m.getMonthValue();
            if (month == 1 && !m.plusMonths(11).isAfter(last)) {
                cells.add(IndicatorPeriod.year(m.getYear()));
                m = m.plusMonths(12);
            } else if (month % 3 == 1 && !m.plusMonths(2).isAfter(last)) {
                cells.add(IndicatorPeriod.quarter(m.getYear(), (month + 2) / 3));
                m = m.plusMonths(3);
            } else {
                cells.add(IndicatorPeriod.month(m));
                m = m.plusMonths(1);
            }
        }
        return cells;
    }
}
