package id.ilpatlas.api.events;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.region.RegionCode;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * {@code subscription workflowEvents}: the {@link WorkflowEvent}s the caller may hear ({@link EventAudience}), live,
 * over the GraphQL WebSocket ({@link WebSocketAuthentication}). At most
 * {@code atlas.graphql.limits.max-subscriptions-per-caller} open subscriptions per user at once (a further one is
 * refused with {@code TOO_MANY_SUBSCRIPTIONS}).
 */
@Controller
class WorkflowEventController {

    static final ErrorClassification TOO_MANY = ErrorClassification.errorClassification("TOO_MANY_SUBSCRIPTIONS");

    /** A workflow event as a subscriber sees it: only the RWs inside its scope. */
    record WorkflowEventView(
            WorkflowEvent.Kind kind,
            String subjectType,
            String subjectId,
            String kabkotaCode,
            List<String> rwCodes,
            String state,
            String actor,
            String occurredAt) {
        static WorkflowEventView of(WorkflowEvent event, Caller caller) {
            return new WorkflowEventView(
                    event.kind(),
                    event.kind().subjectType(),
                    event.subjectId(),
                    event.kabkotaCode(),
                    EventAudience.visibleRwCodes(caller, event),
                    event.state(),
                    event.actor(),
                    event.occurredAt().toString());
        }
    }

    /** Too many open subscriptions of one caller. */
    static final class TooManySubscriptionsException extends RuntimeException {
        TooManySubscriptionsException(String message) {
            super(message);
        }
    }

    private final LiveWorkflowEvents live;
    private final Callers callers;
    private final int maxPerCaller;
    /** Open subscriptions per user. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    WorkflowEventController(
            LiveWorkflowEvents live,
            Callers callers,
            @Value("${atlas.graphql.limits.max-subscriptions-per-caller:5}") int maxPerCaller) {
        this.live = live;
        this.callers = callers;
        this.maxPerCaller = maxPerCaller;
    }

    @SubscriptionMapping
    Flux<WorkflowEventView> workflowEvents(
            @Argument List<WorkflowEvent.Kind> kinds, @Argument String regionCode, @Nullable Principal principal) {
        Caller caller = callers.of(principal);
        if (!EventAudience.maySubscribe(caller)) {
            throw new AccessDeniedException("workflow events are for DINKES_ADMIN, CAMAT, LURAH, PUSKESMAS_STAFF and "
                    + "KADER (plans published or cancelled in their RWs); you are " + caller.role()
                    + (caller.role() == Role.ANONYMOUS
                            ? ": send your token in the connection_init payload "
                                    + "as {\"Authorization\": \"Bearer <token>\"}"
                            : ""));
        }
        String region = region(regionCode, caller);
        Set<WorkflowEvent.Kind> wanted =
                kinds == null || kinds.isEmpty() ? EnumSet.allOf(WorkflowEvent.Kind.class) : EnumSet.copyOf(kinds);
        List<WorkflowEvent.Kind> unheard = wanted.stream()
                .filter(k -> !EventAudience.mayHearKind(caller, k))
                .toList();
        if (kinds != null && !kinds.isEmpty() && unheard.size() == wanted.size()) {
            throw new AccessDeniedException("a " + caller.role() + " hears none of the kinds " + unheard);
        }
        String user = caller.actor();
        if (open.merge(user, 1, Integer::sum) > maxPerCaller) {
            release(user);
            throw new TooManySubscriptionsException("you have " + maxPerCaller + " open workflowEvents subscriptions, "
                    + "the most one user may hold at once; complete one first");
        }
        return live.events()
                .filter(e -> wanted.contains(e.kind())
                        && EventAudience.mayHear(caller, e)
                        && EventAudience.touches(e, region))
                .map(e -> WorkflowEventView.of(e, caller))
                .doFinally(signal -> release(user));
    }

    /** One subscription of the user ended (the entry goes when the last one does). */
    private void release(String user) {
        open.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** The dotted region, which must overlap the caller's scope (inside it, or containing part of it). */
    private static String region(String regionCode, Caller caller) {
        if (regionCode == null) {
            return null;
        }
        if (!RegionCode.isValid(regionCode)) {
            throw new InvalidArgumentException("regionCode", "not a region code: " + regionCode);
        }
        String region = RegionCode.parse(regionCode).dotted();
        boolean overlaps = caller.covers(region)
                || caller.scope().stream().anyMatch(s -> s.equals(region) || s.startsWith(region + "."));
        if (!overlaps) {
            throw new AccessDeniedException("region " + region + " lies outside your scope " + caller.scope());
        }
        return region;
    }

    @GraphQlExceptionHandler
    GraphQLError tooMany(TooManySubscriptionsException e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(TOO_MANY)
                .message(e.getMessage())
                .extensions(Map.of("limit", maxPerCaller))
                .build();
    }
}
