package id.ilpatlas.api.fhir;

import id.ilpatlas.api.facility.Facility.LocationQuality;
import id.ilpatlas.api.facility.FacilityType;
import java.time.OffsetDateTime;

/**
 * One facility row as the FHIR export needs it: the facility, its parent's code, address parts and point.
 *
 * @param id            database id (joins opening hours; never exported)
 * @param code          facility code, the FHIR resource id, e.g. {@code PKM-3375-TIRTO}
 * @param parentCode    code of the parent facility ({@code facilities.parent_id}), or null
 * @param street        street line, or null
 * @param rt            RT number 1..999, or null
 * @param rwCode        RW key {@code 33.75.01.1002.RW002}, or null
 * @param kelurahanCode dotted kelurahan/desa code {@code 33.75.01.1002}
 * @param kabkotaName   name of the kab/kota region, or null when the region is not loaded
 * @param longitude     WGS84 longitude ({@code ST_X})
 * @param latitude      WGS84 latitude ({@code ST_Y})
 */
record FhirFacility(
        long id,
        String code,
        String name,
        FacilityType type,
        boolean active,
        String parentCode,
        String street,
        Integer rt,
        String rwCode,
        String kelurahanCode,
        String kabkotaName,
        double longitude,
        double latitude,
        LocationQuality locationQuality,
        String locationNote,
        OffsetDateTime updatedAt) {}
