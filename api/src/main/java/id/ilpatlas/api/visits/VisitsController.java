package id.ilpatlas.api.visits;

import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.outreach.OutreachPlan;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.region.RegionLevel;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code recordOutreachVisit}, {@code outreachRealisation} and the visit fields of plans and RWs ({@code visits.graphqls}). */
@Controller
class VisitsController {

    record RecordOutreachVisitPayload(OutreachVisit outreachVisit, boolean created, List<UserError> errors) {}

    private final OutreachVisits visits;
    private final OutreachRealisation realisation;
    private final Callers callers;

    VisitsController(OutreachVisits visits, OutreachRealisation realisation, Callers callers) {
        this.visits = visits;
        this.realisation = realisation;
        this.callers = callers;
    }

    @MutationMapping
    RecordOutreachVisitPayload recordOutreachVisit(
            @Argument OutreachVisits.RecordOutreachVisitInput input, Principal principal) {
        OutreachVisits.Result result = visits.record(callers.of(principal), input);
        return new RecordOutreachVisitPayload(result.visit(), result.created(), result.errors());
    }

    @QueryMapping
    OutreachRealisation.Report outreachRealisation(
            @Argument String regionCode, @Argument String month, Principal principal) {
        return realisation.report(callers.of(principal), regionCode, month);
    }

    /** A visit's free-text notes for the roles of {@link Permission#READ_VISIT_NOTES}; null for the others. */
    @SchemaMapping(typeName = "OutreachVisit")
    String notes(OutreachVisit visit, Principal principal) {
        return AccessPolicy.may(callers.of(principal), Permission.READ_VISIT_NOTES) ? visit.notes() : null;
    }

    /** The visits recorded on a plan (the plan itself was read under the plan rules). */
    @BatchMapping(typeName = "OutreachPlan")
    Map<OutreachPlan, List<OutreachVisit>> visits(List<OutreachPlan> plans) {
        Map<String, List<OutreachVisit>> byPlan = visits.ofPlans(
                plans.stream().map(OutreachPlan::kabkotaCode).distinct().toList(),
                plans.stream().map(p -> Long.parseLong(p.id())).distinct().toList());
        Map<OutreachPlan, List<OutreachVisit>> out = new LinkedHashMap<>();
        plans.forEach(p -> out.put(p, byPlan.getOrDefault(p.id(), List.of())));
        return out;
    }

    /** The last visit of an RW inside the caller's scope; null for other regions, outside the scope, or anonymous. */
    @BatchMapping(typeName = "Region")
    Map<Region, OutreachVisit> lastOutreachVisit(List<Region> regions, Principal principal) {
        Caller caller = callers.of(principal);
        List<String> rws = regions.stream()
                .filter(r -> r.level() == RegionLevel.RW)
                .map(Region::code)
                .filter(caller::covers)
                .distinct()
                .toList();
        Map<String, OutreachVisit> last =
                !AccessPolicy.may(caller, Permission.READ_LAST_VISITS) ? Map.of() : visits.lastVisits(rws);
        Map<Region, OutreachVisit> out = new LinkedHashMap<>();
        regions.forEach(r -> out.put(r, last.get(r.code())));
        return out;
    }
}
