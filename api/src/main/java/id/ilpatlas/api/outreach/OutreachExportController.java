package id.ilpatlas.api.outreach;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityRepository;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.security.Callers;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads of a stored outreach plan, for the same callers as {@code outreachPlan}: a GeoJSON FeatureCollection
 * (EPSG:4326: the depot, each route's line, each stop) and a printable CSV schedule (one row per stop and per
 * return to the depot, then the RWs not visited). 404 when the plan does not exist or is outside the caller's scope.
 */
@RestController
class OutreachExportController {

    static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final String CSV_HEADER = "date,weekday,vehicle,sequence,rw_code,rw_name,kelurahan,arrival,service_start,"
            + "departure,wait_minutes,leg_km,leg_minutes,leg_method,monthly_week,note";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutreachPlans plans;
    private final FacilityRepository facilities;
    private final Callers callers;

    OutreachExportController(OutreachPlans plans, FacilityRepository facilities, Callers callers) {
        this.plans = plans;
        this.facilities = facilities;
        this.callers = callers;
    }

    @GetMapping("/exports/outreach-plans/{id}.geojson")
    ResponseEntity<byte[]> geoJson(@PathVariable String id, Principal principal) {
        Optional<OutreachPlan> plan = OutreachController.readable(plans, callers.of(principal), id);
        if (plan.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        OutreachPlan p = plan.get();
        Facility depot = facilities.findByIds(List.of(p.depotInternalId())).get(0);
        List<Object> features = new ArrayList<>();
        Map<String, Object> depotProperties = new LinkedHashMap<>();
        depotProperties.put("kind", "depot");
        depotProperties.put("facility_id", depot.id());
        depotProperties.put("name", depot.name());
        depotProperties.put("location_quality", depot.locationQuality().name());
        depotProperties.put("mode", p.mode().name());
        depotProperties.put(
                "warnings",
                p.warnings().stream().map(w -> w.code() + ": " + w.message()).toList());
        features.add(feature(depot.location(), depotProperties));
        for (OutreachPlan.Route r : p.routes()) {
            Map<String, Object> properties = onRoute("route", r);
            properties.put("departure", r.departure().toString());
            properties.put("return_time", r.returnTime().toString());
            properties.put("distance_meters", r.distanceMeters());
            properties.put("duration_seconds", r.durationSeconds());
            properties.put("stops", r.stops().size());
            properties.put("fallback_legs", r.fallbackLegs());
            features.add(feature(r.geometry(), properties));
            for (OutreachPlan.Stop s : r.stops()) {
                Map<String, Object> stop = onRoute("stop", r);
                stop.put("sequence", s.sequence());
                stop.put("rw_code", s.rwCode());
                stop.put("rw_name", s.rwName());
                stop.put("kelurahan", s.kelurahanName());
                stop.put("arrival", s.arrival().toString());
                stop.put("service_start", s.serviceStart().toString());
                stop.put("departure", s.departure().toString());
                stop.put("leg_distance_meters", s.leg().distanceMeters());
                stop.put("leg_method", s.leg().method());
                stop.put("leg_approximate_location", s.leg().approximateLocation());
                features.add(feature(s.location(), stop));
            }
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("name", "outreach_plan_" + p.id());
        collection.put("features", features);
        return download(JSON.writeValueAsBytes(collection), GEOJSON, "outreach-plan-" + p.id() + ".geojson");
    }

    /** The first properties of a feature of a route: its kind, the route's date and vehicle. */
    private static Map<String, Object> onRoute(String kind, OutreachPlan.Route r) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("kind", kind);
        properties.put("date", r.date().toString());
        properties.put("vehicle", r.vehicle());
        return properties;
    }

    @GetMapping("/exports/outreach-plans/{id}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String id, Principal principal) {
        Optional<OutreachPlan> plan = OutreachController.readable(plans, callers.of(principal), id);
        if (plan.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return download(
                csv(
                                plan.get(),
                                facilities
                                        .findByIds(List.of(plan.get().depotInternalId()))
                                        .get(0))
                        .getBytes(StandardCharsets.UTF_8),
                CSV,
                "outreach-plan-" + plan.get().id() + ".csv");
    }

    /**
     * The printable schedule, RFC 4180, numbers with a dot ({@link Locale#ROOT}); text cells (names, codes, notes) go
     * through {@link Csv#text}, so a name such as {@code =HYPERLINK(...)} is shown, never run, by a spreadsheet.
     */
    static String csv(OutreachPlan p, Facility depot) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (OutreachPlan.Route r : p.routes()) {
            String weekday = r.date().getDayOfWeek().toString();
            for (OutreachPlan.Stop s : r.stops()) {
                row(
                        out,
                        r.date().toString(),
                        weekday,
                        String.valueOf(r.vehicle()),
                        String.valueOf(s.sequence()),
                        Csv.text(s.rwCode()),
                        Csv.text(s.rwName()),
                        Csv.text(s.kelurahanName()),
                        s.arrival().toString(),
                        s.serviceStart().toString(),
                        s.departure().toString(),
                        String.valueOf(s.waitMinutes()),
                        km(s.leg()),
                        minutes(s.leg()),
                        Csv.text(s.leg().method()),
                        Csv.text(s.monthlyWeek() + " " + weekday),
                        "");
            }
            row(
                    out,
                    r.date().toString(),
                    weekday,
                    String.valueOf(r.vehicle()),
                    "return",
                    Csv.text(depot.id()),
                    Csv.text(depot.name()),
                    "",
                    r.returnTime().toString(),
                    "",
                    "",
                    "",
                    km(r.returnLeg()),
                    minutes(r.returnLeg()),
                    Csv.text(r.returnLeg().method()),
                    "",
                    Csv.text(String.format(
                            Locale.ROOT,
                            "route %.1f km, %d min",
                            r.distanceMeters() / 1000,
                            Math.round(r.durationSeconds() / 60.0))));
        }
        for (var w : p.warnings()) {
            noteRow(out, "", Csv.text("WARNING " + w.code() + ": " + w.message()));
        }
        for (OutreachPlan.Unserved u : p.unserved()) {
            noteRow(out, Csv.text(u.rwCode()), Csv.text("NOT VISITED " + u.reason() + ": " + u.message()));
        }
        return out.toString();
    }

    /** A line with only an RW code (may be empty) and a note; the other cells empty. */
    private static void noteRow(StringBuilder out, String rwCode, String note) {
        String[] cells = new String[16];
        Arrays.fill(cells, "");
        cells[4] = rwCode;
        cells[15] = note;
        row(out, cells);
    }

    private static String km(OutreachPlan.Leg leg) {
        return String.format(Locale.ROOT, "%.2f", leg.distanceMeters() / 1000);
    }

    private static String minutes(OutreachPlan.Leg leg) {
        return String.valueOf(Math.round(leg.durationSeconds() / 60.0));
    }

    /** One line of cells already written as CSV (numbers, dates and times as they are, text through Csv.text). */
    private static void row(StringBuilder out, String... cells) {
        out.append(String.join(",", cells)).append("\r\n");
    }

    private static Map<String, Object> feature(GeoJson geometry, Map<String, Object> properties) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        JsonNode parsed = JSON.readTree(geometry.json());
        feature.put("geometry", parsed);
        feature.put("properties", properties);
        return feature;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(body);
    }
}
