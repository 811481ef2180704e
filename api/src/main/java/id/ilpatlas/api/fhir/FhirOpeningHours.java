package id.ilpatlas.api.fhir;

/**
 * One row of {@code facility_opening_hours}.
 *
 * @param dayOfWeek ISO day of week, 1 = Monday
 * @param opens     {@code HH:mm:ss}
 * @param closes    {@code HH:mm:ss}
 */
record FhirOpeningHours(long facilityId, int dayOfWeek, String opens, String closes) {}
