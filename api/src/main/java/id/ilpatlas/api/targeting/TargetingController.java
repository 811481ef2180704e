package id.ilpatlas.api.targeting;

import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityRepository;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.RateEstimateKind;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Permission;
import java.security.Principal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code targetCandidates}, the target-selection reads and the workflow mutations. */
@Controller
class TargetingController {

    /** The payload shape shared by the create, update, submit, resubmit, review and withdraw mutations. */
    record TargetSelectionPayload(
            TargetSelection targetSelection, List<TargetSelection.Conflict> conflicts, List<UserError> errors) {
        static TargetSelectionPayload of(TargetSelectionCommands.Result r) {
            return new TargetSelectionPayload(r.targetSelection(), r.conflicts(), r.errors());
        }
    }

    private final TargetCandidates candidates;
    private final TargetSelectionCommands commands;
    private final TargetSelectionQueries queries;
    private final TargetSelectionConflictResolver resolver;
    private final Callers callers;
    private final FacilityRepository facilities;

    TargetingController(
            TargetCandidates candidates,
            TargetSelectionCommands commands,
            TargetSelectionQueries queries,
            TargetSelectionConflictResolver resolver,
            Callers callers,
            FacilityRepository facilities) {
        this.facilities = facilities;
        this.candidates = candidates;
        this.commands = commands;
        this.queries = queries;
        this.resolver = resolver;
        this.callers = callers;
    }

    @QueryMapping
    TargetCandidates.Ranking targetCandidates(
            @Argument String regionCode,
            @Argument Map<String, Object> period,
            @Argument Map<String, Object> weights,
            @Argument RwAccessService.Target accessTo,
            @Argument TravelMode mode,
            @Argument RateEstimateKind estimate,
            Principal principal) {
        return candidates.rank(
                callers.of(principal),
                regionCode,
                IndicatorPeriod.parse(period),
                TargetCandidates.weights(weights),
                accessTo == null ? RwAccessService.Target.RESPONSIBLE_PUSKESMAS : accessTo,
                mode == null ? TravelMode.DEFAULT : mode,
                estimate == null ? RateEstimateKind.STABLE : estimate);
    }

    @BatchMapping(typeName = "TargetCandidate")
    Map<TargetCandidates.Candidate, Facility> puskesmas(List<TargetCandidates.Candidate> batch) {
        List<Long> ids = batch.stream()
                .map(TargetCandidates.Candidate::puskesmasId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, Facility> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            facilities.findByIds(ids).forEach(f -> byId.put(f.internalId(), f));
        }
        Map<TargetCandidates.Candidate, Facility> result = new LinkedHashMap<>();
        batch.forEach(c -> {
            if (c.puskesmasId() != null && byId.containsKey(c.puskesmasId())) {
                result.put(c, byId.get(c.puskesmasId()));
            }
        });
        return result;
    }

    @QueryMapping
    TargetSelection targetSelection(@Argument String id, Principal principal) {
        Caller caller = readable(callers.of(principal));
        return queries.load(id).filter(s -> visible(caller, s)).orElse(null);
    }

    @QueryMapping
    Connection<TargetSelection> targetSelections(
            @Argument TargetSelectionQueries.Filter filter,
            @Argument TargetSelectionQueries.Order orderBy,
            @Argument Integer first,
            @Argument String after,
            Principal principal,
            DataFetchingEnvironment env) {
        Caller caller = readable(callers.of(principal));
        TargetSelectionQueries.Order order = TargetSelectionQueries.order(orderBy);
        PageRequest page = PageRequest.of(order.cursorKind(), first, after);
        return queries.page(caller, filter, order, page, env.getSelectionSet().contains("totalCount"));
    }

    @SchemaMapping(typeName = "TargetSelection")
    List<TargetSelection.Conflict> conflicts(TargetSelection selection) {
        return queries.conflicts(selection);
    }

    @BatchMapping(typeName = "TargetSelection")
    Map<TargetSelection, List<TargetSelection.Transition>> history(List<TargetSelection> batch) {
        return queries.history(batch);
    }

    private static Caller readable(Caller caller) {
        if (!AccessPolicy.may(caller, Permission.READ_PLANS_AND_SELECTIONS)) {
            throw new AccessDeniedException("target selections are visible to the Dinkes, camat, lurah and puskesmas");
        }
        return caller;
    }

    private static boolean visible(Caller caller, TargetSelection s) {
        return s.rwCodes().stream().anyMatch(caller::covers);
    }

    @MutationMapping
    TargetSelectionPayload createTargetSelection(
            @Argument TargetSelectionCommands.CreateTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.create(callers.of(principal), input));
    }

    @MutationMapping
    TargetSelectionPayload submitTargetSelection(
            @Argument TargetSelectionCommands.SubmitTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.submit(callers.of(principal), input));
    }

    /** The payload of {@code deleteTargetSelection}. */
    record DeleteTargetSelectionPayload(String deletedId, List<UserError> errors) {}

    @MutationMapping
    TargetSelectionPayload withdrawTargetSelection(
            @Argument TargetSelectionCommands.WithdrawTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.withdraw(callers.of(principal), input));
    }

    @MutationMapping
    DeleteTargetSelectionPayload deleteTargetSelection(
            @Argument TargetSelectionCommands.DeleteTargetSelectionInput input, Principal principal) {
        TargetSelectionCommands.Deleted deleted = commands.delete(callers.of(principal), input);
        return new DeleteTargetSelectionPayload(deleted.deletedId(), deleted.errors());
    }

    @MutationMapping
    TargetSelectionPayload updateTargetSelection(
            @Argument TargetSelectionCommands.UpdateTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.update(callers.of(principal), input));
    }

    @MutationMapping
    TargetSelectionPayload resubmitTargetSelection(
            @Argument TargetSelectionCommands.ResubmitTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.resubmit(callers.of(principal), input));
    }

    /** The payload of {@code resolveTargetSelectionConflicts}. */
    record ResolveTargetSelectionConflictsPayload(
            TargetSelection approved, List<TargetSelection> rejected, List<UserError> errors) {}

    @MutationMapping
    ResolveTargetSelectionConflictsPayload resolveTargetSelectionConflicts(
            @Argument TargetSelectionConflictResolver.ResolveTargetSelectionConflictsInput input, Principal principal) {
        TargetSelectionConflictResolver.Resolved r = resolver.resolve(callers.of(principal), input);
        return new ResolveTargetSelectionConflictsPayload(r.approved(), r.rejected(), r.errors());
    }

    @MutationMapping
    TargetSelectionPayload reviewTargetSelection(
            @Argument TargetSelectionCommands.ReviewTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.review(callers.of(principal), input));
    }
}
