package id.ilpatlas.api.outreach;

import id.ilpatlas.api.road.TravelMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** The GraphQL input {@code PlanOutreachInput}, as given (checked by {@link OutreachRequestValidator}). */
public record PlanOutreachInput(String name, String targetSelectionId, List<String> rwCodes, String depotFacilityId,
                                Integer vehicles, String month, List<DayOfWeek> weekdays, List<LocalDate> dates,
                                List<LocalDate> excludedDates, LocalTime workdayStart, LocalTime workdayEnd,
                                Integer serviceMinutes, List<OutreachStopInput> stops, String distanceMode,
                                TravelMode mode, Integer timeLimitSeconds) {

    /** The GraphQL input {@code OutreachStopInput}. */
    public record OutreachStopInput(String rwCode, Integer serviceMinutes, LocalTime earliestStart,
                                    LocalTime latestStart) {
    }
}
