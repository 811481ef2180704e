package id.ilpatlas.api.outreach;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.road.TravelMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A stored outreach plan as GraphQL serves it (see {@code outreach.graphqls}). */
public record OutreachPlan(
        String id,
        String name,
        String kabkotaCode,
        long depotInternalId,
        String targetSelectionId,
        DistanceMode distanceMode,
        TravelMode mode,
        boolean depotApproximate,
        List<AccessWarning> warnings,
        int vehicles,
        LocalTime workdayStart,
        LocalTime workdayEnd,
        int serviceMinutes,
        List<LocalDate> serviceDates,
        String solver,
        int solveMillis,
        List<Route> routes,
        List<Unserved> unserved,
        String createdBy,
        String createdAt,
        List<Note> notes) {

    /** What the planner decided about the calendar and the spread, e.g. {@code DAYS_OFF_SKIPPED}. */
    public record Note(String code, String message) {}

    /** The team of a route: the Pusling unit ({@code unitId}), its name and vehicle, and the team size that day. */
    public record Team(String unitId, String name, int size, String vehicle) {}

    /** How a leg was measured; {@code approximateLocation} when one end is an APPROXIMATE depot point. */
    public record Leg(double distanceMeters, int durationSeconds, String method, boolean approximateLocation) {}

    /** A visit. */
    public record Stop(
            int sequence,
            String rwCode,
            String rwName,
            String kelurahanName,
            GeoJson location,
            LocalTime arrival,
            LocalTime serviceStart,
            LocalTime departure,
            Leg leg,
            String monthlyWeek) {

        /** Minutes waited for the window. */
        public int waitMinutes() {
            return (int) java.time.Duration.between(arrival, serviceStart).toMinutes();
        }
    }

    /** One vehicle's trip on one day. */
    public record Route(
            LocalDate date,
            int vehicle,
            LocalTime departure,
            LocalTime returnTime,
            double distanceMeters,
            int durationSeconds,
            int travelSeconds,
            List<Stop> stops,
            Leg returnLeg,
            GeoJson geometry,
            Team team) {

        /** Legs by the geodesic-detour fallback. */
        public int fallbackLegs() {
            int n = "GEODESIC_DETOUR".equals(returnLeg.method()) ? 1 : 0;
            for (Stop s : stops) {
                n += "GEODESIC_DETOUR".equals(s.leg().method()) ? 1 : 0;
            }
            return n;
        }
    }

    /** An RW not visited. */
    public record Unserved(String rwCode, String reason, String message) {}

    /** A day of the calendar. */
    public record Day(LocalDate date, int vehiclesUsed, List<String> rwCodes) {}

    public int servedCount() {
        return routes.stream().mapToInt(r -> r.stops().size()).sum();
    }

    public int unservedCount() {
        return unserved.size();
    }

    public double totalDistanceMeters() {
        return routes.stream().mapToDouble(Route::distanceMeters).sum();
    }

    public int totalDurationSeconds() {
        return routes.stream().mapToInt(Route::durationSeconds).sum();
    }

    /** Legs by the geodesic-detour estimate (every leg in GEODESIC mode). */
    public int fallbackLegs() {
        return routes.stream().mapToInt(Route::fallbackLegs).sum();
    }

    /** Every service day with the RWs visited. */
    public List<Day> days() {
        return serviceDates.stream()
                .map(date -> {
                    List<Route> onDay =
                            routes.stream().filter(r -> r.date().equals(date)).toList();
                    return new Day(
                            date,
                            onDay.size(),
                            onDay.stream()
                                    .flatMap(r -> r.stops().stream())
                                    .map(Stop::rwCode)
                                    .toList());
                })
                .toList();
    }

    public String geojsonPath() {
        return "/exports/outreach-plans/" + id + ".geojson";
    }

    public String csvPath() {
        return "/exports/outreach-plans/" + id + ".csv";
    }
}
