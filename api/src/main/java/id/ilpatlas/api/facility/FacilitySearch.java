package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.region.RegionArguments;
import id.ilpatlas.geo.point.PointCheck;
import id.ilpatlas.geo.point.PointProblem;
import id.ilpatlas.geo.region.RegionCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A validated {@link FacilityFilter} turned into an SQL condition over {@code facilities f} with its parameters.
 * Only the predicates the filter uses are written, so each query gets a plan for what it asks.
 */
final class FacilitySearch {

    static final double MAX_RADIUS_METERS = 100_000;
    static final int MAX_NAME_LENGTH = 100;
    private static final Set<String> AREAL_TYPES = Set.of("Polygon", "MultiPolygon");

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    private FacilitySearch() {}

    /**
     * Validates the filter; errors name the argument ({@code filter.regionCode}, ...).
     *
     * @param knownService  tells whether a service key exists
     * @param knownProgram  tells whether a programme key exists
     * @param geometryProblem why a GeoJSON geometry is unusable, empty when it is fine
     */
    static FacilitySearch of(
            FacilityFilter filter,
            JsonMapper jsonMapper,
            java.util.function.Predicate<String> knownService,
            java.util.function.Predicate<String> knownProgram,
            java.util.function.Function<String, Optional<String>> geometryProblem) {
        FacilityFilter f = filter == null ? FacilityFilter.none() : filter;
        FacilitySearch search = new FacilitySearch();
        if (!Boolean.TRUE.equals(f.includeInactive())) {
            search.conditions.add("f.active");
        }
        if (f.types() != null && !f.types().isEmpty()) {
            search.conditions.add("f.type = ANY(:types)");
            search.params.put("types", f.types().stream().map(Enum::name).toArray(String[]::new));
        }
        if (f.regionCode() != null) {
            RegionCode region = RegionArguments.parse("filter.regionCode", f.regionCode());
            switch (region.level()) {
                case RW -> search.conditions.add("f.address_rw_code = :region");
                case KELURAHAN -> search.conditions.add("f.kelurahan_code = :region");
                default -> {
                    search.conditions.add("f.kelurahan_code LIKE :regionPrefix");
                    search.params.put("regionPrefix", region.dotted() + ".%");
                }
            }
            search.params.put("region", region.dotted());
        }
        if (f.serviceKey() != null) {
            if (!knownService.test(f.serviceKey())) {
                throw new InvalidArgumentException(
                        "filter.serviceKey",
                        "no service '" + f.serviceKey() + "' in the catalogue (query `services` for the keys)");
            }
            search.conditions.add("EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = f.id "
                    + "AND fs.service_key = :serviceKey)");
            search.params.put("serviceKey", f.serviceKey());
        }
        if (f.segment() != null) {
            if ("SEMUA".equals(f.segment())) {
                search.conditions.add("cardinality(f.segments) > 0");
            } else {
                search.conditions.add(":segment = ANY(f.segments)");
                search.params.put("segment", f.segment());
            }
        }
        if (f.programKey() != null) {
            if (!knownProgram.test(f.programKey())) {
                throw new InvalidArgumentException(
                        "filter.programKey", "no programme '" + f.programKey() + "' (query `programs` for the keys)");
            }
            search.conditions.add("EXISTS (SELECT 1 FROM program_facilities pf WHERE pf.facility_id = f.id "
                    + "AND pf.program_key = :programKey)");
            search.params.put("programKey", f.programKey());
        }
        if (f.runsPusling() != null) {
            search.conditions.add((f.runsPusling() ? "" : "NOT ") + "EXISTS (SELECT 1 FROM pusling_units pu "
                    + "WHERE pu.facility_id = f.id AND pu.active)");
        }
        if (f.nameContains() != null) {
            String text = f.nameContains().strip();
            if (text.isEmpty() || text.length() > MAX_NAME_LENGTH) {
                throw new InvalidArgumentException(
                        "filter.nameContains", "must be 1 to " + MAX_NAME_LENGTH + " characters");
            }
            search.conditions.add("lower(f.name) LIKE :namePattern ESCAPE '\\'");
            search.params.put(
                    "namePattern",
                    "%"
                            + text.toLowerCase(java.util.Locale.ROOT)
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_")
                            + "%");
        }
        if (f.bbox() != null) {
            FacilityFilter.BBox b = f.bbox();
            if (!(b.west() >= -180
                    && b.east() <= 180
                    && b.south() >= -90
                    && b.north() <= 90
                    && b.west() < b.east()
                    && b.south() < b.north())) {
                throw new InvalidArgumentException(
                        "filter.bbox",
                        "expected west < east within -180..180 and " + "south < north within -90..90 (degrees), got "
                                + b);
            }
            search.conditions.add("f.location && ST_MakeEnvelope(:west, :south, :east, :north, 4326)");
            search.params.putAll(Map.of("west", b.west(), "south", b.south(), "east", b.east(), "north", b.north()));
        }
        if (f.within() != null) {
            Object type = f.within().get("type");
            if (!AREAL_TYPES.contains(type)) {
                throw new InvalidArgumentException(
                        "filter.within", "expected a GeoJSON Polygon or MultiPolygon, got " + type);
            }
            String geojson = jsonMapper.writeValueAsString(f.within());
            Optional<String> problem = geometryProblem.apply(geojson);
            if (problem.isPresent()) {
                throw new InvalidArgumentException(
                        "filter.within", "not a valid GeoJSON " + type + ": " + problem.get());
            }
            search.conditions.add("ST_Intersects(f.location, ST_SetSRID(ST_GeomFromGeoJSON(:within), 4326))");
            search.params.put("within", geojson);
        }
        if (f.near() != null) {
            FacilityFilter.Point p = f.near().point();
            rejectImplausible("filter.near.point", p.longitude(), p.latitude());
            double radius = f.near().radiusMeters();
            if (!(radius >= 1 && radius <= MAX_RADIUS_METERS)) {
                throw new InvalidArgumentException(
                        "filter.near.radiusMeters",
                        "must be between 1 and " + (long) MAX_RADIUS_METERS + " metres, was " + radius);
            }
            search.conditions.add("ST_DWithin(f.location::geography, "
                    + "ST_SetSRID(ST_MakePoint(:nearLon, :nearLat), 4326)::geography, :radius)");
            search.params.putAll(Map.of("nearLon", p.longitude(), "nearLat", p.latitude(), "radius", radius));
        }
        return search;
    }

    /** Rejects points that cannot be meant: not finite, out of range, or with longitude and latitude swapped. */
    static void rejectImplausible(String argument, double longitude, double latitude) {
        Optional<PointProblem> problem = PointCheck.check(longitude, latitude);
        if (problem.isPresent() && problem.get() != PointProblem.OUTSIDE_INDONESIA) {
            throw new InvalidArgumentException(argument, PointCheck.describe(problem.get(), longitude, latitude));
        }
    }

    /** {@code WHERE ...} (or an empty string) over {@code facilities f}, with {@code extra} conditions added. */
    String where(String... extra) {
        List<String> all = new ArrayList<>(conditions);
        all.addAll(List.of(extra));
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    Map<String, Object> params() {
        return params;
    }
}
