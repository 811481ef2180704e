package id.ilpatlas.api.outreach;

import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityRepository;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Permission;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code planOutreach} (answers with a job), {@code outreachPlanJob}, {@code outreachPlan}, {@code puslingUnits}
 * ({@code outreachPlans}: {@link OutreachPlanLifecycleController}).
 */
@Controller
class OutreachController {

    /** The GraphQL payload of {@code planOutreach}. */
    record PlanOutreachPayload(OutreachPlanJob job, List<UserError> errors) {}

    /** A Pusling unit as GraphQL serves it. */
    record PuslingUnit(
            String id,
            String facilityId,
            String name,
            String plate,
            String vehicle,
            int teamSize,
            boolean active,
            boolean synthetic) {}

    private final OutreachPlanner planner;
    private final OutreachPlanJobRunner runner;
    private final OutreachPlanJobs jobs;
    private final OutreachPlans plans;
    private final FacilityRepository facilities;
    private final Callers callers;
    private final OutreachPlanQueries queries;

    OutreachController(
            OutreachPlanner planner,
            OutreachPlanJobRunner runner,
            OutreachPlanJobs jobs,
            OutreachPlans plans,
            FacilityRepository facilities,
            Callers callers,
            OutreachPlanQueries queries) {
        this.planner = planner;
        this.runner = runner;
        this.jobs = jobs;
        this.queries = queries;
        this.plans = plans;
        this.facilities = facilities;
        this.callers = callers;
    }

    @MutationMapping
    PlanOutreachPayload planOutreach(@Argument PlanOutreachInput input, Principal principal) {
        OutreachPlanner.Queued queued = planner.queue(callers.of(principal), input);
        if (queued.job() != null) {
            runner.submit(Long.parseLong(queued.job().id()));
        }
        return new PlanOutreachPayload(queued.job(), queued.errors());
    }

    /** A job with an RW inside the caller's scope (roles that read plans); null otherwise. */
    @QueryMapping
    OutreachPlanJob outreachPlanJob(@Argument String id, Principal principal) {
        Caller caller = reader(callers.of(principal));
        long key;
        try {
            key = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        return jobs.find(key)
                .filter(j -> j.rwCodes().stream().anyMatch(caller::covers))
                .orElse(null);
    }

    @SchemaMapping(typeName = "OutreachPlanJob")
    OutreachPlan plan(OutreachPlanJob job) {
        return job.planId() == null
                ? null
                : plans.find(Long.parseLong(job.planId())).orElse(null);
    }

    /** The Pusling units of a facility (anyone who reads plans: they are part of the registry). */
    @QueryMapping
    List<PuslingUnit> puslingUnits(@Argument String facilityId, Principal principal) {
        reader(callers.of(principal));
        return queries.puslingUnits(facilityId.strip());
    }

    @QueryMapping
    OutreachPlan outreachPlan(@Argument String id, Principal principal) {
        return readable(plans, callers.of(principal), id).orElse(null);
    }

    /** The target selections each plan was made from, in the order given (one query for all the plans asked). */
    @BatchMapping(typeName = "OutreachPlan")
    Map<OutreachPlan, List<String>> targetSelectionIds(List<OutreachPlan> plans) {
        Map<String, List<String>> byPlan = queries.selectionIds(plans);
        Map<OutreachPlan, List<String>> result = new LinkedHashMap<>();
        plans.forEach(p -> result.put(p, byPlan.getOrDefault(p.id(), List.of())));
        return result;
    }

    @SchemaMapping(typeName = "OutreachPlan")
    Facility depot(OutreachPlan plan) {
        return facilities.findByIds(List.of(plan.depotInternalId())).get(0);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    Facility base(OutreachPlan plan) {
        return depot(plan);
    }

    /**
     * The plan when the caller may read it; FORBIDDEN for roles that never read plans, empty when there is no such
     * plan or none of its RWs is inside the caller's scope.
     */
    static Optional<OutreachPlan> readable(OutreachPlans plans, Caller caller, String id) {
        reader(caller);
        return plans.findVisible(caller, id);
    }

    /** The caller, when their role reads plans (Dinkes, camat, lurah, puskesmas); FORBIDDEN otherwise. */
    static Caller reader(Caller caller) {
        if (!AccessPolicy.may(caller, Permission.READ_PLANS_AND_SELECTIONS)) {
            throw new AccessDeniedException("outreach plans are visible to the Dinkes, camat, lurah and puskesmas");
        }
        return caller;
    }
}
