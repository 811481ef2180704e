package id.ilpatlas.api.region;

/**
 * A region boundary as asked for by one {@code geometry(simplifyMeters:)} selection: the key of the batched
 * geometry loader, so that every boundary of a response comes from one query per tolerance.
 *
 * @param code           region code
 * @param simplifyMeters simplification tolerance in metres, 0 for the full geometry
 */
record GeometryRequest(String code, double simplifyMeters) {}
