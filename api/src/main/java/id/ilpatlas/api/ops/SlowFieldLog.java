package id.ilpatlas.api.ops;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLNamedType;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Logs a warning for every GraphQL field whose data fetcher takes longer than {@code atlas.ops.slow-field-threshold}
 * (default 1s): which field, how long, and (through the MDC) the request id, so a slow request in the access metrics
 * can be traced to the field that made it slow. Fields answered from their parent object are not measured.
 */
@Component
public class SlowFieldLog extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(SlowFieldLog.class);

    private final long thresholdNanos;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    SlowFieldLog(@Value("${atlas.ops.slow-field-threshold:1s}") Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return fetcher;
        }
        return environment -> {
            long started = System.nanoTime();
            Object result = fetcher.get(environment);
            if (result instanceof CompletionStage<?> stage) {
                // Completes on whichever thread finished the work: the log line gets this request's MDC back.
                ContextSnapshot snapshot = snapshots.captureAll();
                return stage.whenComplete((value, error) -> {
                    try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
                        check(environment, started);
                    }
                });
            }
            check(environment, started);
            return result;
        };
    }

    private void check(DataFetchingEnvironment environment, long started) {
        long nanos = System.nanoTime() - started;
        if (nanos >= thresholdNanos) {
            String type = environment.getParentType() instanceof GraphQLNamedType named ? named.getName() : "?";
            log.warn("slow GraphQL field {}.{}: {} ms", type, environment.getField().getName(), nanos / 1_000_000);
        }
    }
}
