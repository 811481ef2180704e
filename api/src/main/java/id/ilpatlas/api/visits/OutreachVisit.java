package id.ilpatlas.api.visits;

import java.time.LocalDate;
import java.util.List;

/** A recorded Pusling visit as GraphQL serves it (see {@code visits.graphqls}); {@code notes} for health roles only. */
public record OutreachVisit(
        String id,
        String kabkotaCode,
        String planId,
        String rwCode,
        String rwName,
        String kelurahanName,
        LocalDate visitDate,
        String teamName,
        int teamMembers,
        List<SegmentCount> peopleServed,
        int peopleTotal,
        List<String> serviceKeys,
        int referrals,
        String referralFacilityType,
        String referralFacilityId,
        String notes,
        String recordedBy,
        String recordedAt,
        String updatedBy,
        String updatedAt,
        int version) {

    /** People served in one life-cycle segment. */
    public record SegmentCount(String segment, int people) {}
}
