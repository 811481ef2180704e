package id.ilpatlas.api.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The live stream of {@link WorkflowEvent}s for GraphQL subscribers: an event enters after the transaction of its
 * change committed (or at once when it was published outside a transaction), so nobody hears of a change that was
 * rolled back. One multicast sink fans the events out; each subscriber reads through its own bounded buffer
 * ({@code atlas.events.subscriber-buffer}), so a slow client loses its oldest unread events (logged) instead of
 * holding up the others or the transaction that published them. A subscriber hears only events published after it
 * subscribed.
 */
@Component
public class LiveWorkflowEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveWorkflowEvents.class);

    private final Sinks.Many<WorkflowEvent> sink = Sinks.many().multicast().directBestEffort();
    private final int subscriberBuffer;

    LiveWorkflowEvents(@Value("${atlas.events.subscriber-buffer:256}") int subscriberBuffer) {
        this.subscriberBuffer = Math.max(1, subscriberBuffer);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void afterCommit(WorkflowEvent event) {
        emit(event);
    }

    /** Hands an event to the current subscribers (serialised: events may commit on several threads at once). */
    synchronized void emit(WorkflowEvent event) {
        Sinks.EmitResult result = sink.tryEmitNext(event);
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            log.warn(
                    "workflow event {} {} not handed to live subscribers: {}", event.kind(), event.subjectId(), result);
        }
    }

    /** Subscribers listening now (a test waits for its subscription to be in place before it acts). */
    public int subscriberCount() {
        return sink.currentSubscriberCount();
    }

    /** The events from now on, each subscriber with its own bounded buffer. */
    public Flux<WorkflowEvent> events() {
        return sink.asFlux()
                .onBackpressureBuffer(
                        subscriberBuffer,
                        dropped -> log.warn(
                                "a slow subscriber lost workflow event {} {}", dropped.kind(), dropped.subjectId()),
                        BufferOverflowStrategy.DROP_OLDEST);
    }
}
