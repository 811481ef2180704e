package id.ilpatlas.api.visits;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.outreach.AreaMonth;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Planned vs done of a month: every stop of the PUBLISHED and COMPLETED plans of the month (a plan's month is that of
 * its first service day) inside a region and the caller's scope, with its visit when one is recorded, plus the
 * unplanned visits dated in the month; totals for the region and for each kota, kecamatan and kelurahan inside it
 * (the indicators "visits done / planned" and "people reached" per area and month). Counts only: no person is in a
 * visit, so every signed-in role may read the figures of its scope; anonymous callers are FORBIDDEN.
 */
@Component
public class OutreachRealisation {

    /** One planned stop (with its visit, if any) or one unplanned visit. */
    public record RwRow(
            String rwCode,
            String rwName,
            String kelurahanName,
            String planId,
            LocalDate plannedDate,
            String visitId,
            LocalDate visitedDate,
            List<OutreachVisit.SegmentCount> peopleReached,
            int peopleReachedTotal,
            List<String> serviceKeys) {}

    /**
     * Totals of an area (the region itself, a kota, kecamatan or kelurahan inside it); {@code scopeLimited} when the
     * area reaches beyond the caller's scope, so that its figures are those of the part inside the scope only.
     */
    public record Area(
            String regionCode,
            String name,
            String level,
            int plannedCount,
            int doneCount,
            int unplannedCount,
            int peopleReachedTotal,
            List<OutreachVisit.SegmentCount> peopleReached,
            boolean scopeLimited) {

        /** done / planned; null when nothing was planned. */
        public Double doneRatio() {
            return plannedCount == 0 ? null : (double) doneCount / plannedCount;
        }
    }

    /** The month's realisation of a region. */
    public record Report(String regionCode, String month, Area totals, List<RwRow> rws, List<Area> areas) {

        public int plannedCount() {
            return totals.plannedCount();
        }

        public int doneCount() {
            return totals.doneCount();
        }

        public int unplannedCount() {
            return totals.unplannedCount();
        }

        public Double doneRatio() {
            return totals.doneRatio();
        }

        public int peopleReachedTotal() {
            return totals.peopleReachedTotal();
        }

        public List<OutreachVisit.SegmentCount> peopleReached() {
            return totals.peopleReached();
        }

        /** The region reaches beyond the caller's scope: the figures are of the part inside it only. */
        public boolean scopeLimited() {
            return totals.scopeLimited();
        }
    }

    private final JdbcClient jdbc;

    OutreachRealisation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Report report(Caller caller, String regionCode, String month) {
        if (!AccessPolicy.may(caller, Permission.READ_OUTREACH_REALISATION)) {
            throw new AccessDeniedException("the realisation of outreach plans needs a signed-in role");
        }
        AreaMonth area = AreaMonth.of(caller, regionCode, month);
        String code = area.regionCode();
        String kabkota = area.kabkotaCode();
        YearMonth ym = area.month();
        List<RwRow> rows = jdbc.sql(Sql.load("sql/visits/realisation.sql"))
                .param("kabkota", kabkota)
                .param("region", code)
                .param("month", ym.atDay(1))
                .param("scope", caller.scope().toArray(String[]::new))
                .query((rs, n) -> {
                    Long plan = rs.getObject("plan_id", Long.class);
                    Long visit = rs.getObject("visit_id", Long.class);
                    String people = rs.getString("people_served");
                    return new RwRow(
                            rs.getString("rw_code"),
                            rs.getString("rw_name"),
                            rs.getString("kel_name"),
                            plan == null ? null : String.valueOf(plan),
                            rs.getObject("planned_date", LocalDate.class),
                            visit == null ? null : String.valueOf(visit),
                            rs.getObject("visit_date", LocalDate.class),
                            people == null ? List.of() : OutreachVisits.segments(people),
                            rs.getInt("people_total"),
                            rs.getArray("service_keys") == null
                                    ? List.of()
                                    : List.of((String[])
                                            rs.getArray("service_keys").getArray()));
                })
                .list();
        // The areas: the region and every kota, kecamatan and kelurahan between it and the RWs.
        Map<String, List<RwRow>> byArea = new TreeMap<>();
        byArea.put(code, new ArrayList<>());
        for (RwRow row : rows) {
            for (String ancestor : ancestors(row.rwCode(), code)) {
                byArea.computeIfAbsent(ancestor, a -> new ArrayList<>()).add(row);
            }
        }
        Map<String, String[]> names = new LinkedHashMap<>();
        jdbc.sql("SELECT code, name, level FROM regions WHERE code = ANY (CAST(:c AS text[]))")
                .param("c", byArea.keySet().toArray(String[]::new))
                .query((rs, n) -> names.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}))
                .list();
        List<Area> areas = new ArrayList<>();
        for (Map.Entry<String, List<RwRow>> e : byArea.entrySet()) {
            String[] name = names.getOrDefault(e.getKey(), new String[] {e.getKey(), "RW"});
            areas.add(area(e.getKey(), name[0], name[1], e.getValue(), !caller.covers(e.getKey())));
        }
        Area totals = areas.stream()
                .filter(a -> a.regionCode().equals(code))
                .findFirst()
                .orElseThrow();
        return new Report(code, ym.toString(), totals, rows, areas);
    }

    /** The codes from {@code top} down to the RW's kelurahan (kota 33.75, kecamatan 33.75.01, kelurahan ...1002). */
    private static List<String> ancestors(String rw, String top) {
        List<String> out = new ArrayList<>();
        for (int length : new int[] {5, 8, 13}) {
            String prefix = rw.substring(0, Math.min(length, rw.length()));
            if (prefix.length() >= top.length() && prefix.startsWith(top)) {
                out.add(prefix);
            }
        }
        if (rw.equals(top) && !out.contains(top)) {
            out.add(top);
        }
        return out;
    }

    private static Area area(String code, String name, String level, List<RwRow> rows, boolean scopeLimited) {
        int planned = 0;
        int done = 0;
        int unplanned = 0;
        int people = 0;
        Map<String, Integer> bySegment = new LinkedHashMap<>();
        for (RwRow r : rows) {
            if (r.planId() != null) {
                planned++;
                done += r.visitId() != null ? 1 : 0;
            } else {
                unplanned++;
            }
            people += r.peopleReachedTotal();
            r.peopleReached().forEach(s -> bySegment.merge(s.segment(), s.people(), Integer::sum));
        }
        List<OutreachVisit.SegmentCount> segments = new ArrayList<>();
        for (String s : OutreachVisits.SEGMENTS) {
            if (bySegment.containsKey(s)) {
                segments.add(new OutreachVisit.SegmentCount(s, bySegment.get(s)));
            }
        }
        return new Area(code, name, level, planned, done, unplanned, people, segments, scopeLimited);
    }
}
