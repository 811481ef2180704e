package id.ilpatlas.api.outreach;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.Caller;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The plan lifecycle's reads ({@link OutreachPlanLifecycleController}): one page of {@code outreachPlans} in the
 * caller's scope with the list's filters and order, the {@code VISIT_ON_DAY_OFF} notes and the target selections of
 * a batch of plans ({@link OutreachController}), and the Pusling units of a facility.
 */
@Repository
class OutreachPlanQueries {

    /** A page of plan ids with their service months (cursor keys), in order, and the count of every plan filtered. */
    record Page(Map<Long, LocalDate> months, int total) {}

    private final JdbcClient jdbc;

    OutreachPlanQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The plans of the caller's scope that pass the filter (null fields: no filter), ordered by {@code order}. */
    Page page(
            Caller caller,
            OutreachPlanLifecycleController.OutreachPlanFilter f,
            LocalDate month,
            String region,
            Long selection,
            String order,
            PageRequest page) {
        String filtered = Sql.load("sql/outreach/outreach-plans-filtered.sql");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scope", caller.scope().toArray(String[]::new));
        params.put("statuses", f.statuses() == null ? null : f.statuses().toArray(String[]::new));
        params.put("month", month);
        params.put("depot", f.depotFacilityId());
        params.put("selection", selection);
        params.put("region", region);
        int total = jdbc.sql("SELECT count(*) FROM (" + filtered + ") b")
                .params(params)
                .query(Integer.class)
                .single();
        boolean descending = order.equals("NEWEST_FIRST") || order.equals("SERVICE_MONTH_DESC");
        boolean byMonth = order.startsWith("SERVICE_MONTH");
        String cmp = descending ? "<" : ">";
        String dir = descending ? "DESC" : "ASC";
        StringBuilder sql = new StringBuilder("SELECT b.id, b.service_month FROM (")
                .append(filtered)
                .append(") b");
        if (page.afterKey() != null) {
            String[] key = page.afterKey().split("/", 2);
            try {
                params.put("afterMonth", LocalDate.parse(key[0]));
                params.put("afterId", Long.parseLong(key[1]));
            } catch (RuntimeException e) {
                throw new InvalidArgumentException("after", "not a cursor returned by this connection");
            }
            sql.append(
                    byMonth
                            ? " WHERE (b.service_month, b.id) " + cmp + " (:afterMonth, :afterId)"
                            : " WHERE b.id " + cmp + " :afterId");
        }
        sql.append(byMonth ? " ORDER BY b.service_month " + dir + ", b.id " + dir : " ORDER BY b.id " + dir)
                .append(" LIMIT ")
                .append(page.limitWithLookahead());
        Map<Long, LocalDate> rows = new LinkedHashMap<>();
        jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> rows.put(rs.getLong(1), rs.getObject(2, LocalDate.class)))
                .list();
        return new Page(rows, total);
    }

    /** The {@code VISIT_ON_DAY_OFF} notes of each plan of the batch that has visits on a day off, by plan id. */
    Map<String, List<OutreachPlan.Note>> visitsOnDaysOff(List<OutreachPlan> batch) {
        Map<String, List<OutreachPlan.Note>> onDaysOff = new LinkedHashMap<>();
        jdbc.sql(Sql.load("sql/outreach/plan-visits-on-days-off.sql"))
                .param(
                        "ids",
                        batch.stream()
                                .map(p -> Long.parseLong(p.id()))
                                .distinct()
                                .toArray(Long[]::new))
                .query((rs, n) -> onDaysOff
                        .computeIfAbsent(String.valueOf(rs.getLong("plan_id")), k -> new ArrayList<>())
                        .add(new OutreachPlan.Note(
                                "VISIT_ON_DAY_OFF",
                                rs.getObject("service_date", LocalDate.class) + " is a day off (" + rs.getString("name")
                                        + ", " + rs.getString("kind") + ") with visits planned to "
                                        + String.join(", ", (String[])
                                                rs.getArray("rws").getArray())
                                        + ": tell the kader, or cancel the plan and plan again")))
                .list();
        return onDaysOff;
    }

    /** The Pusling units of a facility (by its code), by unit code. */
    List<OutreachController.PuslingUnit> puslingUnits(String facilityCode) {
        return jdbc.sql("""
                        SELECT u.code, f.code AS facility, u.name, u.plate, u.vehicle_kind, u.team_size, u.active,
                               u.synthetic
                          FROM pusling_units u JOIN facilities f ON f.id = u.facility_id
                         WHERE f.code = :f ORDER BY u.code""")
                .param("f", facilityCode)
                .query((rs, n) -> new OutreachController.PuslingUnit(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getBoolean(7),
                        rs.getBoolean(8)))
                .list();
    }

    /** The target selections each plan was made from, in the order given, by plan id (one query for the batch). */
    Map<String, List<String>> selectionIds(List<OutreachPlan> plans) {
        Map<String, List<String>> byPlan = new HashMap<>();
        jdbc.sql("""
                        SELECT plan_id, selection_id FROM outreach_plan_selections
                         WHERE plan_id = ANY(:ids) ORDER BY plan_id, position""")
                .param("ids", plans.stream().map(p -> Long.parseLong(p.id())).toArray(Long[]::new))
                .query((rs, n) -> byPlan.computeIfAbsent(String.valueOf(rs.getLong(1)), k -> new ArrayList<>())
                        .add(String.valueOf(rs.getLong(2))))
                .list();
        return byPlan;
    }
}
