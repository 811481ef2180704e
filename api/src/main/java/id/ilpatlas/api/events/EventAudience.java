package id.ilpatlas.api.events;

import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.security.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may hear of a {@link WorkflowEvent}, by least privilege. The roles that propose, review and plan
 * (DINKES_ADMIN, CAMAT, LURAH, PUSKESMAS_STAFF) hear every kind; a KADER hears only that a plan touching her RWs was
 * published or cancelled (she gathers the residents); PLANNER (aggregates only) and anonymous callers hear nothing.
 * Scope: the caller's scope must cover one of the event's RWs, or, for an event without RWs, its kab/kota. Of the
 * event's RWs a caller learns only those inside its scope ({@link #visibleRwCodes}).
 */
public final class EventAudience {

    /** The kinds a KADER hears: the Pusling is coming to her RW, or no longer is. */
    static final Set<WorkflowEvent.Kind> KADER_KINDS =
            EnumSet.of(WorkflowEvent.Kind.PLAN_PUBLISHED, WorkflowEvent.Kind.PLAN_CANCELLED);

    private EventAudience() {}

    /** True when the caller's role may subscribe at all. */
    public static boolean maySubscribe(Caller caller) {
        return AccessPolicy.may(caller, Permission.HEAR_WORKFLOW_EVENTS);
    }

    /** True when the caller's role may hear events of this kind (wherever they happen). */
    public static boolean mayHearKind(Caller caller, WorkflowEvent.Kind kind) {
        return AccessPolicy.may(caller, Permission.HEAR_EVERY_WORKFLOW_EVENT_KIND)
                || AccessPolicy.may(caller, Permission.HEAR_WORKFLOW_EVENTS) && KADER_KINDS.contains(kind);
    }

    /** True when the caller may hear this event: its role hears the kind and its scope covers the event. */
    public static boolean mayHear(Caller caller, WorkflowEvent event) {
        if (!mayHearKind(caller, event.kind())) {
            return false;
        }
        if (event.rwCodes().isEmpty()) {
            return caller.covers(event.kabkotaCode());
        }
        return event.rwCodes().stream().anyMatch(caller::covers);
    }

    /** The event's RWs inside the caller's scope, in the event's order. */
    public static List<String> visibleRwCodes(Caller caller, WorkflowEvent event) {
        return event.rwCodes().stream().filter(caller::covers).toList();
    }

    /** True when the event lies in the region (one of its RWs inside it, or, without RWs, its kab/kota). */
    static boolean touches(WorkflowEvent event, String regionCode) {
        if (regionCode == null) {
            return true;
        }
        Caller region = new Caller(null, Role.ANONYMOUS, List.of(regionCode), null);
        return event.rwCodes().isEmpty()
                ? region.covers(event.kabkotaCode())
                : event.rwCodes().stream().anyMatch(region::covers);
    }
}
