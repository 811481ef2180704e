package id.ilpatlas.api.access;

import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityRepository;
import id.ilpatlas.api.facility.FacilityType;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.region.RegionArguments;
import id.ilpatlas.api.region.RegionRepository;
import id.ilpatlas.api.road.RoadNetworkQuality;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL entry points for access to facilities per RW: public aggregates, no person-level data. */
@Controller
class RwAccessController {

    /** Upper bounds of the coverage thresholds: beyond these a question is not about access any more. */
    static final double MAX_WITHIN_METERS = 1_000_000;

    static final double MAX_WITHIN_MINUTES = 24 * 60;

    /** Input of {@code refreshRwAccess}. */
    record RefreshRwAccessInput(String kabkotaCode) {}

    /** Payload of {@code refreshRwAccess}. */
    record RefreshRwAccessPayload(RwAccessService.Refresh refresh, List<UserError> errors) {}

    private final RwAccessService access;
    private final RoadNetworkQuality quality;
    private final RegionRepository regions;
    private final FacilityRepository facilities;
    private final Callers callers;

    RwAccessController(
            RwAccessService access,
            RoadNetworkQuality quality,
            RegionRepository regions,
            FacilityRepository facilities,
            Callers callers) {
        this.access = access;
        this.quality = quality;
        this.regions = regions;
        this.facilities = facilities;
        this.callers = callers;
    }

    /** A known region's dotted code; errors name the argument. */
    private String region(String argument, String code) {
        String dotted = RegionArguments.parse(argument, code).dotted();
        if (regions.findByCode(dotted).isEmpty()) {
            throw new InvalidArgumentException(argument, "no region has code " + dotted);
        }
        return dotted;
    }

    private void refreshIfStale(String regionCode) {
        access.kabkotaCodesOf(regionCode).forEach(access::refreshIfStale);
    }

    @QueryMapping
    Connection<RwAccess> rwAccess(
            @Argument String regionCode,
            @Argument FacilityType facilityType,
            @Argument TravelMode mode,
            @Argument Integer first,
            @Argument String after,
            DataFetchingEnvironment env) {
        String code = region("regionCode", regionCode);
        PageRequest page = PageRequest.of("rwAccess", first, after);
        refreshIfStale(code);
        List<RwAccess> rows = access.page(
                code,
                facilityType,
                mode == null ? TravelMode.DEFAULT : mode,
                page.afterKey(),
                page.limitWithLookahead());
        Integer total = env.getSelectionSet().contains("totalCount") ? access.count(code) : null;
        return Connection.of(rows, page, RwAccess::rwCode, total);
    }

    @QueryMapping
    RwAccessService.Coverage accessCoverage(
            @Argument String regionCode,
            @Argument Double withinMeters,
            @Argument Double withinMinutes,
            @Argument TravelMode mode,
            @Argument RwAccessService.Target groupBy) {
        String code = region("regionCode", regionCode);
        if (withinMeters == null && withinMinutes == null) {
            throw new InvalidArgumentException("withinMeters", "give withinMeters, withinMinutes or both");
        }
        if (withinMeters != null && !(withinMeters >= 0 && withinMeters <= MAX_WITHIN_METERS)) {
            throw new InvalidArgumentException(
                    "withinMeters", "must be between 0 and " + (long) MAX_WITHIN_METERS + ", was " + withinMeters);
        }
        if (withinMinutes != null && !(withinMinutes >= 0 && withinMinutes <= MAX_WITHIN_MINUTES)) {
            throw new InvalidArgumentException(
                    "withinMinutes", "must be between 0 and " + (long) MAX_WITHIN_MINUTES + ", was " + withinMinutes);
        }
        refreshIfStale(code);
        return access.coverage(
                code,
                withinMeters,
                withinMinutes,
                mode == null ? TravelMode.DEFAULT : mode,
                groupBy == null ? RwAccessService.Target.RESPONSIBLE_PUSKESMAS : groupBy);
    }

    @MutationMapping
    RefreshRwAccessPayload refreshRwAccess(@Argument RefreshRwAccessInput input, Principal principal) {
        Caller caller = callers.of(principal);
        if (!AccessPolicy.may(caller, Permission.REFRESH_RW_ACCESS)) {
            throw new AccessDeniedException(
                    "refreshing RW access needs the role DINKES_ADMIN; you are " + caller.role());
        }
        List<String> field = List.of("input", "kabkotaCode");
        String given = Objects.requireNonNullElse(input.kabkotaCode(), "");
        RegionCode code;
        try {
            code = RegionCode.parse(given);
        } catch (InvalidRegionCodeException e) {
            return new RefreshRwAccessPayload(null, List.of(new InvalidRegionCodeError(e.getMessage(), field, given)));
        }
        if (code.level() != RegionLevel.KABKOTA
                || regions.findByCode(code.dotted()).isEmpty()) {
            return new RefreshRwAccessPayload(
                    null, List.of(new InvalidRegionCodeError(code + " is not a known kab/kota", field, given)));
        }
        if (!caller.covers(code.dotted())) {
            throw new AccessDeniedException("kab/kota " + code + " lies outside your scope " + caller.scope());
        }
        return new RefreshRwAccessPayload(access.refresh(code.dotted()), List.of());
    }

    @BatchMapping(typeName = "RwAccess")
    Map<RwAccess, Region> rw(List<RwAccess> batch) {
        Map<String, Region> byCode =
                regions
                        .findByCodes(
                                batch.stream().map(RwAccess::rwCode).distinct().toList())
                        .stream()
                        .collect(Collectors.toMap(Region::code, Function.identity()));
        Map<RwAccess, Region> result = new LinkedHashMap<>();
        batch.forEach(row -> {
            if (byCode.containsKey(row.rwCode())) {
                result.put(row, byCode.get(row.rwCode()));
            }
        });
        return result;
    }

    @SchemaMapping(typeName = "RwAccess")
    Boolean nearestIsResponsible(RwAccess row) {
        return row.responsible() == null || row.nearest() == null
                ? null
                : row.responsible().facilityId() == row.nearest().facilityId();
    }

    @BatchMapping(typeName = "RwAccess")
    Map<RwAccess, List<AccessWarning>> warnings(List<RwAccess> batch) {
        Map<String, RoadNetworkQuality.Assessment> assessments = new HashMap<>();
        Map<RwAccess, List<AccessWarning>> result = new LinkedHashMap<>();
        for (RwAccess row : batch) {
            RoadNetworkQuality.Assessment network = assessments.computeIfAbsent(
                    row.rwCode().substring(0, 5) + ":" + row.mode(),
                    k -> quality.assess(row.rwCode().substring(0, 5), row.mode()));
            List<AccessWarning> warnings = new ArrayList<>(AccessWarning.of(row));
            warnings.addAll(AccessWarning.networkForRow(network));
            result.put(row, warnings);
        }
        return result;
    }

    @BatchMapping(typeName = "RwAccess")
    Map<RwAccess, Facility> facility(List<RwAccess> batch) {
        return byRow(batch, row -> row.nearest() == null ? null : row.nearest().facilityId());
    }

    @SchemaMapping(typeName = "RwAccess")
    Double distanceMeters(RwAccess row) {
        return row.nearest() == null ? null : row.nearest().distanceMeters();
    }

    @SchemaMapping(typeName = "RwAccess")
    Double roadDistanceMeters(RwAccess row) {
        return row.nearest() == null ? null : row.nearest().roadDistanceMeters();
    }

    @SchemaMapping(typeName = "RwAccess")
    Double travelTimeSeconds(RwAccess row) {
        return row.nearest() == null ? null : row.nearest().travelTimeSeconds();
    }

    @SchemaMapping(typeName = "RwAccess")
    TravelModel.Method method(RwAccess row) {
        return row.nearest() == null ? null : row.nearest().method();
    }

    @SchemaMapping(typeName = "RwAccess")
    Double detourFactor(RwAccess row) {
        return row.nearest() == null ? null : row.nearest().detourFactor();
    }

    @BatchMapping(typeName = "AccessLeg", field = "facility")
    Map<RwAccess.Leg, Facility> legFacility(List<RwAccess.Leg> batch) {
        return byRow(batch, RwAccess.Leg::facilityId);
    }

    @SchemaMapping(typeName = "AccessLeg")
    Facility.LocationQuality facilityLocationQuality(RwAccess.Leg leg) {
        return leg.locationQuality();
    }

    @BatchMapping(typeName = "PuskesmasResponsibility", field = "puskesmas")
    Map<RwAccess.Responsibility, Facility> responsiblePuskesmas(List<RwAccess.Responsibility> batch) {
        return byRow(batch, RwAccess.Responsibility::facilityId);
    }

    @BatchMapping(typeName = "PuskesmasResponsibility")
    Map<RwAccess.Responsibility, List<Facility>> claimants(List<RwAccess.Responsibility> batch) {
        Map<Long, Facility> byId = facilitiesById(
                batch.stream().flatMap(r -> r.claimantIds().stream()).toList());
        Map<RwAccess.Responsibility, List<Facility>> result = new LinkedHashMap<>();
        batch.forEach(r -> result.put(
                r,
                r.claimantIds().stream().map(byId::get).filter(Objects::nonNull).toList()));
        return result;
    }

    @BatchMapping(typeName = "PuskesmasCoverage")
    Map<RwAccessService.FacilityCoverage, Facility> puskesmas(List<RwAccessService.FacilityCoverage> batch) {
        return byRow(batch, RwAccessService.FacilityCoverage::facilityId);
    }

    @SchemaMapping(typeName = "PuskesmasCoverage")
    boolean approximateLocation(RwAccessService.FacilityCoverage group) {
        return group.approximate();
    }

    @SchemaMapping(typeName = "AccessCoverage")
    List<AccessWarning> warnings(RwAccessService.Coverage coverage) {
        List<AccessWarning> warnings = new ArrayList<>();
        access.kabkotaCodesOf(coverage.regionCode())
                .forEach(k -> warnings.addAll(AccessWarning.network(quality.assess(k, coverage.mode()))));
        for (RwAccessService.FacilityCoverage group : coverage.byPuskesmas()) {
            if (group.approximate()) {
                warnings.add(AccessWarning.approximate(
                        group.facilityName(),
                        "the distances and times of its " + group.coverage().rwCount() + " RWs"));
            }
            if (group.status() == RwAccess.ResponsibilityStatus.NO_WILAYAH_KERJA) {
                warnings.add(
                        new AccessWarning(
                                AccessWarning.Code.NO_WILAYAH_KERJA,
                                group.coverage().rwCount()
                                        + " RWs lie in no puskesmas's wilayah kerja: counted as unassigned, neither within nor beyond"));
            } else if (group.status() == RwAccess.ResponsibilityStatus.SEVERAL_WILAYAH_KERJA) {
                warnings.add(new AccessWarning(
                        AccessWarning.Code.SEVERAL_WILAYAH_KERJA,
                        group.coverage().rwCount()
                                + " RWs lie in several puskesmas's wilayah kerja: counted as unassigned, neither within nor"
                                + " beyond"));
            }
        }
        return warnings;
    }

    @SchemaMapping(typeName = "AccessCoverage")
    RwAccessService.Target groupedBy(RwAccessService.Coverage coverage) {
        return coverage.groupedBy();
    }

    /** The facility of each row (by internal id; rows without one are left out). */
    private <T> Map<T, Facility> byRow(List<T> batch, Function<T, Long> id) {
        Map<Long, Facility> byId = facilitiesById(batch.stream().map(id).toList());
        Map<T, Facility> result = new LinkedHashMap<>();
        batch.forEach(row -> {
            Long key = id.apply(row);
            if (key != null && byId.containsKey(key)) {
                result.put(row, byId.get(key));
            }
        });
        return result;
    }

    @SchemaMapping(typeName = "AccessCoverage")
    Region region(RwAccessService.Coverage coverage) {
        return regions.findByCode(coverage.regionCode()).orElse(null);
    }

    @SchemaMapping(typeName = "RefreshRwAccessPayload")
    String kabkotaCode(RefreshRwAccessPayload payload) {
        return payload.refresh() == null ? null : payload.refresh().kabkotaCode();
    }

    @SchemaMapping(typeName = "RefreshRwAccessPayload")
    Integer rwCount(RefreshRwAccessPayload payload) {
        return payload.refresh() == null ? null : payload.refresh().rwCount();
    }

    @SchemaMapping(typeName = "RefreshRwAccessPayload")
    Integer roadRwCount(RefreshRwAccessPayload payload) {
        return payload.refresh() == null ? null : payload.refresh().roadCount();
    }

    @SchemaMapping(typeName = "RefreshRwAccessPayload")
    Integer detourRwCount(RefreshRwAccessPayload payload) {
        return payload.refresh() == null ? null : payload.refresh().detourCount();
    }

    @SchemaMapping(typeName = "RefreshRwAccessPayload")
    Integer unassignedRwCount(RefreshRwAccessPayload payload) {
        return payload.refresh() == null ? null : payload.refresh().unassignedCount();
    }

    @SchemaMapping(typeName = "RefreshRwAccessPayload")
    Integer responsibleNotNearestRwCount(RefreshRwAccessPayload payload) {
        return payload.refresh() == null ? null : payload.refresh().notNearestCount();
    }

    private Map<Long, Facility> facilitiesById(List<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return facilities.findByIds(wanted).stream()
                .collect(Collectors.toMap(Facility::internalId, Function.identity()));
    }
}
