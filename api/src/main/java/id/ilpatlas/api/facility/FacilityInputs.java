package id.ilpatlas.api.facility;

import id.ilpatlas.geo.schedule.WeekOfMonth;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/** The mutation inputs as bound by Spring for GraphQL; in an update, null means "leave as it is". */
final class FacilityInputs {

    private FacilityInputs() {}

    record AddressInput(String street, Integer rt, Integer rw) {}

    record KaderInput(int purwa, int madya, int utama) {}

    record OpeningHoursInput(DayOfWeek dayOfWeek, LocalTime opens, LocalTime closes) {}

    record PosyanduSessionInput(WeekOfMonth weekOfMonth, DayOfWeek dayOfWeek, LocalTime startTime, LocalTime endTime) {}

    /**
     * The input of {@code createFacility} and of {@code updateFacility}: the two share their details. A create gives
     * {@code code} and {@code type} ({@code id} and {@code version} null); an update gives {@code id} and {@code
     * version} ({@code code} and {@code type} null, neither can change).
     */
    record FacilityInput(
            String code,
            FacilityType type,
            String id,
            Integer version,
            String name,
            FacilityFilter.Point location,
            String kelurahanCode,
            Facility.LocationQuality locationQuality,
            String locationNote,
            String parentId,
            AddressInput address,
            List<String> segments,
            KaderInput kader,
            List<OpeningHoursInput> openingHours,
            List<String> catchmentCodes) {}

    record DeactivateFacilityInput(String id, int version, String reason) {}

    record SetFacilityServicesInput(String id, int version, List<String> serviceKeys) {}

    record SetPosyanduScheduleInput(String id, int version, List<PosyanduSessionInput> sessions) {}
}
