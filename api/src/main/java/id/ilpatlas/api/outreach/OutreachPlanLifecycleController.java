package id.ilpatlas.api.outreach;

import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.region.RegionCode;
import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The plan lifecycle over GraphQL ({@code plan-lifecycle.graphqls}): {@code outreachPlans} as a connection with
 * filters, the lifecycle fields of {@code OutreachPlan} and the mutations publish, complete, cancel and delete.
 */
@Controller
class OutreachPlanLifecycleController {

    static final int MAX_FIRST = 100;
    static final String CURSOR_KIND = "outreachPlan";
    /** The request's loader of plans' lifecycle states by plan id. */
    static final String STATES = "outreachPlanLifecycleStates";

    /** The filters of {@code outreachPlans}; each null field is no filter. */
    record OutreachPlanFilter(
            List<String> statuses, String month, String depotFacilityId, String regionCode, String targetSelectionId) {}

    record PublishOutreachPlanInput(String id, Integer version) {}

    record CompleteOutreachPlanInput(String id, Integer version) {}

    record CancelOutreachPlanInput(String id, Integer version, String reason) {}

    record DeleteOutreachPlanInput(String id, Integer version) {}

    /** The payload of publish, complete and cancel. */
    record OutreachPlanLifecyclePayload(OutreachPlan outreachPlan, List<UserError> errors) {}

    record DeleteOutreachPlanPayload(String deletedId, List<UserError> errors) {}

    private final OutreachPlanLifecycle lifecycle;
    private final OutreachPlans plans;
    private final Callers callers;
    private final OutreachPlanQueries queries;

    OutreachPlanLifecycleController(
            OutreachPlanLifecycle lifecycle,
            OutreachPlans plans,
            Callers callers,
            OutreachPlanQueries queries,
            BatchLoaderRegistry loaders) {
        this.lifecycle = lifecycle;
        loaders.<String, OutreachPlanLifecycle.State>forName(STATES)
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() ->
                        lifecycle.findAll(ids.stream().map(Long::parseLong).toList()).stream()
                                .collect(Collectors.toMap(OutreachPlanLifecycle.State::id, Function.identity()))));
        this.plans = plans;
        this.callers = callers;
        this.queries = queries;
    }

    // ------------------------------------------------------------------------------------------------ list

    @QueryMapping
    Connection<OutreachPlan> outreachPlans(
            @Argument OutreachPlanFilter filter,
            @Argument String orderBy,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = OutreachController.reader(callers.of(principal));
        int size = first == null ? 20 : first;
        if (size < 1 || size > MAX_FIRST) {
            throw new InvalidArgumentException("first", "first must be 1-" + MAX_FIRST + ", got " + size);
        }
        PageRequest page = PageRequest.of(CURSOR_KIND, size, after);
        OutreachPlanFilter f = filter == null ? new OutreachPlanFilter(null, null, null, null, null) : filter;
        LocalDate month = f.month() == null
                ? null
                : AreaMonth.month(f.month(), "filter.month").atDay(1);
        String region = null;
        if (f.regionCode() != null) {
            if (!RegionCode.isValid(f.regionCode())) {
                throw new InvalidArgumentException("filter.regionCode", "not a region code: " + f.regionCode());
            }
            region = RegionCode.parse(f.regionCode()).dotted();
        }
        Long selection = null;
        if (f.targetSelectionId() != null) {
            try {
                selection = Long.parseLong(f.targetSelectionId().strip());
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException(
                        "filter.targetSelectionId", "not a selection id: " + f.targetSelectionId());
            }
        }
        String order = orderBy == null ? "NEWEST_FIRST" : orderBy;
        OutreachPlanQueries.Page rows = queries.page(caller, f, month, region, selection, order, page);
        List<OutreachPlan> found = rows.months().keySet().stream()
                .map(id -> plans.find(id).orElseThrow())
                .toList();
        return Connection.of(found, page, p -> rows.months().get(Long.parseLong(p.id())) + "/" + p.id(), rows.total());
    }

    // ------------------------------------------------------------------------------------------------ fields

    /**
     * A lifecycle field of a plan, through the request's {@value #STATES} loader: the eight lifecycle fields of a page
     * of plans are one query, not one per field.
     */
    private static <T> CompletableFuture<T> field(
            OutreachPlan plan, DataFetchingEnvironment env, Function<OutreachPlanLifecycle.State, T> of) {
        DataLoader<String, OutreachPlanLifecycle.State> loader = env.getDataLoader(STATES);
        return loader.load(plan.id()).thenApply(state -> state == null ? null : of.apply(state));
    }

    /**
     * The planner's notes, stored with the plan, and a {@code VISIT_ON_DAY_OFF} note for each day of a DRAFT or
     * PUBLISHED plan with visits that is now a day off of the kab/kota (computed when read: a day off added after the
     * plan was made does not move its visits).
     */
    @BatchMapping(typeName = "OutreachPlan")
    Map<OutreachPlan, List<OutreachPlan.Note>> notes(List<OutreachPlan> batch) {
        Map<String, List<OutreachPlan.Note>> onDaysOff = queries.visitsOnDaysOff(batch);
        Map<OutreachPlan, List<OutreachPlan.Note>> out = new LinkedHashMap<>();
        for (OutreachPlan plan : batch) {
            List<OutreachPlan.Note> notes = new ArrayList<>(plan.notes() == null ? List.of() : plan.notes());
            notes.addAll(onDaysOff.getOrDefault(plan.id(), List.of()));
            out.put(plan, notes);
        }
        return out;
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<OutreachPlanStatus> status(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::status);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<Integer> version(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::version);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<String> serviceMonth(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, s -> String.valueOf(s.serviceMonth()));
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<String> cancelReason(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::cancelReason);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<String> publishedBy(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::publishedBy);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<String> publishedAt(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::publishedAt);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<String> statusChangedBy(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::statusChangedBy);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    CompletableFuture<String> statusChangedAt(OutreachPlan plan, DataFetchingEnvironment env) {
        return field(plan, env, OutreachPlanLifecycle.State::statusChangedAt);
    }

    // ------------------------------------------------------------------------------------------------ mutations

    @MutationMapping
    OutreachPlanLifecyclePayload publishOutreachPlan(@Argument PublishOutreachPlanInput input, Principal principal) {
        return payload(lifecycle.publish(callers.of(principal), input.id(), input.version()));
    }

    @MutationMapping
    OutreachPlanLifecyclePayload completeOutreachPlan(@Argument CompleteOutreachPlanInput input, Principal principal) {
        return payload(lifecycle.complete(callers.of(principal), input.id(), input.version()));
    }

    @MutationMapping
    OutreachPlanLifecyclePayload cancelOutreachPlan(@Argument CancelOutreachPlanInput input, Principal principal) {
        return payload(lifecycle.cancel(callers.of(principal), input.id(), input.version(), input.reason()));
    }

    @MutationMapping
    DeleteOutreachPlanPayload deleteOutreachPlan(@Argument DeleteOutreachPlanInput input, Principal principal) {
        OutreachPlanLifecycle.Deleted deleted = lifecycle.delete(callers.of(principal), input.id(), input.version());
        return new DeleteOutreachPlanPayload(deleted.deletedId(), deleted.errors());
    }

    private OutreachPlanLifecyclePayload payload(OutreachPlanLifecycle.Result result) {
        OutreachPlan plan = result.state() == null
                ? null
                : plans.find(Long.parseLong(result.state().id())).orElseThrow();
        return new OutreachPlanLifecyclePayload(plan, result.errors());
    }
}
