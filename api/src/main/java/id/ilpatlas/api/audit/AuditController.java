package id.ilpatlas.api.audit;

import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Permission;
import java.security.Principal;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code me} and {@code auditLog}. */
@Controller
class AuditController {

    /** {@code Caller} as the API shows it. */
    record Me(
            String user,
            String role,
            java.util.List<String> scope,
            String facilityId,
            boolean caseAccess,
            boolean canEditRegistry) {}

    private final Callers callers;
    private final AuditLog auditLog;

    AuditController(Callers callers, AuditLog auditLog) {
        this.callers = callers;
        this.auditLog = auditLog;
    }

    @QueryMapping
    Me me(Principal principal) {
        Caller caller = callers.of(principal);
        return new Me(
                caller.user(),
                caller.role().name(),
                caller.scope(),
                caller.facilityId(),
                AccessPolicy.may(caller, Permission.READ_PERSON_DATA),
                AccessPolicy.mayEditRegistry(caller));
    }

    @QueryMapping
    Connection<AuditLog.Entry> auditLog(
            @Argument String targetId,
            @Argument String action,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = callers.of(principal);
        AccessPolicy.requireAuditRead(caller);
        PageRequest page = PageRequest.of("audit", first, after);
        return Connection.of(auditLog.page(caller, targetId, action, page), page, e -> String.valueOf(e.id()), null);
    }
}
