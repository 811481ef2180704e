package id.ilpatlas.api.outreach;

import id.ilpatlas.api.road.TravelMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A checked {@link PlanOutreachInput}: every value valid, defaults applied, the base resolved.
 *
 * @param selectionId the APPROVED target selection planned, null when RWs were listed
 * @param rws the RWs to visit (dotted codes), in the order given
 * @param dates the service days, ascending
 * @param overrides per-RW settings by dotted RW code
 */
record OutreachRequest(String name, Long selectionId, List<String> rws, Base base, int vehicles,
                       List<LocalDate> dates, LocalTime start, LocalTime end, int serviceMinutes,
                       Map<String, PlanOutreachInput.OutreachStopInput> overrides, String distanceMode,
                       TravelMode mode, int timeLimitSeconds) {

    /** The facility the teams start from and return to. */
    record Base(long internalId, String code, String name, String kabkotaCode, double longitude, double latitude,
                boolean approximate) {
    }

    /** The kab/kota of the plan (the base's). */
    String kabkotaCode() {
        return base.kabkotaCode();
    }
}
