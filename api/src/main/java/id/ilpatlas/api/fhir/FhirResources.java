package id.ilpatlas.api.fhir;

import id.ilpatlas.api.facility.FacilityType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds FHIR R4 resources (Organization, Location, Bundle, OperationOutcome) as ordered maps for Jackson.
 * Absent values are left out, never written as null; numbers stay JSON numbers.
 */
final class FhirResources {

    /** Our identifier system for facility codes. */
    static final String FACILITY_CODE_SYSTEM = "https://ilpatlas.id/fhir/sid/facility-code";

    static final String SATUSEHAT_ORGANIZATION_TYPE = "http://terminology.kemkes.go.id/CodeSystem/organization-type";
    static final String HL7_ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";
    static final String LOCATION_PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
    /**
     * SATUSEHAT's address extension. Confirmed against the SATUSEHAT FHIR R4 Implementation Guide on Simplifier
     * (Extensions / AdministrativeCode: canonical {@code https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode},
     * "represented in six levels: province, city/regency, district, village, rt and rw", each a {@code valueCode},
     * province 1..1, the others 0..1) and the SATUSEHAT Organization examples, which use the same URL, lower-case "a".
     */
    static final String ADMINISTRATIVE_CODE = "https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode";

    private static final String[] DAYS_OF_WEEK = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT);

    private FhirResources() {}

    /** A coding of the organization type: SATUSEHAT's code where it has one, else HL7 "prov". */
    record TypeCoding(String system, String code, String display) {}

    static TypeCoding organizationType(FacilityType type) {
        return type.satusehatOrganizationType() != null
                ? new TypeCoding(SATUSEHAT_ORGANIZATION_TYPE, type.satusehatOrganizationType(), type.displayName())
                : new TypeCoding(HL7_ORGANIZATION_TYPE, "prov", "Healthcare Provider");
    }

    static Map<String, Object> organization(FhirFacility facility) {
        Map<String, Object> resource = resource("Organization", facility);
        resource.put("active", facility.active());
        TypeCoding type = organizationType(facility.type());
        resource.put("type", List.of(Map.of("coding", List.of(coding(type.system(), type.code(), type.display())))));
        resource.put("name", facility.name());
        resource.put("address", List.of(address(facility)));
        if (facility.parentCode() != null) {
            resource.put("partOf", reference("Organization", facility.parentCode()));
        }
        return resource;
    }

    static Map<String, Object> location(FhirFacility facility, List<FhirOpeningHours> hours) {
        Map<String, Object> resource = resource("Location", facility);
        resource.put("status", facility.active() ? "active" : "inactive");
        resource.put("name", facility.name());
        resource.put(
                "description",
                "Location quality: " + facility.locationQuality()
                        + (facility.locationNote() == null
                                        || facility.locationNote().isBlank()
                                ? ""
                                : " — " + facility.locationNote()));
        resource.put("mode", "instance");
        // Location.address is 0..1 in R4 (Organization.address is 0..*): an object, not a list.
        resource.put("address", address(facility));
        resource.put("physicalType", Map.of("coding", List.of(coding(LOCATION_PHYSICAL_TYPE, "bu", "Building"))));
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("longitude", facility.longitude());
        position.put("latitude", facility.latitude());
        resource.put("position", position);
        resource.put("managingOrganization", reference("Organization", facility.code()));
        List<Map<String, Object>> hoursOfOperation = hoursOfOperation(hours);
        if (!hoursOfOperation.isEmpty()) {
            resource.put("hoursOfOperation", hoursOfOperation);
        }
        return resource;
    }

    /**
     * FHIR {@code hoursOfOperation}: one entry per distinct (opening, closing) interval with the days it applies to,
     * so Monday to Saturday 07:30-14:30 is one entry. Entries by opening then closing time; days Monday first.
     */
    static List<Map<String, Object>> hoursOfOperation(List<FhirOpeningHours> hours) {
        Map<String, List<FhirOpeningHours>> byInterval = new LinkedHashMap<>();
        hours.stream()
                .sorted(Comparator.comparing(FhirOpeningHours::opens)
                        .thenComparing(FhirOpeningHours::closes)
                        .thenComparingInt(FhirOpeningHours::dayOfWeek))
                .forEach(h -> byInterval
                        .computeIfAbsent(h.opens() + "-" + h.closes(), k -> new ArrayList<>())
                        .add(h));
        List<Map<String, Object>> result = new ArrayList<>();
        for (List<FhirOpeningHours> interval : byInterval.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(
                    "daysOfWeek",
                    interval.stream()
                            .map(h -> DAYS_OF_WEEK[h.dayOfWeek() - 1])
                            .distinct()
                            .toList());
            entry.put("openingTime", interval.get(0).opens());
            entry.put("closingTime", interval.get(0).closes());
            result.add(entry);
        }
        return result;
    }

    /**
     * A SATUSEHAT work address: street line, kab/kota name, country ID and the administrativeCode extension
     * with undotted codes derived from the kelurahan code, RT and RW.
     */
    static Map<String, Object> address(FhirFacility facility) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("use", "work");
        address.put("type", "physical");
        if (facility.street() != null && !facility.street().isBlank()) {
            address.put("line", List.of(facility.street()));
        }
        if (facility.kabkotaName() != null) {
            address.put("city", facility.kabkotaName());
        }
        address.put("country", "ID");
        address.put(
                "extension", List.of(administrativeCode(facility.kelurahanCode(), facility.rt(), facility.rwCode())));
        return address;
    }

    /**
     * The administrativeCode extension: province {@code 33}, city {@code 3375}, district {@code 337501},
     * village {@code 3375011002} from the dotted kelurahan code {@code 33.75.01.1002}; rt {@code 003} from the RT
     * number; rw {@code 002} from the RW key {@code 33.75.01.1002.RW002}. RT and RW are left out when unknown.
     */
    static Map<String, Object> administrativeCode(String kelurahanCode, Integer rt, String rwCode) {
        String village = kelurahanCode.replace(".", "");
        List<Map<String, Object>> parts = new ArrayList<>();
        parts.add(valueCode("province", village.substring(0, 2)));
        parts.add(valueCode("city", village.substring(0, 4)));
        parts.add(valueCode("district", village.substring(0, 6)));
        parts.add(valueCode("village", village));
        if (rt != null) {
            parts.add(valueCode("rt", String.format(Locale.ROOT, "%03d", rt)));
        }
        if (rwCode != null) {
            int rw = rwCode.lastIndexOf(".RW");
            if (rw >= 0) {
                parts.add(valueCode("rw", rwCode.substring(rw + 3)));
            }
        }
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("url", ADMINISTRATIVE_CODE);
        extension.put("extension", parts);
        return extension;
    }

    /** A searchset Bundle of the given resources, each a match. */
    static Map<String, Object> searchset(String selfUrl, String baseUrl, List<Map<String, Object>> resources) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        bundle.put("total", resources.size());
        bundle.put("link", List.of(Map.of("relation", "self", "url", selfUrl)));
        if (resources.isEmpty()) {
            return bundle; // FHIR JSON has no empty arrays: no matches, no "entry"
        }
        bundle.put(
                "entry",
                resources.stream()
                        .map(resource -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put(
                                    "fullUrl", baseUrl + "/" + resource.get("resourceType") + "/" + resource.get("id"));
                            entry.put("resource", resource);
                            entry.put("search", Map.of("mode", "match"));
                            return entry;
                        })
                        .toList());
        return bundle;
    }

    static Map<String, Object> operationOutcome(String code, String diagnostics) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", code);
        issue.put("diagnostics", diagnostics);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("issue", List.of(issue));
        return outcome;
    }

    private static Map<String, Object> resource(String resourceType, FhirFacility facility) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("resourceType", resourceType);
        resource.put("id", facility.code());
        if (facility.updatedAt() != null) {
            resource.put(
                    "meta",
                    Map.of("lastUpdated", INSTANT.format(facility.updatedAt().truncatedTo(ChronoUnit.MILLIS))));
        }
        Map<String, Object> identifier = new LinkedHashMap<>();
        identifier.put("use", "official");
        identifier.put("system", FACILITY_CODE_SYSTEM);
        identifier.put("value", facility.code());
        resource.put("identifier", List.of(identifier));
        return resource;
    }

    private static Map<String, Object> coding(String system, String code, String display) {
        Map<String, Object> coding = new LinkedHashMap<>();
        coding.put("system", system);
        coding.put("code", code);
        coding.put("display", display);
        return coding;
    }

    private static Map<String, Object> reference(String resourceType, String id) {
        return Map.of("reference", resourceType + "/" + id);
    }

    private static Map<String, Object> valueCode(String url, String code) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("url", url);
        part.put("valueCode", code);
        return part;
    }
}
