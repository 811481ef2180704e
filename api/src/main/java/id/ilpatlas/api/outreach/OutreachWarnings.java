package id.ilpatlas.api.outreach;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.road.RoadNetworkQuality;
import id.ilpatlas.geo.routing.RoutingSolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the planner must know about a plan's figures: an APPROXIMATE base point, RWs outside the base's wilayah kerja,
 * the road network's quality, legs that are estimates.
 */
@Component
class OutreachWarnings {

    private final JdbcClient jdbc;
    private final RoadNetworkQuality quality;

    OutreachWarnings(JdbcClient jdbc, RoadNetworkQuality quality) {
        this.jdbc = jdbc;
        this.quality = quality;
    }

    List<AccessWarning> of(OutreachRequest r, RoutingSolution solution, OutreachMatrix.MeasuredLeg[][] legs) {
        List<AccessWarning> warnings = new ArrayList<>();
        if (r.base().approximate()) {
            warnings.add(AccessWarning.approximate(r.base().name(), "every leg from and to the base and the times"));
        }
        List<String> outside = jdbc.sql("""
                        SELECT rw_code FROM rw_responsible_puskesmas
                         WHERE kabkota_code = :k AND rw_code = ANY(:rws) AND NOT (:depot = ANY(claimant_ids))
                         ORDER BY rw_code""")
                .param("k", r.kabkotaCode())
                .param("rws", r.rws().toArray(String[]::new))
                .param("depot", r.base().internalId())
                .query(String.class)
                .list();
        if (!outside.isEmpty()) {
            warnings.add(new AccessWarning(
                    AccessWarning.Code.OUTSIDE_BASE_WILAYAH_KERJA,
                    String.format(
                            Locale.ROOT,
                            "%d of the %d RWs lie outside the wilayah kerja of %s: %s",
                            outside.size(),
                            r.rws().size(),
                            r.base().name(),
                            String.join(", ", outside.subList(0, Math.min(10, outside.size())))
                                    + (outside.size() > 10 ? ", ..." : ""))));
        }
        List<int[]> steps = OutreachGeometry.steps(solution);
        int total = steps.size();
        int estimated = (int)
                steps.stream().filter(step -> !legs[step[0]][step[1]].road()).count();
        if (r.distanceMode() == DistanceMode.ROAD) {
            warnings.addAll(AccessWarning.network(quality.assess(r.kabkotaCode(), r.mode())));
        }
        if (estimated > 0 && r.distanceMode() == DistanceMode.ROAD) {
            warnings.add(new AccessWarning(
                    AccessWarning.Code.ROAD_ESTIMATE,
                    String.format(
                            Locale.ROOT,
                            "%d of the %d legs are estimates (straight line × the detour factor measured on the network): "
                                    + "the road network does not reach their ends",
                            estimated,
                            total)));
        }
        return warnings;
    }
}
