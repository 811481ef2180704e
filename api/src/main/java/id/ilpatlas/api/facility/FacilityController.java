package id.ilpatlas.api.facility;

import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.region.RegionRepository;
import id.ilpatlas.geo.schedule.MonthlySession;
import id.ilpatlas.geo.schedule.SessionCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

/** GraphQL reads of the facility registry; every nested list is batched (no N+1). */
@Controller
class FacilityController {

    static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Jakarta");
    static final int MAX_NEAREST = 100;
    static final int MAX_NEXT_SESSIONS = 24;

    /** {@code PosyanduSession} as the API shows it. */
    record PosyanduSession(
            id.ilpatlas.geo.schedule.WeekOfMonth weekOfMonth,
            DayOfWeek dayOfWeek,
            LocalTime startTime,
            LocalTime endTime,
            String description,
            String descriptionIndonesian) {
        static PosyanduSession of(MonthlySession session) {
            return new PosyanduSession(
                    session.week(),
                    session.dayOfWeek(),
                    session.startTime(),
                    session.endTime(),
                    session.describe(),
                    session.describeIndonesian());
        }
    }

    /** {@code SessionOccurrence}. */
    record SessionOccurrence(LocalDate date, LocalTime startTime, LocalTime endTime, PosyanduSession session) {}

    private final FacilityRepository facilities;
    private final CatalogueRepository catalogue;
    private final RegionRepository regions;
    private final JsonMapper jsonMapper;

    FacilityController(
            FacilityRepository facilities,
            CatalogueRepository catalogue,
            RegionRepository regions,
            JsonMapper jsonMapper) {
        this.facilities = facilities;
        this.catalogue = catalogue;
        this.regions = regions;
        this.jsonMapper = jsonMapper;
    }

    // ------------------------------------------------------------------------------------------------ queries

    @QueryMapping
    Connection<Facility> facilities(
            @Argument FacilityFilter filter,
            @Argument Integer first,
            @Argument String after,
            DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of("facility", first, after);
        FacilitySearch search = FacilitySearch.of(
                filter,
                jsonMapper,
                key -> !catalogue.knownServiceKeys(List.of(key)).isEmpty(),
                catalogue::programExists,
                facilities::geometryProblem);
        Integer total = env.getSelectionSet().contains("totalCount") ? facilities.count(search) : null;
        return Connection.of(facilities.findPage(search, page), page, Facility::id, total);
    }

    @QueryMapping
    Facility facility(@Argument String id) {
        return facilities.findByCode(id).orElse(null);
    }

    @QueryMapping
    List<FacilityRepository.Distance> nearestFacilities(
            @Argument FacilityFilter.Point near,
            @Argument FacilityType type,
            @Argument String serviceKey,
            @Argument Integer first) {
        FacilitySearch.rejectImplausible("near", near.longitude(), near.latitude());
        int count = first == null ? 5 : first;
        if (count < 1 || count > MAX_NEAREST) {
            throw new InvalidArgumentException("first", "must be between 1 and " + MAX_NEAREST + ", was " + count);
        }
        if (serviceKey != null
                && catalogue.knownServiceKeys(List.of(serviceKey)).isEmpty()) {
            throw new InvalidArgumentException("serviceKey", "no service '" + serviceKey + "' in the catalogue");
        }
        return facilities.nearest(near.longitude(), near.latitude(), type, serviceKey, count);
    }

    @QueryMapping
    List<Service> services(@Argument String segment, @Argument String klaster, @Argument String deliveryLevel) {
        return catalogue.services(segment, klaster, deliveryLevel);
    }

    @QueryMapping
    List<Program> programs() {
        return catalogue.programs();
    }

    // ------------------------------------------------------------------------------------------------ Facility

    @BatchMapping
    Map<Facility, Facility> parent(List<Facility> batch) {
        Map<Long, Facility> parents =
                facilities
                        .findByIds(batch.stream()
                                .map(Facility::parentId)
                                .filter(Objects::nonNull)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(Facility::internalId, Function.identity()));
        Map<Facility, Facility> result = new LinkedHashMap<>();
        batch.forEach(f -> {
            if (f.parentId() != null) {
                result.put(f, parents.get(f.parentId()));
            }
        });
        return result;
    }

    @SchemaMapping
    CompletableFuture<List<Facility>> children(
            Facility facility, @Argument FacilityType type, DataFetchingEnvironment env) {
        DataLoader<FacilityLoaders.ChildrenKey, List<Facility>> loader = env.getDataLoader(FacilityLoaders.CHILDREN);
        return loader.load(new FacilityLoaders.ChildrenKey(facility.internalId(), type));
    }

    @BatchMapping
    Map<Facility, Region> kelurahan(List<Facility> batch) {
        return byRegionCode(batch, Facility::kelurahanCode);
    }

    @BatchMapping(typeName = "Address", field = "rw")
    Map<Facility.Address, Region> addressRw(List<Facility.Address> batch) {
        Map<String, Region> found = regionsByCode(batch.stream()
                .map(Facility.Address::rwCode)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        Map<Facility.Address, Region> result = new LinkedHashMap<>();
        batch.forEach(a -> {
            if (a.rwCode() != null && found.containsKey(a.rwCode())) {
                result.put(a, found.get(a.rwCode()));
            }
        });
        return result;
    }

    @BatchMapping
    Map<Facility, List<FacilityRepository.OpeningHours>> openingHours(List<Facility> batch) {
        return perFacility(batch, facilities.openingHours(ids(batch)));
    }

    @BatchMapping
    Map<Facility, List<Service>> services(List<Facility> batch) {
        return perFacility(batch, facilities.services(ids(batch)));
    }

    @BatchMapping
    Map<Facility, List<Program>> programs(List<Facility> batch) {
        return perFacility(batch, facilities.programs(ids(batch)));
    }

    @BatchMapping
    Map<Facility, List<Region>> catchment(List<Facility> batch) {
        return regionLists(batch, Facility::internalId, facilities.catchmentCodes(ids(batch)));
    }

    @SchemaMapping
    CompletableFuture<List<PosyanduSession>> sessions(Facility facility, DataFetchingEnvironment env) {
        return sessionsOf(facility, env)
                .thenApply(list -> list.stream().map(PosyanduSession::of).toList());
    }

    @SchemaMapping
    CompletableFuture<List<SessionOccurrence>> nextSessions(
            Facility facility, @Argument Integer count, @Argument LocalDate from, DataFetchingEnvironment env) {
        int n = count == null ? 3 : count;
        if (n < 1 || n > MAX_NEXT_SESSIONS) {
            throw new InvalidArgumentException("count", "must be between 1 and " + MAX_NEXT_SESSIONS + ", was " + n);
        }
        LocalDate start = from == null ? LocalDate.now(LOCAL_ZONE) : from;
        return sessionsOf(facility, env)
                .thenApply(list -> list.isEmpty()
                        ? List.of()
                        : SessionCalendar.next(list, start, n).stream()
                                .map(o -> new SessionOccurrence(
                                        o.date(),
                                        o.session().startTime(),
                                        o.session().endTime(),
                                        PosyanduSession.of(o.session())))
                                .toList());
    }

    private static CompletableFuture<List<MonthlySession>> sessionsOf(Facility facility, DataFetchingEnvironment env) {
        DataLoader<Long, List<MonthlySession>> loader = env.getDataLoader(FacilityLoaders.SESSIONS);
        return loader.load(facility.internalId());
    }

    // ------------------------------------------------------------------------------------------------ Region

    @SchemaMapping(typeName = "Region", field = "facilities")
    CompletableFuture<List<Facility>> regionFacilities(
            Region region, @Argument FacilityType type, DataFetchingEnvironment env) {
        DataLoader<FacilityLoaders.RegionFacilitiesKey, List<Facility>> loader =
                env.getDataLoader(FacilityLoaders.REGION_FACILITIES);
        return loader.load(new FacilityLoaders.RegionFacilitiesKey(region.code(), type));
    }

    @BatchMapping(typeName = "Region")
    Map<Region, Integer> posyanduCount(List<Region> batch) {
        Map<String, Integer> counts = facilities.posyanduCounts(
                batch.stream().map(Region::code).distinct().toList());
        Map<Region, Integer> result = new LinkedHashMap<>();
        batch.forEach(r -> result.put(r, counts.getOrDefault(r.code(), 0)));
        return result;
    }

    // ------------------------------------------------------------------------------------------------ Program

    @BatchMapping(typeName = "Program")
    Map<Program, List<Region>> areas(List<Program> batch) {
        return regionLists(
                batch,
                Program::key,
                catalogue.programAreas(batch.stream().map(Program::key).toList()));
    }

    @BatchMapping(typeName = "Program", field = "facilities")
    Map<Program, List<Facility>> programFacilities(List<Program> batch) {
        Map<String, List<Facility>> found =
                catalogue.programFacilities(batch.stream().map(Program::key).toList());
        Map<Program, List<Facility>> result = new LinkedHashMap<>();
        batch.forEach(p -> result.put(p, found.getOrDefault(p.key(), List.of())));
        return result;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<Long> ids(List<Facility> batch) {
        return batch.stream().map(Facility::internalId).distinct().toList();
    }

    private static <T> Map<Facility, List<T>> perFacility(List<Facility> batch, Map<Long, List<T>> found) {
        Map<Facility, List<T>> result = new LinkedHashMap<>();
        batch.forEach(f -> result.put(f, found.getOrDefault(f.internalId(), List.of())));
        return result;
    }

    private Map<Facility, Region> byRegionCode(List<Facility> batch, Function<Facility, String> code) {
        Map<String, Region> found =
                regionsByCode(batch.stream().map(code).distinct().toList());
        Map<Facility, Region> result = new LinkedHashMap<>();
        batch.forEach(f -> result.put(f, found.get(code.apply(f))));
        return result;
    }

    /** For each item of a batch, the regions whose codes {@code codes} lists under the item's key, in that order. */
    private <T, K> Map<T, List<Region>> regionLists(List<T> batch, Function<T, K> key, Map<K, List<String>> codes) {
        Map<String, Region> found = regionsByCode(
                codes.values().stream().flatMap(List::stream).distinct().toList());
        Map<T, List<Region>> result = new LinkedHashMap<>();
        batch.forEach(item -> result.put(
                item,
                codes.getOrDefault(key.apply(item), List.of()).stream()
                        .map(found::get)
                        .filter(Objects::nonNull)
                        .toList()));
        return result;
    }

    private Map<String, Region> regionsByCode(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        return regions.findByCodes(codes).stream().collect(Collectors.toMap(Region::code, Function.identity()));
    }
}
