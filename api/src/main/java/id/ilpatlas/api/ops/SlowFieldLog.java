package id.ilpatlas.api.ops;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLNamedType;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Logs a warning for a GraphQL field whose data fetcher takes longer than {@code atlas.ops.slow-field-threshold}
 * (default 1s): which field, how long, and (through the MDC) the request id, so a slow request in the access metrics
 * can be traced to the field that made it slow. Fields answered from their parent object are not measured. At most
 * one line per field (type and name) and request: a batched field of 400 items that waited for its batch is one line,
 * not 400 (which, under load, made every slow request slower by logging).
 *
 * <p>A field answered later (a batch loader's future) is checked on the thread that completes it; only the request
 * id is carried over to that thread (the one MDC key, {@link RequestIdFilter#MDC_KEY}), not a snapshot of every
 * thread-local per field.
 */
@Component
public class SlowFieldLog extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(SlowFieldLog.class);

    private final long thresholdNanos;

    SlowFieldLog(@Value("${atlas.ops.slow-field-threshold:1s}") Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    /** The fields of one request already logged. */
    static final class Logged implements InstrumentationState {
        private final Set<String> fields = ConcurrentHashMap.newKeySet();
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Logged());
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return fetcher;
        }
        Logged logged = state instanceof Logged l ? l : new Logged();
        return environment -> {
            long started = System.nanoTime();
            Object result = fetcher.get(environment);
            if (result instanceof CompletionStage<?> stage) {
                String requestId = MDC.get(RequestIdFilter.MDC_KEY);
                return stage.whenComplete((value, error) -> {
                    long nanos = System.nanoTime() - started;
                    if (nanos >= thresholdNanos) {
                        String current = MDC.get(RequestIdFilter.MDC_KEY);
                        if (requestId == null || requestId.equals(current)) {
                            warn(environment, nanos, logged);
                        } else {
                            try (MDC.MDCCloseable scope = MDC.putCloseable(RequestIdFilter.MDC_KEY, requestId)) {
                                warn(environment, nanos, logged);
                            } finally {
                                if (current != null) {
                                    MDC.put(RequestIdFilter.MDC_KEY, current);
                                }
                            }
                        }
                    }
                });
            }
            long nanos = System.nanoTime() - started;
            if (nanos >= thresholdNanos) {
                warn(environment, nanos, logged);
            }
            return result;
        };
    }

    private static void warn(DataFetchingEnvironment environment, long nanos, Logged logged) {
        String type = environment.getParentType() instanceof GraphQLNamedType named ? named.getName() : "?";
        String field = environment.getField().getName();
        if (logged.fields.add(type + "." + Objects.toString(field))) {
            log.warn("slow GraphQL field {}.{}: {} ms", type, field, nanos / 1_000_000);
        }
    }
}
