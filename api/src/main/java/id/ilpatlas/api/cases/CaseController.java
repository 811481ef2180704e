package id.ilpatlas.api.cases;

import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.growth.GrowthAssessment;
import id.ilpatlas.geo.growth.GrowthInput;
import id.ilpatlas.geo.growth.GrowthStandards;
import id.ilpatlas.geo.growth.MeasurePosition;
import id.ilpatlas.geo.growth.Sex;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    CaseController(Callers callers, CaseRepository cases, ImportJobs jobs) {
        this.callers = callers;
        this.cases = cases;
        this.jobs = jobs;
    }

    @QueryMapping
    GrowthAssessment growthAssessment(@Argument Map<String, Object> input) {
        Sex sex = Sex.valueOf((String) input.get("sex"));
        Integer ageDays = (Integer) input.get("ageDays");
        LocalDate birth = (LocalDate) input.get("birthDate");
        LocalDate measured = (LocalDate) input.get("measuredOn");
        Double weight = number(input, "weightKg");
        Double length = number(input, "lengthHeightCm");
        String position = (String) input.get("measured");
        MeasurePosition measuredPosition = position == null ? null : MeasurePosition.valueOf(position);
        boolean oedema = Boolean.TRUE.equals(input.get("oedema"));
        if (ageDays != null && (birth != null || measured != null)) {
            throw new InvalidArgumentException("input.ageDays", "give ageDays or birthDate and measuredOn, not both");
        }
        if ((birth == null) != (measured == null)) {
            throw new InvalidArgumentException(birth == null ? "input.birthDate" : "input.measuredOn",
                    "birthDate and measuredOn go together");
        }
        if (ageDays != null && ageDays < 0) {
            throw new InvalidArgumentException("input.ageDays", "must not be negative, was " + ageDays);
        }
        if (birth != null && measured.isBefore(birth)) {
            throw new InvalidArgumentException("input.measuredOn", "is before birthDate");
        }
        GrowthInput growth = ageDays != null
                ? GrowthInput.atAgeDays(sex, ageDays, weight, length, measuredPosition, oedema)
                : birth != null ? GrowthInput.between(sex, birth, measured, weight, length, measuredPosition, oedema)
                : GrowthInput.withoutAge(sex, weight, length, measuredPosition, oedema);
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

    private Caller caseCaller(Principal principal) {
        Caller caller = callers.of(principal);
        AccessPolicy.requireCaseAccess(caller);
        return caller;
    }

    @QueryMapping
    Connection<CaseRecords.Child> children(@Argument Map<String, Object> filter, @Argument Integer first,
                                           @Argument String after, Principal principal) {
        Caller caller = caseCaller(principal);
        PageRequest page = PageRequest.of("child", first, after);
        return Connection.of(cases.children(caller, CaseRepository.Query.of(filter, page)), page,
                CaseRecords.Child::id, null);
    }

    @QueryMapping
    CaseRecords.Child child(@Argument String id, Principal principal) {
        Caller caller = caseCaller(principal);
        try {
            return cases.child(caller, Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("id", "a child id is a number, was '" + id + "'");
        }
    }

    @BatchMapping(typeName = "Child", field = "measurements")
    Map<CaseRecords.Child, List<CaseRecords.GrowthMeasurement>> measurements(List<CaseRecords.Child> children) {
        Map<Long, List<CaseRecords.GrowthMeasurement>> found = cases.measurements(
                children.stream().map(CaseRecords.Child::internalId).toList());
        Map<CaseRecords.Child, List<CaseRecords.GrowthMeasurement>> result = new LinkedHashMap<>();
        children.forEach(c -> result.put(c, found.getOrDefault(c.internalId(), List.of()).stream()
                .map(m -> m.withUnavailableReasons(c.sex())).toList()));
        return result;
    }

    @QueryMapping
    Connection<CaseRecords.TbCase> tbCases(@Argument Map<String, Object> filter, @Argument Integer first,
                                           @Argument String after, Principal principal) {
        Caller caller = caseCaller(principal);
        PageRequest page = PageRequest.of("tbCase", first, after);
        return Connection.of(cases.tbCases(caller, CaseRepository.Query.of(filter, page)), page,
                CaseRecords.TbCase::id, null);
    }

    @QueryMapping
    Connection<CaseRecords.PovertyHousehold> povertyHouseholds(@Argument Map<String, Object> filter,
                                                               @Argument Integer first, @Argument String after,
                                                               Principal principal) {
        Caller caller = caseCaller(principal);
        PageRequest page = PageRequest.of("household", first, after);
        return Connection.of(cases.povertyHouseholds(caller, CaseRepository.Query.of(filter, page)), page,
                CaseRecords.PovertyHousehold::id, null);
    }

    @QueryMapping
    Connection<CaseRecords.Pregnancy> pregnancies(@Argument Map<String, Object> filter, @Argument Integer first,
                                                  @Argument String after, Principal principal) {
        Caller caller = caseCaller(principal);
        PageRequest page = PageRequest.of("pregnancy", first, after);
        return Connection.of(cases.pregnancies(caller, CaseRepository.Query.of(filter, page)), page,
                CaseRecords.Pregnancy::id, null);
    }
}
