package id.ilpatlas.api.fhir;

import id.ilpatlas.api.facility.FacilityType;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which facilities a FHIR request selects.
 *
 * @param includeInactive also inactive facilities (exported with {@code active: false} / {@code status: inactive})
 * @param type            only this facility type, or null
 * @param kabkotaCode     only this kab/kota (dotted {@code 33.75}), or null
 * @param code            only the facility with this code (a read), or null
 */
record FhirSearch(boolean includeInactive, FacilityType type, String kabkotaCode, String code) {

    /** The search parameters of {@code GET /fhir/Organization} and {@code /fhir/Location}; blank means absent. */
    static FhirSearch of(boolean includeInactive, String type, String addressCity) {
        return new FhirSearch(includeInactive, facilityType(type), kabkota(addressCity), null);
    }

    /** A read: the one facility with this code, active or not. */
    static FhirSearch read(String code) {
        return new FhirSearch(true, null, null, code);
    }

    private static FacilityType facilityType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return FacilityType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FhirException.BadRequest("Search parameter 'type': unknown facility type '" + type
                    + "'; expected one of "
                    + Arrays.stream(FacilityType.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static String kabkota(String addressCity) {
        if (addressCity == null || addressCity.isBlank()) {
            return null;
        }
        try {
            RegionCode code = RegionCode.parse(addressCity);
            if (code.level() != RegionLevel.KABKOTA) {
                throw new FhirException.BadRequest("Search parameter 'address-city': '" + addressCity + "' is a "
                        + code.level() + " code; expected a kab/kota code such as 3375 or 33.75");
            }
            return code.dotted();
        } catch (InvalidRegionCodeException e) {
            throw new FhirException.BadRequest("Search parameter 'address-city': " + e.getMessage());
        }
    }
}
