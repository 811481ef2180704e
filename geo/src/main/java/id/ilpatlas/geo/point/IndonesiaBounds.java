package id.ilpatlas.geo.point;

/**
 * Bounding box of Indonesia used for plausibility checks: longitude {@value #WEST}..{@value #EAST}
 * (east), latitude {@value #SOUTH}..{@value #NORTH} (degrees, EPSG:4326).
 *
 * <p>This is a coarse check: the box also covers neighbouring countries (Singapore, much of
 * Malaysia, Brunei, Timor-Leste, a strip of Papua New Guinea) and a lot of sea. A point inside it is
 * merely plausible, not known to be in Indonesia.
 */
public final class IndonesiaBounds {

    /** Western edge, longitude in degrees east (west of Aceh). */
    public static final double WEST = 94.7;
    /** Eastern edge, longitude in degrees east (the Papua–Papua New Guinea border). */
    public static final double EAST = 141.2;
    /** Southern edge, latitude in degrees (negative = south; south of Rote). */
    public static final double SOUTH = -11.2;
    /** Northern edge, latitude in degrees (north of the Natuna and Talaud islands). */
    public static final double NORTH = 6.3;

    private IndonesiaBounds() {}

    /**
     * Returns whether the point lies in the box, edges included.
     *
     * @param longitude x, degrees east
     * @param latitude y, degrees north
     * @return {@code true} if {@code WEST <= longitude <= EAST} and {@code SOUTH <= latitude <= NORTH};
     *     {@code false} for NaN
     */
    public static boolean contains(double longitude, double latitude) {
        return longitude >= WEST && longitude <= EAST && latitude >= SOUTH && latitude <= NORTH;
    }
}
