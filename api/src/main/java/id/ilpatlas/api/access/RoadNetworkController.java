package id.ilpatlas.api.access;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.region.RegionArguments;
import id.ilpatlas.api.region.RegionRepository;
import id.ilpatlas.api.road.RoadNetworkQuality;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.time.OffsetDateTime;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL entry point {@code roadNetwork}: the figures and quality of a kab/kota's road network
 * ({@link RoadNetworkQuality}). Public: roads and RW points are public aggregates. It lives beside the RW access
 * because it brings the access up to date first: the RW points and the calibration it reports are written by the
 * access refresh (the road package does not depend on access).
 */
@Controller
class RoadNetworkController {

    private final RoadNetworkQuality quality;
    private final RwAccessService access;
    private final RegionRepository regions;

    RoadNetworkController(RoadNetworkQuality quality, RwAccessService access, RegionRepository regions) {
        this.quality = quality;
        this.access = access;
        this.regions = regions;
    }

    @QueryMapping
    RoadNetworkQuality.Report roadNetwork(@Argument String kabkotaCode) {
        RegionCode code = RegionArguments.parse("kabkotaCode", kabkotaCode);
        if (code.level() != RegionLevel.KABKOTA) {
            throw new InvalidArgumentException(
                    "kabkotaCode",
                    "must be a kab/kota code such as 33.75, was " + code.dotted() + " (a " + code.level() + ")");
        }
        if (regions.findByCode(code.dotted()).isEmpty()) {
            throw new InvalidArgumentException("kabkotaCode", "no kab/kota has code " + code.dotted());
        }
        access.refreshIfStale(code.dotted());
        return quality.report(code.dotted());
    }

    @SchemaMapping(typeName = "RoadNetwork")
    Region kabkota(RoadNetworkQuality.Report report) {
        return regions.findByCode(report.kabkotaCode()).orElse(null);
    }

    @SchemaMapping(typeName = "RoadNetwork")
    Double lengthKilometers(RoadNetworkQuality.Report report) {
        return report.lengthMeters() == null ? null : report.lengthMeters() / 1000;
    }

    @SchemaMapping(typeName = "RoadNetwork")
    RoadNetworkQuality.Assessment quality(RoadNetworkQuality.Report report, @Argument TravelMode mode) {
        return report.assessment(mode == null ? TravelMode.DEFAULT : mode);
    }

    @SchemaMapping(typeName = "RoadClassLength")
    double lengthKilometers(RoadNetworkQuality.ClassLength length) {
        return length.lengthMeters() / 1000;
    }

    @SchemaMapping(typeName = "RoadNetworkSource")
    String loadedAt(RoadNetworkQuality.Source source) {
        return utc(source.loadedAt());
    }

    @SchemaMapping(typeName = "RoadNetworkCalibration")
    String computedAt(RoadNetworkQuality.Calibration calibration) {
        return utc(calibration.computedAt());
    }

    private static String utc(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }
}
