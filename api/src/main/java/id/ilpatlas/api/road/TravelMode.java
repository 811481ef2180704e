package id.ilpatlas.api.road;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How people travel to and from a puskesmas, and the speed assumed for each {@link RoadClass}: the one home of every
 * speed used by access, targeting, Pusling plans and the travel-time surface.
 *
 * <p>The speeds are urban averages including junctions, markets and mixed traffic, not speed limits. The sources:
 * <ul>
 *   <li>Upper bounds: Permenhub PM 111 Tahun 2015 (Tata Cara Penetapan Batas Kecepatan) sets 50 km/h in urban areas
 *       (kawasan perkotaan) and 30 km/h in settlements (kawasan permukiman); no urban speed here exceeds them.</li>
 *   <li>Walking: 4.5 km/h (1.25 m/s), within the 1.2–1.5 m/s mean walking speeds measured by Knoblauch, Pietrucha
 *       and Nitzburg (1996), Transportation Research Record 1538, 27–38.</li>
 *   <li>Motorbike and car by class: assumptions of this project for congested Javanese towns, written down here so
 *       that a Dinkes can change them in one place: motorbikes thread through traffic and ride the narrow gang
 *       (lanes) that cars cannot, so on local roads a motorbike is faster than a car; a car does not use footpaths
 *       ({@link RoadClass#SETAPAK}).</li>
 *   <li>The connector (from an RW's point or a facility to the nearest point of a mapped road) runs through unmapped
 *       lanes: it is travelled at the {@link RoadClass#LINGKUNGAN} speed of the mode.</li>
 * </ul>
 * One-way streets bind motorbikes and cars, not people on foot.
 *
 * <table>
 *   <caption>Assumed speed, km/h</caption>
 *   <tr><th>class</th><th>MOTORBIKE</th><th>CAR</th><th>WALK</th></tr>
 *   <tr><td>ARTERI</td><td>40</td><td>40</td><td>4.5</td></tr>
 *   <tr><td>KOLEKTOR</td><td>30</td><td>28</td><td>4.5</td></tr>
 *   <tr><td>LOKAL</td><td>25</td><td>20</td><td>4.5</td></tr>
 *   <tr><td>LINGKUNGAN (and the connector)</td><td>15</td><td>10</td><td>4.5</td></tr>
 *   <tr><td>SETAPAK</td><td>10</td><td>— (not used)</td><td>4.5</td></tr>
 * </table>
 */
public enum TravelMode {
    /** Pusling teams and most residents: the default everywhere. */
    MOTORBIKE(
            true,
            Map.of(
                    RoadClass.ARTERI,
                    40.0,
                    RoadClass.KOLEKTOR,
                    30.0,
                    RoadClass.LOKAL,
                    25.0,
                    RoadClass.LINGKUNGAN,
                    15.0,
                    RoadClass.SETAPAK,
                    10.0)),
    /** Ambulance, Pusling car: no footpaths. */
    CAR(
            true,
            Map.of(
                    RoadClass.ARTERI,
                    40.0,
                    RoadClass.KOLEKTOR,
                    28.0,
                    RoadClass.LOKAL,
                    20.0,
                    RoadClass.LINGKUNGAN,
                    10.0)),
    /** On foot, both ways on every road and path. */
    WALK(
            false,
            Map.of(
                    RoadClass.ARTERI,
                    4.5,
                    RoadClass.KOLEKTOR,
                    4.5,
                    RoadClass.LOKAL,
                    4.5,
                    RoadClass.LINGKUNGAN,
                    4.5,
                    RoadClass.SETAPAK,
                    4.5));

    /** The mode when a caller names none. */
    public static final TravelMode DEFAULT = MOTORBIKE;

    private final boolean keepsOneway;
    private final Map<RoadClass, Double> speeds;

    TravelMode(boolean keepsOneway, Map<RoadClass, Double> speeds) {
        this.keepsOneway = keepsOneway;
        this.speeds = new EnumMap<>(speeds);
    }

    /** Whether one-way streets bind this mode. */
    public boolean keepsOneway() {
        return keepsOneway;
    }

    /** The speed on a road class in km/h, or null when the mode does not use that class. */
    public Double speedKmh(RoadClass roadClass) {
        return speeds.get(roadClass);
    }

    /** The speed of the connector between a point and the network: the mode's {@link RoadClass#LINGKUNGAN} speed. */
    public double connectorSpeedKmh() {
        return speeds.get(RoadClass.LINGKUNGAN);
    }

    /** The fastest speed of the mode on any class: no leg of the mode may be faster on average. */
    public double maxSpeedKmh() {
        return speeds.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /**
     * The pgRouting edges query of this mode on one kab/kota's {@code road_edges} ({@code id, source, target, cost,
     * reverse_cost}, costs in seconds; -1 where the mode may not go), as a {@code format()} template whose one
     * {@code %L} is the kab/kota code. With {@code reversed}, every edge is turned round: a one-to-many search on it
     * gives the many-to-one times (from every point to a facility) of the real graph: a reversed edge costs what
     * the real edge costs in the direction the real trip takes it.
     */
    public String edgesSql(boolean reversed) {
        StringBuilder speed = new StringBuilder("CASE road_class");
        for (Map.Entry<RoadClass, Double> e : speeds.entrySet()) {
            speed.append(
                    String.format(Locale.ROOT, " WHEN '%s' THEN %s", e.getKey().name(), e.getValue()));
        }
        speed.append(" END");
        String forward = "length_meters / (" + speed + " / 3.6)";
        String backward = keepsOneway ? "CASE WHEN oneway THEN -1 ELSE " + forward + " END" : forward;
        String where = " FROM road_edges WHERE kabkota_code = %L"
                + (speeds.containsKey(RoadClass.SETAPAK) ? "" : " AND road_class <> 'SETAPAK'");
        return reversed
                ? "SELECT id, target AS source, source AS target, " + forward + " AS cost, " + backward
                        + " AS reverse_cost" + where
                : "SELECT id, source, target, " + forward + " AS cost, " + backward + " AS reverse_cost" + where;
    }

    /**
     * The pgRouting edges query of shortest distance for this mode (metres, one-way streets and unusable classes as
     * in {@link #edgesSql}).
     */
    public String lengthEdgesSql(boolean reversed) {
        String backward = keepsOneway ? "CASE WHEN oneway THEN -1 ELSE length_meters END" : "length_meters";
        String where = " FROM road_edges WHERE kabkota_code = %L"
                + (speeds.containsKey(RoadClass.SETAPAK) ? "" : " AND road_class <> 'SETAPAK'");
        return reversed
                ? "SELECT id, target AS source, source AS target, length_meters AS cost, " + backward
                        + " AS reverse_cost" + where
                : "SELECT id, source, target, length_meters AS cost, " + backward + " AS reverse_cost" + where;
    }
}
