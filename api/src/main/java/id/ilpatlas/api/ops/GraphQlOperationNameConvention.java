package id.ilpatlas.api.ops;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The {@code graphql.request} observation (Prometheus: {@code graphql_request_seconds_*}) tagged with the operation
 * name, as a low-cardinality tag {@code graphql.operation.name}: the {@code operationName} of the request when it is
 * a plain GraphQL name of at most 64 characters, {@code anonymous} when the request has none, {@code invalid}
 * otherwise. Clients choose the names, so the number of distinct values is capped
 * ({@code atlas.ops.max-operation-names}, default 200); names beyond the cap count as {@code other}.
 */
@Component
public class GraphQlOperationNameConvention extends DefaultExecutionRequestObservationConvention {

    /** The tag's key. */
    public static final String OPERATION_NAME = "graphql.operation.name";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final int maxNames;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    GraphQlOperationNameConvention(@Value("${atlas.ops.max-operation-names:200}") int maxNames) {
        this.maxNames = maxNames;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ExecutionRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context)
                .and(KeyValue.of(
                        OPERATION_NAME, tagValue(context.getExecutionInput().getOperationName())));
    }

    /** The tag value of an operation name. */
    String tagValue(String operationName) {
        String value = bounded(operationName);
        if (value.equals("anonymous") || value.equals("invalid") || seen.contains(value)) {
            return value;
        }
        if (seen.size() >= maxNames) {
            return "other";
        }
        seen.add(value);
        return value;
    }

    /** The operation name if it is a plain name of at most 64 characters; else {@code anonymous} or {@code invalid}. */
    static String bounded(String operationName) {
        if (operationName == null || operationName.isEmpty()) {
            return "anonymous";
        }
        return NAME.matcher(operationName).matches() ? operationName : "invalid";
    }
}
