package id.ilpatlas.api.outreach;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityRepository;
import id.ilpatlas.api.graphql.GraphQlErrors;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.targeting.TargetCandidates;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code planOutreach} and {@code outreachPlan} ({@code outreachPlans}: {@link OutreachPlanLifecycleController}). */
@Controller
class OutreachController {

    /** The GraphQL payload of {@code planOutreach}. */
    record PlanOutreachPayload(OutreachPlan outreachPlan, List<UserError> errors) {
    }

    private final OutreachPlanner planner;
    private final OutreachPlans plans;
    private final FacilityRepository facilities;
    private final Callers callers;

    OutreachController(OutreachPlanner planner, OutreachPlans plans, FacilityRepository facilities, Callers callers) {
        this.planner = planner;
        this.plans = plans;
        this.facilities = facilities;
        this.callers = callers;
    }

    @MutationMapping
    PlanOutreachPayload planOutreach(@Argument OutreachPlanner.PlanOutreachInput input, Principal principal) {
        OutreachPlanner.Result result = planner.plan(callers.of(principal), input);
        return new PlanOutreachPayload(result.plan(), result.errors());
    }

    /** Every solver slot busy: retryable, like the database being away. */
    @GraphQlExceptionHandler
    GraphQLError plannerBusy(OutreachPlanner.PlannerBusyException e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env).errorType(GraphQlErrors.UNAVAILABLE)
                .message(e.getMessage()).extensions(Map.of("code", "PLANNER_BUSY")).build();
    }

    @QueryMapping
    OutreachPlan outreachPlan(@Argument String id, Principal principal) {
        return readable(plans, callers.of(principal), id).orElse(null);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    Facility depot(OutreachPlan plan) {
        return facilities.findByIds(List.of(plan.depotInternalId())).get(0);
    }

    /**
     * The plan when the caller may read it; FORBIDDEN for roles that never read plans, empty when there is no such
     * plan or none of its RWs is inside the caller's scope.
     */
    static Optional<OutreachPlan> readable(OutreachPlans plans, Caller caller, String id) {
        reader(caller);
        long key;
        try {
            key = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return plans.find(key).filter(p -> plans.visible(caller, p));
    }

    /** The caller, when their role reads plans (Dinkes, camat, lurah, puskesmas); FORBIDDEN otherwise. */
    static Caller reader(Caller caller) {
        if (!TargetCandidates.RANKING_ROLES.contains(caller.role())) {
            throw new AccessDeniedException("outreach plans are visible to the Dinkes, camat, lurah and puskesmas");
        }
        return caller;
    }
}
