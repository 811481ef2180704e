package id.ilpatlas.api.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may do what, in one place. Reads of the registry and of regions are public; writes and the audit log are not.
 * Person-level data (from the case registers) will be allowed by {@link #mayReadPersonData} only.
 */
public final class AccessPolicy {

    /** Roles that may see person-level fields inside their scope. */
    public static final Set<Role> CASE_ACCESS = EnumSet.of(Role.DINKES_ADMIN, Role.CAMAT, Role.LURAH,
            Role.PUSKESMAS_STAFF, Role.KADER);

    /**
     * Roles that may see clinical details (HIV status, diagnosis, drug resistance, treatment history and outcome,
     * the pregnancy risk factors a file names) of the records inside their scope: the health roles. Camat, lurah and
     * kader see that a record exists and what their part of the programme needs (README, "Who may do what").
     */
    public static final Set<Role> CLINICAL_ACCESS = EnumSet.of(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF);

    private AccessPolicy() {
    }

    /** Clinical details of the case records inside the caller's scope (the scope itself is filtered in SQL). */
    public static boolean mayReadClinicalData(Caller caller) {
        return CLINICAL_ACCESS.contains(caller.role());
    }

    /** The FORBIDDEN message of a clinical field withheld from a role without clinical access. */
    public static String clinicalFieldWithheld(String typeAndField, Caller caller) {
        return typeAndField + " is a clinical detail for health roles only (DINKES_ADMIN, PUSKESMAS_STAFF); you are "
                + caller.role() + ": every " + typeAndField + " of this response is null";
    }

    /** Registry writes at all: DINKES_ADMIN or PUSKESMAS_STAFF. */
    public static void requireRegistryRole(Caller caller) {
        if (!mayEditRegistry(caller)) {
            throw new AccessDeniedException("changing the facility registry needs the role DINKES_ADMIN or "
                    + "PUSKESMAS_STAFF; you are " + caller.role());
        }
    }

    /** Kinds of facility puskesmas staff look after, besides their own puskesmas. */
    public static final Set<String> PUSKESMAS_STAFF_TYPES = Set.of("POSYANDU", "PUSTU");

    /**
     * Registry writes on one facility: DINKES_ADMIN for any facility in its scope; PUSKESMAS_STAFF for the pustu and
     * posyandu of its wilayah kerja and for its own puskesmas.
     */
    public static void requireRegistryWrite(Caller caller, String kelurahanCode, String facilityType,
                                            String facilityId) {
        requireRegistryWrite(caller, kelurahanCode);
        if (caller.role() == Role.PUSKESMAS_STAFF && !PUSKESMAS_STAFF_TYPES.contains(facilityType)
                && !facilityId.equals(caller.facilityId())) {
            throw new AccessDeniedException("puskesmas staff change the pustu and posyandu of their wilayah kerja "
                    + "and their own puskesmas, not a " + facilityType);
        }
    }

    /** Registry writes: DINKES_ADMIN, or PUSKESMAS_STAFF, for a facility in a kelurahan inside their scope. */
    public static void requireRegistryWrite(Caller caller, String kelurahanCode) {
        requireRegistryRole(caller);
        if (!caller.covers(kelurahanCode)) {
            throw new AccessDeniedException("kelurahan " + kelurahanCode + " lies outside your scope "
                    + caller.scope());
        }
    }

    /** The audit log: DINKES_ADMIN only (and only entries inside the scope, filtered in SQL). */
    public static void requireAuditRead(Caller caller) {
        if (caller.role() != Role.DINKES_ADMIN) {
            throw new AccessDeniedException("the audit log needs the role DINKES_ADMIN; you are " + caller.role());
        }
    }

    /** Person-level fields (name, NIK, birth date, address, exact point) of a record in a region. */
    public static boolean mayReadPersonData(Caller caller, String regionCode) {
        return CASE_ACCESS.contains(caller.role()) && caller.covers(regionCode);
    }

    /**
     * Person-level case lists: roles with case access only; their rows are then filtered to the scope in SQL.
     * PLANNER and anonymous callers get aggregates only.
     */
    public static void requireCaseAccess(Caller caller) {
        if (!CASE_ACCESS.contains(caller.role())) {
            throw new AccessDeniedException("person-level case data needs a role with case access (DINKES_ADMIN, CAMAT, "
                    + "LURAH, PUSKESMAS_STAFF, KADER); you are " + caller.role() + ": ask for aggregates instead");
        }
    }

    public static boolean mayEditRegistry(Caller caller) {
        return caller.role() == Role.DINKES_ADMIN || caller.role() == Role.PUSKESMAS_STAFF;
    }
}
