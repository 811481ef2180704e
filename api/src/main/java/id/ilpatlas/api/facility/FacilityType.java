package id.ilpatlas.api.facility;

/** Kinds of health facility in the ILP network, with the SATUSEHAT organization-type code where one exists. */
public enum FacilityType {
    DINKES("129"),
    PUSKESMAS("102"),
    PUSTU("OT000002"),
    POSYANDU("131"),
    KLINIK(null),
    RUMAH_SAKIT(null),
    LABORATORIUM(null);

    private final String satusehatOrganizationType;

    FacilityType(String satusehatOrganizationType) {
        this.satusehatOrganizationType = satusehatOrganizationType;
    }

    /** SATUSEHAT organization-type code, or null when SATUSEHAT has none for this kind. */
    public String satusehatOrganizationType() {
        return satusehatOrganizationType;
    }
}
