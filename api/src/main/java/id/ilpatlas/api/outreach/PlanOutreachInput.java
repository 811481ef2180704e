package id.ilpatlas.api.outreach;

import id.ilpatlas.api.road.TravelMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The GraphQL input {@code PlanOutreachInput}, as given (checked by {@link OutreachRequestValidator}); kept as JSON with
 * its job, so that a job re-queued after a restart is planned from the same input.
 */
public record PlanOutreachInput(
        String name,
        String targetSelectionId,
        List<String> rwCodes,
        String depotFacilityId,
        Integer vehicles,
        String month,
        List<DayOfWeek> weekdays,
        List<LocalDate> dates,
        List<LocalDate> excludedDates,
        LocalTime workdayStart,
        LocalTime workdayEnd,
        Integer serviceMinutes,
        List<OutreachStopInput> stops,
        DistanceMode distanceMode,
        TravelMode mode,
        Integer timeLimitSeconds,
        String baseFacilityId,
        List<OutreachTeamInput> teams,
        Boolean workOnCutiBersama,
        Boolean spreadOverWeeks,
        Boolean alignWithPosyandu,
        List<String> targetSelectionIds) {

    /** The GraphQL input {@code OutreachStopInput}. */
    public record OutreachStopInput(
            String rwCode, Integer serviceMinutes, LocalTime earliestStart, LocalTime latestStart) {}

    /** The GraphQL input {@code OutreachTeamInput}: one team (a Pusling unit of the base) on one or every day. */
    public record OutreachTeamInput(LocalDate date, String unitId, Integer teamSize) {}
}
