package id.ilpatlas.api.outreach;

import id.ilpatlas.api.events.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link WorkflowEvent}s of a running application, as a listener added to it sees them (on the request threads,
 * which Spring's thread-bound {@code ApplicationEvents} does not), each with whether a transaction was active when it
 * was published. Installed once per application context.
 */
public final class RecordedWorkflowEvents {

    /** An event and whether it was published inside a transaction. */
    public record Recorded(WorkflowEvent event, boolean inTransaction) {}

    private static final Map<ConfigurableApplicationContext, RecordedWorkflowEvents> INSTALLED =
            new ConcurrentHashMap<>();

    private final List<Recorded> events = new CopyOnWriteArrayList<>();

    private RecordedWorkflowEvents() {}

    /** The recorder of the context, installed on first use. */
    public static RecordedWorkflowEvents of(ConfigurableApplicationContext context) {
        return INSTALLED.computeIfAbsent(context, c -> {
            RecordedWorkflowEvents recorder = new RecordedWorkflowEvents();
            c.addApplicationListener(
                    (ApplicationListener<PayloadApplicationEvent<WorkflowEvent>>) e -> recorder.events.add(new Recorded(
                            e.getPayload(), TransactionSynchronizationManager.isActualTransactionActive())));
            return recorder;
        });
    }

    /** The events about these subjects of a type ({@code WorkflowEvent.Kind.subjectType()}), in order of publication. */
    public List<Recorded> about(String subjectType, List<String> subjectIds) {
        return events.stream()
                .filter(r -> r.event().kind().subjectType().equals(subjectType)
                        && subjectIds.contains(r.event().subjectId()))
                .toList();
    }
}
