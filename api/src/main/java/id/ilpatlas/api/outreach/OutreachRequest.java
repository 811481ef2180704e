package id.ilpatlas.api.outreach;

import id.ilpatlas.api.road.TravelMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A checked {@link PlanOutreachInput}: every value valid, defaults applied, the base and its teams resolved, the
 * service days computed (no day off, no past day, one month).
 *
 * @param selectionIds the APPROVED target selections planned, each once in the order given; empty when RWs were listed
 * @param rws the RWs to visit (dotted codes), in the order given (of several selections: united, each once)
 * @param vehicles the most teams on one service day
 * @param dates the service days, ascending, in one calendar month
 * @param teams the teams of each service day, in the order of {@code dates}
 * @param overrides per-RW settings by dotted RW code
 * @param notes what the calendar took away (days off skipped), for the plan
 */
record OutreachRequest(
        String name,
        List<Long> selectionIds,
        List<String> rws,
        Base base,
        int vehicles,
        List<LocalDate> dates,
        List<List<Team>> teams,
        LocalTime start,
        LocalTime end,
        int serviceMinutes,
        Map<String, PlanOutreachInput.OutreachStopInput> overrides,
        DistanceMode distanceMode,
        TravelMode mode,
        int timeLimitSeconds,
        boolean spreadOverWeeks,
        boolean alignWithPosyandu,
        List<OutreachPlan.Note> notes) {

    /** The facility the teams start from and return to. */
    record Base(
            long internalId,
            String code,
            String name,
            String kabkotaCode,
            double longitude,
            double latitude,
            boolean approximate) {}

    /** A team on a service day: the Pusling unit, its name and vehicle, and the team size of that day. */
    record Team(String unitCode, String name, String vehicleKind, int size) {}

    /** The kab/kota of the plan (the base's). */
    String kabkotaCode() {
        return base.kabkotaCode();
    }
}
