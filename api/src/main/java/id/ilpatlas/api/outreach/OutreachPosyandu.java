package id.ilpatlas.api.outreach;

import id.ilpatlas.geo.schedule.MonthlySession;
import id.ilpatlas.geo.schedule.WeekOfMonth;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The week of each RW's posyandu session in the plan's month, for {@code alignWithPosyandu}: the active posyandu whose
 * catchment is the RW ({@code facility_catchments}), their sessions ({@code posyandu_sessions}: the n-th weekday of
 * the month, -1 the last), the session's date that month, and the plan's service days in the same ISO week.
 */
@Component
class OutreachPosyandu {

    private final JdbcClient jdbc;

    OutreachPosyandu(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The indexes of the service days (in {@code r.dates()}) each RW may take; an RW without a posyandu session, or
     * whose session week holds no service day, is not in the map and falls back to the spread (said in a note).
     */
    Map<String, Set<Integer>> sessionDays(OutreachRequest r, List<OutreachPlan.Note> notes) {
        YearMonth month = YearMonth.from(r.dates().get(0));
        Map<String, Set<Integer>> days = new HashMap<>();
        jdbc.sql("""
                        SELECT c.region_code, s.week_of_month, s.day_of_week, s.starts_at, s.ends_at
                          FROM facility_catchments c
                          JOIN facilities f ON f.id = c.facility_id AND f.type = 'POSYANDU' AND f.active
                          JOIN posyandu_sessions s ON s.facility_id = f.id
                         WHERE c.kabkota_code = :k AND c.region_code = ANY(:rws)""")
                .param("k", r.kabkotaCode())
                .param("rws", r.rws().toArray(String[]::new))
                .query((rs, n) -> {
                    Set<Integer> allowed = days.computeIfAbsent(rs.getString(1), k -> new TreeSet<>());
                    // The registry's rule (as the schedule shows it): a fifth weekday the month lacks is no session.
                    new MonthlySession(
                                    WeekOfMonth.of(rs.getInt(2)),
                                    DayOfWeek.of(rs.getInt(3)),
                                    rs.getObject(4, LocalTime.class),
                                    rs.getObject(5, LocalTime.class))
                            .dateIn(month)
                            .ifPresent(session -> {
                                for (int d = 0; d < r.dates().size(); d++) {
                                    if (sameIsoWeek(r.dates().get(d), session)) {
                                        allowed.add(d);
                                    }
                                }
                            });
                    return null;
                })
                .list();
        days.values().removeIf(Set::isEmpty);
        List<String> without = new ArrayList<>();
        for (String rw : r.rws()) {
            if (!days.containsKey(rw)) {
                without.add(rw);
            }
        }
        if (!without.isEmpty()) {
            notes.add(new OutreachPlan.Note(
                    "POSYANDU_WEEK_UNKNOWN",
                    without.size() + " of the " + r.rws().size()
                            + " RWs have no posyandu session in a week with a service day of " + month
                            + "; they are spread over the weeks instead: "
                            + String.join(", ", without.subList(0, Math.min(10, without.size())))
                            + (without.size() > 10 ? ", ..." : "")));
        }
        return days;
    }

    private static boolean sameIsoWeek(LocalDate a, LocalDate b) {
        return a.get(IsoFields.WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_BASED_YEAR)
                && a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }
}
