package id.ilpatlas.api.road;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the road importer reads an OpenStreetMap way's tags, the same for an {@code .osm.pbf} extract
 * ({@link OsmPbfRoadReader}) and for OSM GeoJSON ({@link GeoJsonRoadReader}): whether it is a road one travels along,
 * its {@link RoadClass}, its direction and whether it is a bridge or tunnel.
 *
 * <ul>
 *   <li><b>Road</b>: a {@code highway} value of {@link RoadClass#ofOsmHighway}; skipped: no {@code highway}, values
 *       that are no road to travel ({@link #NOT_TRAVELLED}: planned, under construction, disused, platforms, race
 *       tracks, guided busways, indoor corridors, lifts …), unknown values and areas ({@code area=yes}).</li>
 *   <li><b>Direction</b> (binds motorbikes and cars, see {@link TravelMode}): {@code oneway=yes|true|1} forward,
 *       {@code oneway=-1|reverse} backward (the importer turns the way round, so a stored one-way edge always runs
 *       source → target), {@code oneway=no|false|0} both ways; without {@code oneway}, {@code junction=roundabout}
 *       (or {@code circular}) and {@code highway=motorway} are one-way forward. {@code oneway=reversible} and
 *       {@code alternating} (direction by time of day) count as both ways.</li>
 *   <li><b>Grade separation</b>: {@code bridge} or {@code tunnel} (other than {@code no}, and a tunnel other than a
 *       {@code building_passage}), or a {@code layer} other than 0. Where such a way crosses another line without a
 *       shared node, there is no junction.</li>
 * </ul>
 */
final class OsmTags {

    /** {@code highway} values of ways that are not roads one travels along: skipped with this reason. */
    static final Set<String> NOT_TRAVELLED = Set.of(
            "proposed",
            "construction",
            "abandoned",
            "disused",
            "razed",
            "dismantled",
            "planned",
            "platform",
            "raceway",
            "bus_guideway",
            "busway",
            "corridor",
            "elevator",
            "escape",
            "emergency_bay",
            "rest_area",
            "services",
            "via_ferrata",
            "no");

    /** Direction of travel for vehicles, relative to the way's node order. */
    enum Direction {
        BOTH,
        FORWARD,
        BACKWARD
    }

    private OsmTags() {}

    /** Why a way with these tags is not imported, or null when it is a road. */
    static String skipReason(Map<String, String> tags) {
        String highway = tags.get("highway");
        if (highway == null || highway.isBlank()) {
            return "no highway tag";
        }
        String value = highway.trim().toLowerCase(Locale.ROOT);
        if (NOT_TRAVELLED.contains(value)) {
            return "highway=" + value + " is not a road one travels along";
        }
        if (RoadClass.ofOsmHighway(value) == null) {
            return "highway=" + value + " is not a known road class";
        }
        if (isYes(tags.get("area"))) {
            return "an area (area=yes), not a line";
        }
        return null;
    }

    /** The class of a road's tags (call only when {@link #skipReason} is null). */
    static RoadClass roadClass(Map<String, String> tags) {
        return RoadClass.ofOsmHighway(tags.get("highway"));
    }

    /** The source's own words for the class, kept in {@code road_edges.source_class}: e.g. {@code highway=primary}. */
    static String sourceClass(Map<String, String> tags) {
        return "highway=" + tags.get("highway").trim();
    }

    /** The name of the road: {@code name}, else {@code ref}, or null. */
    static String name(Map<String, String> tags) {
        for (String key : new String[] {"name", "ref"}) {
            String value = tags.get(key);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    static Direction direction(Map<String, String> tags) {
        String oneway = lower(tags.get("oneway"));
        if (oneway != null) {
            switch (oneway) {
                case "yes", "true", "1" -> {
                    return Direction.FORWARD;
                }
                case "-1", "reverse" -> {
                    return Direction.BACKWARD;
                }
                case "no", "false", "0", "reversible", "alternating" -> {
                    return Direction.BOTH;
                }
                default -> {
                    // An unusual value (e.g. "yes;no", a time window): what the way implies below.
                }
            }
        }
        String junction = lower(tags.get("junction"));
        if ("roundabout".equals(junction)
                || "circular".equals(junction)
                || "motorway".equals(lower(tags.get("highway")))) {
            return Direction.FORWARD;
        }
        return Direction.BOTH;
    }

    static boolean gradeSeparated(Map<String, String> tags) {
        String bridge = lower(tags.get("bridge"));
        if (bridge != null && !bridge.equals("no")) {
            return true;
        }
        String tunnel = lower(tags.get("tunnel"));
        if (tunnel != null && !tunnel.equals("no") && !tunnel.equals("building_passage")) {
            return true;
        }
        String layer = tags.get("layer");
        if (layer != null) {
            try {
                return Integer.parseInt(layer.trim()) != 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isYes(String value) {
        String v = lower(value);
        return "yes".equals(v) || "true".equals(v) || "1".equals(v);
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
