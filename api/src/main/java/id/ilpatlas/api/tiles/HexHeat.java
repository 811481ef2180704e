package id.ilpatlas.api.tiles;

/**
 * The hex-bin heat of case points: which hexes a zoom shows, and what a caller may see of them.
 *
 * <p>Hexes are precomputed (table {@code hex_heat}, migration V11) per kab/kota, indicator, calendar year and hex
 * size: flat-topped hexagons of PostGIS's {@code ST_Hexagon} grid in EPSG:3857 with edge {@value #COARSE_METERS} m
 * (zoom up to 12), {@value #MEDIUM_METERS} m (zoom 13-14) and {@value #FINE_METERS} m (zoom 15 and deeper). Only
 * geocoded records count; raw points never leave the database. Each hex feature carries {@code hex}
 * ({@code size:i:j}, the grid cell), {@code resolution} (edge metres), {@code count}, {@code suppressed} and
 * {@code exact}.
 *
 * <p><b>Privacy.</b> Hexes are a different geography from RWs: a hex cuts across RW boundaries, so hex counts and
 * the (suppressed) RW counts together could pin a suppressed RW cell by differencing. Hence:
 * <ul>
 *   <li>a caller who reads exact aggregates ({@code AccessPolicy.mayReadExactAggregates}: case access, or the
 *       Dinkes planner) sees, in every hex holding records of her scope, the exact count of the records of her scope
 *       (never those outside it), at the zoom's resolution: a count per hexagon, never a point;</li>
 *   <li>everyone else (public, and exact callers for hexes with nothing of their scope) sees only the
 *       coarse {@value #COARSE_METERS} m hexes at every zoom, per calendar year only (no months: no differencing
 *       across periods), counts of 1-4 suppressed ({@code suppressed=true}, no {@code count}) and every other count
 *       rounded to the nearest multiple of 5 (at least 5). A rounded count is off by up to 2 and hexes do not nest in
 *       RWs, so no subtraction of hex and RW figures yields a suppressed RW count exactly.</li>
 * </ul>
 */
final class HexHeat {

    static final int COARSE_METERS = 1000;
    static final int MEDIUM_METERS = 500;
    static final int FINE_METERS = 250;
    /** Public counts are rounded to a multiple of this. */
    static final int ROUNDING_BASE = 5;

    enum Indicator { STUNTED, TB_NOTIFICATIONS, LOW_BIRTH_WEIGHT_BIRTHS }

    private HexHeat() {
    }

    /** The hex edge length (metres, EPSG:3857) shown at a zoom to a caller with case access. */
    static int sizeForZoom(int z) {
        return z <= 12 ? COARSE_METERS : z <= 14 ? MEDIUM_METERS : FINE_METERS;
    }
}
