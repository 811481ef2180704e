package id.ilpatlas.api.facility;

import id.ilpatlas.geo.schedule.MonthlySession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import reactor.core.publisher.Mono;

/**
 * Batch loaders for facility fields that take arguments ({@code @BatchMapping} cannot): each loads a whole
 * response's worth of keys in one statement per distinct argument value.
 */
@Configuration(proxyBeanMethods = false)
class FacilityLoaders {

    static final String CHILDREN = "facilityChildren";
    static final String SESSIONS = "facilitySessions";
    static final String REGION_FACILITIES = "regionFacilities";

    /** Children of a facility, optionally of one type. */
    record ChildrenKey(long parentId, FacilityType type) {}

    /** Facilities located in a region, optionally of one type. */
    record RegionFacilitiesKey(String regionCode, FacilityType type) {}

    FacilityLoaders(BatchLoaderRegistry registry, FacilityRepository facilities) {
        registry.<ChildrenKey, List<Facility>>forName(CHILDREN)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> children(facilities, keys)));
        registry.<Long, List<MonthlySession>>forName(SESSIONS)
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> {
                    Map<Long, List<MonthlySession>> found = facilities.sessions(ids);
                    Map<Long, List<MonthlySession>> result = new HashMap<>();
                    ids.forEach(id -> result.put(id, found.getOrDefault(id, List.of())));
                    return result;
                }));
        registry.<RegionFacilitiesKey, List<Facility>>forName(REGION_FACILITIES)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> inRegions(facilities, keys)));
    }

    private static Map<ChildrenKey, List<Facility>> children(FacilityRepository facilities, Set<ChildrenKey> keys) {
        Map<ChildrenKey, List<Facility>> result = new HashMap<>();
        keys.stream()
                .collect(Collectors.groupingBy(key -> java.util.Optional.ofNullable(key.type())))
                .forEach((type, group) -> {
                    Map<Long, List<Facility>> byParent = facilities
                            .findActiveChildren(
                                    group.stream().map(ChildrenKey::parentId).toList(), type.orElse(null))
                            .stream()
                            .collect(Collectors.groupingBy(Facility::parentId));
                    group.forEach(key -> result.put(key, byParent.getOrDefault(key.parentId(), List.of())));
                });
        return result;
    }

    private static Map<RegionFacilitiesKey, List<Facility>> inRegions(
            FacilityRepository facilities, Set<RegionFacilitiesKey> keys) {
        Map<RegionFacilitiesKey, List<Facility>> result = new HashMap<>();
        keys.stream()
                .collect(Collectors.groupingBy(key -> java.util.Optional.ofNullable(key.type())))
                .forEach((type, group) -> {
                    Map<String, List<Facility>> byRegion = facilities.findActiveInRegions(
                            group.stream().map(RegionFacilitiesKey::regionCode).toList(), type.orElse(null));
                    group.forEach(key -> result.put(key, byRegion.getOrDefault(key.regionCode(), List.of())));
                });
        return result;
    }
}
