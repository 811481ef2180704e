package id.ilpatlas.api.security;

import java.util.List;
import java.util.Set;

/**
 * Who may do what, in one place. Reads of the registry and of regions are public; writes and the audit log are not.
 * Person-level data (from the case registers) is allowed by {@link #mayReadPersonData} only. Aggregate counts are
 * exact where {@link #mayReadExactAggregates} says so and published (small-cell suppressed) everywhere else: that
 * one rule decides it for every channel ({@code caseCounts}, {@code rwIndicators} and through it the vector tiles,
 * exports, the KIA-gizi review and {@code targetCandidates}, and the hex heat).
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /** True when the caller's role has the permission (its scope is checked on top, where the rule needs it). */
    public static boolean may(Caller caller, Permission permission) {
        return permission.allows(caller.role());
    }

    /** Clinical details of the case records inside the caller's scope (the scope itself is filtered in SQL). */
    public static boolean mayReadClinicalData(Caller caller) {
        return may(caller, Permission.READ_CLINICAL_DATA);
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
    public static void requireRegistryWrite(
            Caller caller, String kelurahanCode, String facilityType, String facilityId) {
        requireRegistryWrite(caller, kelurahanCode);
        if (caller.role() == Role.PUSKESMAS_STAFF
                && !PUSKESMAS_STAFF_TYPES.contains(facilityType)
                && !facilityId.equals(caller.facilityId())) {
            throw new AccessDeniedException("puskesmas staff change the pustu and posyandu of their wilayah kerja "
                    + "and their own puskesmas, not a " + facilityType);
        }
    }

    /** Registry writes: DINKES_ADMIN, or PUSKESMAS_STAFF, for a facility in a kelurahan inside their scope. */
    public static void requireRegistryWrite(Caller caller, String kelurahanCode) {
        requireRegistryRole(caller);
        if (!caller.covers(kelurahanCode)) {
            throw new AccessDeniedException(
                    "kelurahan " + kelurahanCode + " lies outside your scope " + caller.scope());
        }
    }

    /** The audit log: DINKES_ADMIN only (and only entries inside the scope, filtered in SQL). */
    public static void requireAuditRead(Caller caller) {
        if (!may(caller, Permission.READ_AUDIT_LOG)) {
            throw new AccessDeniedException("the audit log needs the role DINKES_ADMIN; you are " + caller.role());
        }
    }

    /** Person-level fields (name, NIK, birth date, address, exact point) of a record in a region. */
    public static boolean mayReadPersonData(Caller caller, String regionCode) {
        return may(caller, Permission.READ_PERSON_DATA) && caller.covers(regionCode);
    }

    /**
     * Exact (unsuppressed) aggregate counts of a region (a kab/kota, kecamatan, kelurahan or RW): roles with case
     * access inside their scope, and PLANNER inside its scope (its kab/kota). Everyone else, and everyone outside
     * their scope, gets the published counts. No person-level data follows from this: that stays
     * {@link #mayReadPersonData} (PLANNER: never). The one rule of every channel that shows counts.
     */
    public static boolean mayReadExactAggregates(Caller caller, String regionCode) {
        return may(caller, Permission.READ_EXACT_AGGREGATES) && caller.covers(regionCode);
    }

    /** The codes of the caller's scope in which it reads exact aggregates (empty: it sees the published counts). */
    public static List<String> exactAggregateScope(Caller caller) {
        return caller.scope().stream()
                .filter(code -> mayReadExactAggregates(caller, code))
                .toList();
    }

    /** The codes of the caller's scope in which it reads person-level data (empty for PLANNER and anonymous). */
    public static List<String> personDataScope(Caller caller) {
        return caller.scope().stream()
                .filter(code -> mayReadPersonData(caller, code))
                .toList();
    }

    /**
     * Person-level case lists: roles with case access only; their rows are then filtered to the scope in SQL.
     * PLANNER and anonymous callers get aggregates only.
     */
    public static void requireCaseAccess(Caller caller) {
        if (!may(caller, Permission.READ_PERSON_DATA)) {
            throw new AccessDeniedException(
                    "person-level case data needs a role with case access (DINKES_ADMIN, CAMAT, "
                            + "LURAH, PUSKESMAS_STAFF, KADER); you are " + caller.role()
                            + ": ask for aggregates instead");
        }
    }

    /** Registry writes at all (which facilities: {@link #requireRegistryWrite}). */
    public static boolean mayEditRegistry(Caller caller) {
        return may(caller, Permission.EDIT_REGISTRY);
    }
}
