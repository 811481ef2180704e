package id.ilpatlas.api.targeting;

import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.facility.Facility;
import id.ilpatlas.api.facility.FacilityRepository;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.geo.region.RegionCode;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

/** {@code targetCandidates}, the target-selection reads and the workflow mutations. */
@Controller
class TargetingController {

    /** The payload shape shared by the create, submit, review and withdraw mutations. */
    record TargetSelectionPayload(TargetSelection targetSelection, List<TargetSelection.Conflict> conflicts,
                                  List<UserError> errors) {
        static TargetSelectionPayload of(TargetSelectionCommands.Result r) {
            return new TargetSelectionPayload(r.targetSelection(), r.conflicts(), r.errors());
        }
    }

    private final TargetCandidates candidates;
    private final TargetSelectionCommands commands;
    private final Callers callers;
    private final JdbcClient jdbc;
    private final FacilityRepository facilities;

    TargetingController(TargetCandidates candidates, TargetSelectionCommands commands, Callers callers,
                        JdbcClient jdbc, FacilityRepository facilities) {
        this.facilities = facilities;
        this.candidates = candidates;
        this.commands = commands;
        this.callers = callers;
        this.jdbc = jdbc;
    }

    @QueryMapping
    TargetCandidates.Ranking targetCandidates(@Argument String regionCode, @Argument Map<String, Object> period,
                                              @Argument Map<String, Object> weights,
                                              @Argument RwAccessService.Target accessTo, @Argument TravelMode mode,
                                              Principal principal) {
        return candidates.rank(callers.of(principal), regionCode, IndicatorPeriod.parse(period),
                TargetCandidates.weights(weights),
                accessTo == null ? RwAccessService.Target.RESPONSIBLE_PUSKESMAS : accessTo,
                mode == null ? TravelMode.DEFAULT : mode);
    }

    @BatchMapping(typeName = "TargetCandidate")
    Map<TargetCandidates.Candidate, Facility> puskesmas(List<TargetCandidates.Candidate> batch) {
        List<Long> ids = batch.stream().map(TargetCandidates.Candidate::puskesmasId).filter(Objects::nonNull)
                .distinct().toList();
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
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
        return commands.find(key).filter(s -> visible(caller, s)).orElse(null);
    }

    @QueryMapping
    List<TargetSelection> targetSelections(@Argument String regionCode, @Argument String state,
                                           @Argument String purpose, Principal principal) {
        Caller caller = readable(callers.of(principal));
        String region = null;
        if (regionCode != null) {
            if (!RegionCode.isValid(regionCode)) {
                throw new InvalidArgumentException("regionCode", "not a region code: " + regionCode);
            }
            region = RegionCode.parse(regionCode).dotted();
        }
        return jdbc.sql(TargetSelectionCommands.SELECT + "\n" + """
                         WHERE (CAST(:state AS text) IS NULL OR s.state = :state)
                           AND (CAST(:purpose AS text) IS NULL OR s.purpose = :purpose)
                           AND EXISTS (SELECT 1 FROM target_selection_rws r
                                        WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id
                                          AND (CAST(:region AS text) IS NULL OR r.rw_code = :region
                                               OR r.rw_code LIKE :region || '.%')
                                          AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                                                       WHERE r.rw_code = sc OR r.rw_code LIKE sc || '.%'))
                         ORDER BY s.id
                         LIMIT 1000""")
                .param("state", state).param("purpose", purpose).param("region", region)
                .param("scope", caller.scope().toArray(String[]::new))
                .query(TargetSelectionCommands::row).list();
    }

    @SchemaMapping(typeName = "TargetSelection")
    List<TargetSelection.Conflict> conflicts(TargetSelection selection) {
        return commands.conflicts(selection);
    }

    private static Caller readable(Caller caller) {
        if (!TargetCandidates.RANKING_ROLES.contains(caller.role())) {
            throw new AccessDeniedException("target selections are visible to the Dinkes, camat, lurah and puskesmas");
        }
        return caller;
    }

    private static boolean visible(Caller caller, TargetSelection s) {
        return s.rwCodes().stream().anyMatch(caller::covers);
    }

    @MutationMapping
    TargetSelectionPayload createTargetSelection(@Argument TargetSelectionCommands.CreateTargetSelectionInput input,
                                                 Principal principal) {
        return TargetSelectionPayload.of(commands.create(callers.of(principal), input));
    }

    @MutationMapping
    TargetSelectionPayload submitTargetSelection(@Argument TargetSelectionCommands.SubmitTargetSelectionInput input,
                                                 Principal principal) {
        return TargetSelectionPayload.of(commands.submit(callers.of(principal), input));
    }

    /** The payload of {@code deleteTargetSelection}. */
    record DeleteTargetSelectionPayload(String deletedId, List<UserError> errors) {
    }

    @MutationMapping
    TargetSelectionPayload withdrawTargetSelection(
            @Argument TargetSelectionCommands.WithdrawTargetSelectionInput input, Principal principal) {
        return TargetSelectionPayload.of(commands.withdraw(callers.of(principal), input));
    }

    @MutationMapping
    DeleteTargetSelectionPayload deleteTargetSelection(@Argument TargetSelectionCommands.DeleteTargetSelectionInput input,
                                                       Principal principal) {
        TargetSelectionCommands.Deleted deleted = commands.delete(callers.of(principal), input);
        return new DeleteTargetSelectionPayload(deleted.deletedId(), deleted.errors());
    }

    @MutationMapping
    TargetSelectionPayload reviewTargetSelection(@Argument TargetSelectionCommands.ReviewTargetSelectionInput input,
                                                 Principal principal) {
        return TargetSelectionPayload.of(commands.review(callers.of(principal), input));
    }
}
