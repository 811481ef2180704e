package id.ilpatlas.api.events;

import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Where workflows announce their {@link WorkflowEvent}s. Call {@link #publish} inside the transaction that makes the
 * change: listeners that must not lose an event (the webhook outbox) write in that same transaction, listeners that
 * tell live subscribers act after the commit, so nobody hears of a change that was rolled back.
 */
@Component
public class WorkflowEvents {

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    WorkflowEvents(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Announces an event now. */
    public WorkflowEvent publish(
            WorkflowEvent.Kind kind,
            String subjectId,
            String kabkotaCode,
            List<String> rwCodes,
            String state,
            String actor) {
        WorkflowEvent event = new WorkflowEvent(kind, subjectId, kabkotaCode, rwCodes, state, actor, clock.instant());
        publisher.publishEvent(event);
        return event;
    }
}
