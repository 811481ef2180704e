package id.ilpatlas.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.api.facility.FacilityType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FHIR resource builders without a database. */
class FhirResourcesTest {

    @Test
    void administrativeCodeIsUndottedWithThreeDigitRtAndRw() {
        Map<String, Object> extension = FhirResources.administrativeCode("33.75.01.1002", 3, "33.75.01.1002.RW002");
        assertThat(extension.get("url"))
                .isEqualTo("https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode");
        assertThat(extension.get("extension"))
                .isEqualTo(List.of(
                        Map.of("url", "province", "valueCode", "33"),
                        Map.of("url", "city", "valueCode", "3375"),
                        Map.of("url", "district", "valueCode", "337501"),
                        Map.of("url", "village", "valueCode", "3375011002"),
                        Map.of("url", "rt", "valueCode", "003"),
                        Map.of("url", "rw", "valueCode", "002")));
        assertThat(FhirResources.administrativeCode("33.75.04.1003", null, null).get("extension"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(4);
        assertThat(FhirResources.administrativeCode("33.75.01.1002", 120, null)
                        .get("extension")
                        .toString())
                .contains("valueCode=120");
    }

    @Test
    void openingHoursWithTheSameTimesShareAnEntry() {
        List<FhirOpeningHours> rows = List.of(
                new FhirOpeningHours(1, 2, "07:30:00", "14:30:00"),
                new FhirOpeningHours(1, 1, "07:30:00", "14:30:00"),
                new FhirOpeningHours(1, 6, "07:30:00", "12:00:00"),
                new FhirOpeningHours(1, 7, "16:00:00", "18:00:00"),
                new FhirOpeningHours(1, 3, "07:30:00", "14:30:00"));
        assertThat(FhirResources.hoursOfOperation(rows))
                .isEqualTo(List.of(
                        Map.of("daysOfWeek", List.of("sat"), "openingTime", "07:30:00", "closingTime", "12:00:00"),
                        Map.of(
                                "daysOfWeek",
                                List.of("mon", "tue", "wed"),
                                "openingTime",
                                "07:30:00",
                                "closingTime",
                                "14:30:00"),
                        Map.of("daysOfWeek", List.of("sun"), "openingTime", "16:00:00", "closingTime", "18:00:00")));
        assertThat(FhirResources.hoursOfOperation(List.of())).isEmpty();
    }

    @Test
    void organizationTypesAgreeWithTheFacilityTypeCodes() {
        for (FacilityType type : FacilityType.values()) {
            FhirResources.TypeCoding coding = FhirResources.organizationType(type);
            if (type.satusehatOrganizationType() != null) {
                assertThat(coding.system()).isEqualTo(FhirResources.SATUSEHAT_ORGANIZATION_TYPE);
                assertThat(coding.code()).as(type.name()).isEqualTo(type.satusehatOrganizationType());
            } else {
                assertThat(coding)
                        .isEqualTo(new FhirResources.TypeCoding(
                                FhirResources.HL7_ORGANIZATION_TYPE, "prov", "Healthcare Provider"));
            }
        }
        assertThat(FhirResources.organizationType(FacilityType.PUSTU).display()).isEqualTo("Puskesmas Pembantu");
    }

    @Test
    void searchParametersAreNormalizedOrRejected() {
        assertThat(FhirSearch.of(false, "puskesmas", "3375"))
                .isEqualTo(new FhirSearch(false, FacilityType.PUSKESMAS, "33.75", null));
        assertThat(FhirSearch.of(true, " ", null)).isEqualTo(new FhirSearch(true, null, null, null));
        assertThatThrownBy(() -> FhirSearch.of(false, "HOSPITAL", null))
                .isInstanceOf(FhirException.BadRequest.class)
                .hasMessageContaining("PUSKESMAS");
        assertThatThrownBy(() -> FhirSearch.of(false, null, "3375011002"))
                .isInstanceOf(FhirException.BadRequest.class)
                .hasMessageContaining("KELURAHAN");
        assertThatThrownBy(() -> FhirSearch.of(false, null, "33-75"))
                .isInstanceOf(FhirException.BadRequest.class)
                .hasMessageStartingWith("Search parameter 'address-city'");
    }
}
