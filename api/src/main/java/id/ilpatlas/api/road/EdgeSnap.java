package id.ilpatlas.api.road;

/**
 * Where a point joins the road network: the nearest point of the nearest edge its travel mode may use (geodesic
 * distance), never only a vertex.
 *
 * @param edgeId            the edge ({@code road_edges.id})
 * @param kabkotaCode       the kab/kota whose network holds the edge
 * @param fraction          position of the joining point along the edge from its {@code source} vertex, 0–1, as a
 *                          share of its length ({@code ST_LineLocatePoint} with longitudes scaled by cos(latitude));
 *                          the network part of a trip uses this share of the edge
 * @param connectorMeters   straight distance on the spheroid from the point to the joining point
 * @param longitude         the joining point, EPSG:4326
 * @param latitude          the joining point, EPSG:4326
 */
public record EdgeSnap(
        long edgeId, String kabkotaCode, double fraction, double connectorMeters, double longitude, double latitude) {}
