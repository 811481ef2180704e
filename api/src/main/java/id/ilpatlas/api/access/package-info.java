/**
 * Access to facilities at RW resolution: a representative point per RW, the nearest puskesmas (or facility of any
 * type) by geodesic distance, the road distance and travel time where the road network reaches, and coverage
 * within a distance or travel time, per puskesmas and per region (in the spirit of AccessMod's coverage columns).
 *
 * <p>Coordinates are EPSG:4326, [longitude, latitude]; distances are metres on the spheroid unless a name says
 * otherwise, times are seconds. Everything here is public: RW boundaries and populations are public aggregates, and a
 * population-weighted representative point is the mean of at least {@link RwAccessService#MIN_WEIGHTING_POINTS}
 * residence points, never one person's point.
 */
package id.ilpatlas.api.access;
