package id.ilpatlas.api.cases;

import graphql.GraphQLContext;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.growth.GrowthAssessment;
import id.ilpatlas.geo.growth.GrowthInput;
import id.ilpatlas.geo.growth.GrowthStandards;
import id.ilpatlas.geo.growth.MeasurePosition;
import id.ilpatlas.geo.growth.Sex;
import id.ilpatlas.geo.region.RegionCode;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL reads of the case registers, the import jobs and the public WHO growth calculator. */
@Controller
class CaseController {

    private final Callers callers;
    private final CaseRepository cases;
    private final ImportJobs jobs;
    private final AuditLog audit;

    CaseController(Callers callers, CaseRepository cases, ImportJobs jobs, AuditLog audit) {
        this.callers = callers;
        this.cases = cases;
        this.jobs = jobs;
        this.audit = audit;
    }

    @QueryMapping
    GrowthAssessment growthAssessment(@Argument Map<String, Object> input) {
        Sex sex = Sex.valueOf((String) input.get("sex"));
        Integer ageDays = (Integer) input.get("ageDays");
        LocalDate birth = (LocalDate) input.get("birthDate");
        LocalDate measured = (LocalDate) input.get("measuredOn");
        Double weightKg = number(input, "weightKg");
        Double lengthCm = number(input, "lengthHeightCm");
        String position = (String) input.get("measured");
        MeasurePosition measuredPosition = position == null ? null : MeasurePosition.valueOf(position);
        boolean oedema = Boolean.TRUE.equals(input.get("oedema"));
        if (ageDays != null && (birth != null || measured != null)) {
            throw new InvalidArgumentException("input.ageDays", "give ageDays or birthDate and measuredOn, not both");
        }
        if ((birth == null) != (measured == null)) {
            throw new InvalidArgumentException(
                    birth == null ? "input.birthDate" : "input.measuredOn", "birthDate and measuredOn go together");
        }
        if (ageDays != null && ageDays < 0) {
            throw new InvalidArgumentException("input.ageDays", "must not be negative, was " + ageDays);
        }
        if (birth != null && measured.isBefore(birth)) {
            throw new InvalidArgumentException("input.measuredOn", "is before birthDate");
        }
        GrowthInput growth = ageDays != null
                ? GrowthInput.atAgeDays(sex, ageDays, weightKg, lengthCm, measuredPosition, oedema)
                : birth != null
                        ? GrowthInput.between(sex, birth, measured, weightKg, lengthCm, measuredPosition, oedema)
                        : GrowthInput.withoutAge(sex, weightKg, lengthCm, measuredPosition, oedema);
        return GrowthStandards.assess(growth);
    }

    private static Double number(Map<String, Object> input, String field) {
        Object value = input.get(field);
        if (value == null) {
            return null;
        }
        double d = ((Number) value).doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidArgumentException("input." + field, "must be a finite number");
        }
        return d;
    }

    @SchemaMapping(typeName = "ZScore", field = "category")
    String zScoreCategory(Object zScore) {
        if (zScore instanceof id.ilpatlas.geo.growth.ZScore<?> z) {
            return z.category() == null ? null : ((Enum<?>) z.category()).name();
        }
        return ((CaseRecords.ZScore) zScore).category();
    }

    @SchemaMapping(typeName = "ZScore", field = "unavailableReason")
    String zScoreUnavailableReason(Object zScore) {
        if (zScore instanceof id.ilpatlas.geo.growth.ZScore<?> z) {
            return z.unavailable() == null ? null : z.unavailable().reason().name();
        }
        return ((CaseRecords.ZScore) zScore).unavailableReason();
    }

    @SchemaMapping(typeName = "ZScore", field = "unavailableMessage")
    String zScoreUnavailableMessage(Object zScore) {
        if (zScore instanceof id.ilpatlas.geo.growth.ZScore<?> z) {
            return z.unavailable() == null ? null : z.unavailable().message();
        }
        return ((CaseRecords.ZScore) zScore).unavailableMessage();
    }

    @QueryMapping
    ImportJob importJob(@Argument String id, Principal principal) {
        Caller caller = callers.of(principal);
        long jobId;
        try {
            jobId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("id", "an import job id is a number, was '" + id + "'");
        }
        return jobs.visible(jobId, caller) ? jobs.find(jobId).orElse(null) : null;
    }

    @QueryMapping
    List<ImportJob> importJobs(@Argument Integer first, Principal principal) {
        int limit = first == null ? 20 : first;
        if (limit < 1 || limit > 100) {
            throw new InvalidArgumentException("first", "must be between 1 and 100, was " + limit);
        }
        return jobs.visibleTo(callers.of(principal), limit);
    }

    @SchemaMapping(typeName = "ImportJob", field = "problems")
    List<ImportJobs.Problem> importProblems(ImportJob job, @Argument Integer first) {
        int limit = first == null ? 100 : first;
        if (limit < 1 || limit > 1000) {
            throw new InvalidArgumentException("first", "must be between 1 and 1000, was " + limit);
        }
        return jobs.problems(job.id(), limit);
    }

    /** The caller of a person-level read; a refused (authenticated) caller is audited as DENIED. */
    private Caller caseCaller(Principal principal, String query, String targetType) {
        Caller caller = callers.of(principal);
        try {
            AccessPolicy.requireCaseAccess(caller);
        } catch (AccessDeniedException e) {
            if (caller.user() != null) {
                auditRead(caller, query, targetType, null, AuditLog.Outcome.DENIED, e.getMessage());
            }
            throw e;
        }
        return caller;
    }

    /** The kab/kota whose Dinkes reads the audit entry of a caller's read. */
    private static String kabkotaOf(Caller caller) {
        return caller.scope().stream()
                .findFirst()
                .flatMap(code -> RegionCode.parse(code).kabkotaCode())
                .orElse(null);
    }

    /**
     * Audits a read of person-level data (docs/DESIGN.md §4): who (the entry's actor, role and scope), when, what (the
     * query, the register, how many records and their ids, the filter). Written before the answer leaves: a read
     * that cannot be audited fails.
     */
    private <T> Connection<T> audited(
            String query,
            String targetType,
            Map<String, Object> filter,
            String after,
            Caller caller,
            Connection<T> page,
            Function<T, String> idOf) {
        List<String> ids = page.edges().stream().map(e -> idOf.apply(e.node())).toList();
        auditRead(caller, query, targetType, null, AuditLog.Outcome.DONE, readDetail(ids, filter, after));
        return page;
    }

    /** One audit entry of a person-level read, filed under the caller's kab/kota. */
    private void auditRead(
            Caller caller, String query, String targetType, String targetId, AuditLog.Outcome outcome, String detail) {
        audit.record(caller, query, targetType, targetId, kabkotaOf(caller), outcome, detail, null, null);
    }

    private static String readDetail(List<String> ids, Map<String, Object> filter, String after) {
        String where = filter == null
                ? ""
                : filter.entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
        return ids.size() + " record" + (ids.size() == 1 ? "" : "s") + " returned"
                + (ids.isEmpty() ? "" : " (ids " + String.join(", ", ids) + ")")
                + (where.isEmpty() ? "" : "; filter " + where) + (after == null ? "" : "; after " + after);
    }

    @QueryMapping
    Connection<CaseRecords.Child> children(
            @Argument Map<String, Object> filter,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = caseCaller(principal, "children", "Child");
        PageRequest page = PageRequest.of("child", first, after);
        return audited(
                "children",
                "Child",
                filter,
                after,
                caller,
                Connection.of(
                        cases.children(caller, CaseRepository.Query.of(filter, page)),
                        page,
                        CaseRecords.Child::id,
                        null),
                CaseRecords.Child::id);
    }

    @QueryMapping
    CaseRecords.Child child(@Argument String id, Principal principal) {
        Caller caller = caseCaller(principal, "child", "Child");
        CaseRecords.Child child;
        try {
            child = cases.child(caller, Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("id", "a child id is a number, was '" + id + "'");
        }
        auditRead(
                caller,
                "child",
                "Child",
                id,
                AuditLog.Outcome.DONE,
                readDetail(child == null ? List.of() : List.of(child.id()), null, null));
        return child;
    }

    /** A child's measurements: only those taken inside the caller's scope (the history of another area stays there). */
    @BatchMapping(typeName = "Child", field = "measurements")
    Map<CaseRecords.Child, List<CaseRecords.GrowthMeasurement>> measurements(
            List<CaseRecords.Child> children, Principal principal) {
        Map<Long, List<CaseRecords.GrowthMeasurement>> found = cases.measurements(
                callers.of(principal),
                children.stream().map(CaseRecords.Child::internalId).toList());
        Map<CaseRecords.Child, List<CaseRecords.GrowthMeasurement>> result = new LinkedHashMap<>();
        children.forEach(c -> result.put(
                c,
                found.getOrDefault(c.internalId(), List.of()).stream()
                        .map(m -> m.withUnavailableReasons(c.sex()))
                        .toList()));
        return result;
    }

    @QueryMapping
    Connection<CaseRecords.TbCase> tbCases(
            @Argument Map<String, Object> filter,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = caseCaller(principal, "tbCases", "TbCase");
        PageRequest page = PageRequest.of("tbCase", first, after);
        return audited(
                "tbCases",
                "TbCase",
                filter,
                after,
                caller,
                Connection.of(
                        cases.tbCases(caller, CaseRepository.Query.of(filter, page)),
                        page,
                        CaseRecords.TbCase::id,
                        null),
                CaseRecords.TbCase::id);
    }

    @SchemaMapping(typeName = "TbCase", field = "diagnosisType")
    String diagnosisType(CaseRecords.TbCase c, GraphQLContext context, Principal principal) {
        return clinical(c.clinicalWithheld(), c.diagnosisType(), "TbCase.diagnosisType", context, principal);
    }

    @SchemaMapping(typeName = "TbCase", field = "anatomicalSite")
    String anatomicalSite(CaseRecords.TbCase c, GraphQLContext context, Principal principal) {
        return clinical(c.clinicalWithheld(), c.anatomicalSite(), "TbCase.anatomicalSite", context, principal);
    }

    @SchemaMapping(typeName = "TbCase", field = "treatmentHistory")
    String treatmentHistory(CaseRecords.TbCase c, GraphQLContext context, Principal principal) {
        return clinical(c.clinicalWithheld(), c.treatmentHistory(), "TbCase.treatmentHistory", context, principal);
    }

    @SchemaMapping(typeName = "TbCase", field = "hivStatus")
    String hivStatus(CaseRecords.TbCase c, GraphQLContext context, Principal principal) {
        return clinical(c.clinicalWithheld(), c.hivStatus(), "TbCase.hivStatus", context, principal);
    }

    @SchemaMapping(typeName = "TbCase", field = "drugSensitivity")
    String drugSensitivity(CaseRecords.TbCase c, GraphQLContext context, Principal principal) {
        return clinical(c.clinicalWithheld(), c.drugSensitivity(), "TbCase.drugSensitivity", context, principal);
    }

    @SchemaMapping(typeName = "TbCase", field = "outcome")
    String outcome(CaseRecords.TbCase c, GraphQLContext context, Principal principal) {
        return clinical(c.clinicalWithheld(), c.outcome(), "TbCase.outcome", context, principal);
    }

    @SchemaMapping(typeName = "Pregnancy", field = "riskFactors")
    List<String> riskFactors(CaseRecords.Pregnancy p, GraphQLContext context, Principal principal) {
        return clinical(p.clinicalWithheld(), p.riskFactors(), "Pregnancy.riskFactors", context, principal);
    }

    /**
     * A clinical field: its value, or for a caller without clinical access null with one FORBIDDEN error per field
     * and response (on the first record that has it; the message says every value of the field is null), so that a
     * page of a thousand records does not carry a thousand copies of the same error.
     */
    private <T> T clinical(boolean withheld, T value, String field, GraphQLContext context, Principal principal) {
        if (!withheld) {
            return value;
        }
        AtomicBoolean reported = context.computeIfAbsent("atlas.withheld." + field, k -> new AtomicBoolean());
        if (reported.compareAndSet(false, true)) {
            throw new AccessDeniedException(AccessPolicy.clinicalFieldWithheld(field, callers.of(principal)));
        }
        return null;
    }

    @QueryMapping
    Connection<CaseRecords.PovertyHousehold> povertyHouseholds(
            @Argument Map<String, Object> filter,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = caseCaller(principal, "povertyHouseholds", "PovertyHousehold");
        PageRequest page = PageRequest.of("household", first, after);
        return audited(
                "povertyHouseholds",
                "PovertyHousehold",
                filter,
                after,
                caller,
                Connection.of(
                        cases.povertyHouseholds(caller, CaseRepository.Query.of(filter, page)),
                        page,
                        CaseRecords.PovertyHousehold::id,
                        null),
                CaseRecords.PovertyHousehold::id);
    }

    @QueryMapping
    Connection<CaseRecords.Pregnancy> pregnancies(
            @Argument Map<String, Object> filter,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = caseCaller(principal, "pregnancies", "Pregnancy");
        PageRequest page = PageRequest.of("pregnancy", first, after);
        return audited(
                "pregnancies",
                "Pregnancy",
                filter,
                after,
                caller,
                Connection.of(
                        cases.pregnancies(caller, CaseRepository.Query.of(filter, page)),
                        page,
                        CaseRecords.Pregnancy::id,
                        null),
                CaseRecords.Pregnancy::id);
    }
}
