package id.ilpatlas.api.facility;

/**
 * Kinds of health facility in the ILP network, with their Indonesian name and the SATUSEHAT organization-type code
 * where one exists.
 */
public enum FacilityType {
    DINKES("Dinas Kesehatan", "129"),
    PUSKESMAS("Puskesmas", "102"),
    PUSTU("Puskesmas Pembantu", "OT000002"),
    POSYANDU("Posyandu", "131"),
    KLINIK("Klinik", null),
    RUMAH_SAKIT("Rumah Sakit", null),
    LABORATORIUM("Laboratorium", null);

    private final String displayName;
    private final String satusehatOrganizationType;

    FacilityType(String displayName, String satusehatOrganizationType) {
        this.displayName = displayName;
        this.satusehatOrganizationType = satusehatOrganizationType;
    }

    /** Indonesian name of the kind, e.g. {@code Puskesmas Pembantu}. */
    public String displayName() {
        return displayName;
    }

    /** SATUSEHAT organization-type code, or null when SATUSEHAT has none for this kind. */
    public String satusehatOrganizationType() {
        return satusehatOrganizationType;
    }
}
