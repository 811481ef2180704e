package id.ilpatlas.api.outreach;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.routing.MultiDayRoutingModel;
import id.ilpatlas.geo.routing.RoutingSolution;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.io.WKTWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a solved plan: the plan row (with the request that produced it), one row per route with a stop, its stops
 * with the leg that reaches each, the RWs left out with the reason; audited. Call inside a transaction. A stored plan
 * is never changed here.
 */
@Component
class OutreachPlanStore {

    static final String SOLVER = "OR-Tools 9.12 (parallel cheapest insertion + guided local search)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AuditLog audit;

    OutreachPlanStore(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Stores the plan and returns its id. */
    long store(Caller caller, PlanOutreachInput in, OutreachPlanner.Solved s) {
        OutreachRequest r = s.request();
        String kabkota = r.kabkotaCode();
        long id = jdbc.sql("""
                        INSERT INTO outreach_plans (kabkota_code, name, depot_facility_id, selection_id,
                            distance_mode, travel_mode, vehicles, workday_start, workday_end, service_minutes,
                            service_dates, request, solver, solve_millis, created_by, created_role, warnings, notes)
                        VALUES (:k, :name, :depot, :selection, :mode, :travelMode, :vehicles, :start, :end,
                                :service, CAST(:dates AS date[]), CAST(:request AS jsonb), :solver, :millis, :by,
                                :role, CAST(:warnings AS jsonb), CAST(:notes AS jsonb))
                        RETURNING id""")
                .param("k", kabkota)
                .param("name", r.name())
                .param("depot", r.base().internalId())
                .param(
                        "selection",
                        r.selectionIds().isEmpty() ? null : r.selectionIds().get(0))
                .param("mode", r.distanceMode().name())
                .param("travelMode", r.mode().name())
                .param("warnings", JSON.writeValueAsString(s.warnings()))
                .param("notes", JSON.writeValueAsString(s.notes()))
                .param("vehicles", r.vehicles())
                .param("start", r.start())
                .param("end", r.end())
                .param("service", r.serviceMinutes())
                .param("dates", r.dates().stream().map(LocalDate::toString).toArray(String[]::new))
                .param("request", JSON.writeValueAsString(in))
                .param("solver", SOLVER)
                .param("millis", s.solveMillis())
                .param("by", caller.actor())
                .param("role", caller.role().name())
                .query(Long.class)
                .single();
        for (int i = 0; i < r.selectionIds().size(); i++) {
            jdbc.sql("""
                            INSERT INTO outreach_plan_selections (kabkota_code, plan_id, selection_id, position)
                            VALUES (:k, :id, :selection, :position)""")
                    .param("k", kabkota)
                    .param("id", id)
                    .param("selection", r.selectionIds().get(i))
                    .param("position", i + 1)
                    .update();
        }
        storeRoutes(kabkota, id, s);
        s.unserved()
                .forEach((rw, reason) -> jdbc.sql("""
                        INSERT INTO outreach_plan_unserved (kabkota_code, plan_id, rw_code, reason, message)
                        VALUES (:k, :id, :rw, :reason, :message)""")
                        .param("k", kabkota)
                        .param("id", id)
                        .param("rw", rw)
                        .param("reason", reason[0])
                        .param("message", reason[1])
                        .update());
        audit.record(
                caller,
                "planOutreach",
                "OutreachPlan",
                String.valueOf(id),
                kabkota,
                AuditLog.Outcome.DONE,
                String.format(
                        Locale.ROOT,
                        "%d RWs, %d served, up to %d teams x %d days, %s",
                        r.rws().size(),
                        r.rws().size() - s.unserved().size(),
                        r.vehicles(),
                        r.dates().size(),
                        r.distanceMode() + " " + r.mode()),
                null,
                JSON.writeValueAsString(in));
        return id;
    }

    private void storeRoutes(String kabkota, long id, OutreachPlanner.Solved s) {
        WKTWriter wkt = new WKTWriter();
        OutreachRequest r = s.request();
        List<MultiDayRoutingModel.Slot> slots = s.slots();
        OutreachMatrix.MeasuredLeg[][] legs = s.matrix().legs();
        for (int v = 0; v < s.solution().routes().size(); v++) {
            RoutingSolution.Route route = s.solution().routes().get(v);
            if (route.isEmpty()) {
                continue;
            }
            MultiDayRoutingModel.Slot slot = slots.get(v);
            int vehicle = slot.team() + 1;
            long offset = slot.day() * MultiDayRoutingModel.DAY_SECONDS;
            LocalDate date = r.dates().get(slot.day());
            OutreachRequest.Team team = r.teams().get(slot.day()).get(slot.team());
            int at = 0;
            long travelSeconds = 0;
            for (RoutingSolution.Visit visit : route.visits()) {
                travelSeconds += legs[at][visit.location()].seconds();
                at = visit.location();
            }
            OutreachMatrix.MeasuredLeg back = legs[at][0];
            travelSeconds += back.seconds();
            jdbc.sql("""
                            INSERT INTO outreach_plan_routes (kabkota_code, plan_id, service_date, vehicle, departure,
                                return_time, distance_meters, duration_seconds, travel_seconds, return_distance_meters,
                                return_duration_seconds, return_method, geom, unit_code, team_name, team_size,
                                vehicle_kind)
                            VALUES (:k, :id, :date, :vehicle, :departure, :return, :meters, :seconds, :travel,
                                    :backMeters, :backSeconds, :backMethod, ST_GeomFromText(:wkt, 4326), :unit,
                                    :team, :size, :kind)""")
                    .param("unit", team.unitCode())
                    .param("team", team.name())
                    .param("size", team.size())
                    .param("kind", team.vehicleKind())
                    .param("k", kabkota)
                    .param("id", id)
                    .param("date", date)
                    .param("vehicle", vehicle)
                    .param("departure", clock(route.startSeconds() - offset))
                    .param("return", clock(route.endSeconds() - offset))
                    .param("meters", (double) route.distanceMeters())
                    .param("seconds", route.durationSeconds())
                    .param("travel", travelSeconds)
                    .param("backMeters", (double) back.meters())
                    .param("backSeconds", back.seconds())
                    .param("backMethod", back.method())
                    .param("wkt", wkt.write(OutreachGeometry.line(route, s.points(), legs, s.paths())))
                    .update();
            at = 0;
            int sequence = 0;
            for (RoutingSolution.Visit visit : route.visits()) {
                OutreachMatrix.MeasuredLeg leg = legs[at][visit.location()];
                double[] point = s.points().get(visit.location());
                jdbc.sql("""
                                INSERT INTO outreach_plan_stops (kabkota_code, plan_id, service_date, vehicle, sequence,
                                    rw_code, location, arrival, service_start, departure, leg_distance_meters,
                                    leg_duration_seconds, leg_method)
                                VALUES (:k, :id, :date, :vehicle, :seq, :rw, ST_SetSRID(ST_MakePoint(:x, :y), 4326),
                                        :arrival, :start, :departure, :meters, :seconds, :method)""")
                        .param("k", kabkota)
                        .param("id", id)
                        .param("date", date)
                        .param("vehicle", vehicle)
                        .param("seq", ++sequence)
                        .param("rw", visit.stopId())
                        .param("x", point[0])
                        .param("y", point[1])
                        .param("arrival", clock(visit.arrivalSeconds() - offset))
                        .param("start", clock(visit.serviceStartSeconds() - offset))
                        .param("departure", clock(visit.departureSeconds() - offset))
                        .param("meters", (double) leg.meters())
                        .param("seconds", leg.seconds())
                        .param("method", leg.method())
                        .update();
                at = visit.location();
            }
        }
    }

    static LocalTime clock(long secondOfDay) {
        return LocalTime.ofSecondOfDay(secondOfDay);
    }
}
