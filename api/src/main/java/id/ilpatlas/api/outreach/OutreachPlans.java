package id.ilpatlas.api.outreach;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.security.Caller;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads stored outreach plans, whole, and decides who may see one. */
@Component
public class OutreachPlans {

    private final JdbcClient jdbc;

    OutreachPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether an RW of the plan (visited or not) lies inside the caller's scope. Which roles read plans at all is
     * decided by the caller of this method ({@code OutreachController}).
     */
    public boolean visible(Caller caller, OutreachPlan plan) {
        return plan.routes().stream().flatMap(r -> r.stops().stream()).anyMatch(s -> caller.covers(s.rwCode()))
                || plan.unserved().stream().anyMatch(u -> caller.covers(u.rwCode()));
    }

    /**
     * The plan of a GraphQL/REST id when an RW of it lies inside the caller's scope; empty when the id is not a number,
     * there is no such plan or the caller sees none of its RWs. Which roles read plans at all is the caller's check.
     */
    public Optional<OutreachPlan> findVisible(Caller caller, String id) {
        long key;
        try {
            key = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return find(key).filter(p -> visible(caller, p));
    }

    /** The plan with that id, whoever asks. */
    public Optional<OutreachPlan> find(long id) {
        List<OutreachPlan> found =
                jdbc.sql("""
                        SELECT p.*, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created,
                               f.location_quality = 'APPROXIMATE' AS depot_approximate
                          FROM outreach_plans p JOIN facilities f ON f.id = p.depot_facility_id WHERE p.id = :id""").param("id", id).query((rs, n) -> plan(rs)).list();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OutreachPlan bare = found.get(0);
        Map<String, List<OutreachPlan.Stop>> stops = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT s.service_date, s.vehicle, s.sequence, s.rw_code, r.name AS rw_name, k.name AS kel_name,
                               ST_AsGeoJSON(s.location, 7) AS location, s.arrival, s.service_start, s.departure,
                               s.leg_distance_meters, s.leg_duration_seconds, s.leg_method
                          FROM outreach_plan_stops s
                          JOIN regions r ON r.code = s.rw_code
                          JOIN regions k ON k.code = r.parent_code
                         WHERE s.kabkota_code = :k AND s.plan_id = :id
                         ORDER BY s.service_date, s.vehicle, s.sequence""")
                .param("k", bare.kabkotaCode())
                .param("id", id)
                .query((rs, n) -> stops.computeIfAbsent(
                                rs.getDate("service_date") + ":" + rs.getInt("vehicle"), key -> new ArrayList<>())
                        .add(new OutreachPlan.Stop(
                                rs.getInt("sequence"),
                                rs.getString("rw_code"),
                                rs.getString("rw_name"),
                                rs.getString("kel_name"),
                                new GeoJson(rs.getString("location")),
                                time(rs, "arrival"),
                                time(rs, "service_start"),
                                time(rs, "departure"),
                                new OutreachPlan.Leg(
                                        rs.getDouble("leg_distance_meters"),
                                        rs.getInt("leg_duration_seconds"),
                                        rs.getString("leg_method"),
                                        bare.depotApproximate() && rs.getInt("sequence") == 1),
                                monthlyWeek(rs.getDate("service_date").toLocalDate()))))
                .list();
        List<OutreachPlan.Route> routes = jdbc.sql("""
                        SELECT service_date, vehicle, departure, return_time, distance_meters, duration_seconds,
                               travel_seconds, return_distance_meters, return_duration_seconds, return_method,
                               ST_AsGeoJSON(geom, 7) AS geometry, unit_code, team_name, team_size, vehicle_kind
                          FROM outreach_plan_routes
                         WHERE kabkota_code = :k AND plan_id = :id
                         ORDER BY service_date, vehicle""")
                .param("k", bare.kabkotaCode())
                .param("id", id)
                .query((rs, n) -> new OutreachPlan.Route(
                        rs.getDate("service_date").toLocalDate(),
                        rs.getInt("vehicle"),
                        time(rs, "departure"),
                        time(rs, "return_time"),
                        rs.getDouble("distance_meters"),
                        rs.getInt("duration_seconds"),
                        rs.getInt("travel_seconds"),
                        stops.getOrDefault(rs.getDate("service_date") + ":" + rs.getInt("vehicle"), List.of()),
                        new OutreachPlan.Leg(
                                rs.getDouble("return_distance_meters"),
                                rs.getInt("return_duration_seconds"),
                                rs.getString("return_method"),
                                bare.depotApproximate()),
                        new GeoJson(rs.getString("geometry")),
                        rs.getString("unit_code") == null
                                ? null
                                : new OutreachPlan.Team(
                                        rs.getString("unit_code"),
                                        rs.getString("team_name"),
                                        rs.getInt("team_size"),
                                        rs.getString("vehicle_kind"))))
                .list();
        List<OutreachPlan.Unserved> unserved = jdbc.sql("""
                        SELECT rw_code, reason, message FROM outreach_plan_unserved
                         WHERE kabkota_code = :k AND plan_id = :id ORDER BY rw_code""")
                .param("k", bare.kabkotaCode())
                .param("id", id)
                .query((rs, n) -> new OutreachPlan.Unserved(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        return Optional.of(new OutreachPlan(
                bare.id(),
                bare.name(),
                bare.kabkotaCode(),
                bare.depotInternalId(),
                bare.targetSelectionId(),
                bare.distanceMode(),
                bare.mode(),
                bare.depotApproximate(),
                bare.warnings(),
                bare.vehicles(),
                bare.workdayStart(),
                bare.workdayEnd(),
                bare.serviceMinutes(),
                bare.serviceDates(),
                bare.solver(),
                bare.solveMillis(),
                routes,
                unserved,
                bare.createdBy(),
                bare.createdAt(),
                bare.notes()));
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static OutreachPlan plan(ResultSet rs) throws SQLException {
        Array dates = rs.getArray("service_dates");
        List<LocalDate> serviceDates = Arrays.stream((Object[]) dates.getArray())
                .map(d -> ((Date) d).toLocalDate())
                .toList();
        Long selection = rs.getObject("selection_id", Long.class);
        return new OutreachPlan(
                String.valueOf(rs.getLong("id")),
                rs.getString("name"),
                rs.getString("kabkota_code"),
                rs.getLong("depot_facility_id"),
                selection == null ? null : String.valueOf(selection),
                DistanceMode.valueOf(rs.getString("distance_mode")),
                TravelMode.valueOf(rs.getString("travel_mode")),
                rs.getBoolean("depot_approximate"),
                List.of(JSON.readValue(rs.getString("warnings"), AccessWarning[].class)),
                rs.getInt("vehicles"),
                time(rs, "workday_start"),
                time(rs, "workday_end"),
                rs.getInt("service_minutes"),
                serviceDates,
                rs.getString("solver"),
                rs.getInt("solve_millis"),
                List.of(),
                List.of(),
                rs.getString("created_by"),
                rs.getString("created"),
                List.of(JSON.readValue(rs.getString("notes"), OutreachPlan.Note[].class)));
    }

    private static LocalTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalTime.class);
    }

    /** The week of the month of a date, for a monthly rota: the 5th occurrence becomes LAST (every month has one). */
    static String monthlyWeek(LocalDate date) {
        int ordinal = (date.getDayOfMonth() - 1) / 7;
        return List.of("FIRST", "SECOND", "THIRD", "FOURTH", "LAST").get(ordinal);
    }
}
