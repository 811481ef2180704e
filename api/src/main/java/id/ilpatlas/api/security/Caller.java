package id.ilpatlas.api.security;

import java.util.List;

/**
 * Who is asking: user, role and geographic scope (dotted region codes; a code covers every region inside it).
 *
 * @param facilityId for PUSKESMAS_STAFF and KADER, the facility whose catchment is the scope
 */
public record Caller(String user, Role role, List<String> scope, String facilityId) implements Actor {

    public static final Caller ANONYMOUS = new Caller(null, Role.ANONYMOUS, List.of(), null);

    public Caller {
        scope = List.copyOf(scope);
    }

    /** True when the region (or the region of a row) lies inside the caller's scope. */
    public boolean covers(String regionCode) {
        return regionCode != null
                && scope.stream().anyMatch(s -> regionCode.equals(s) || regionCode.startsWith(s + "."));
    }

    /** The label the audit log records. */
    @Override
    public String actor() {
        return user == null ? "anonymous" : user;
    }

    /** The role the audit log records. */
    @Override
    public String auditRole() {
        return role.name();
    }
}
