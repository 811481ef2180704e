package id.ilpatlas.api.security;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Refuses a NUL character (U+0000) anywhere in a field's arguments (strings, IDs, input object fields, list items,
 * GeoJSON), before the data fetcher runs: PostgreSQL cannot store it in text, and the request would otherwise fail
 * deep in the database with an opaque INTERNAL_ERROR. The field gets a BAD_REQUEST error whose message and
 * {@code extensions.argument} name the argument path (e.g. {@code input.name}), like any other invalid argument.
 */
@Component
class NulArguments extends SimplePerformantInstrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (fetcher instanceof LightDataFetcher<?> light) {
            // A field answered from its parent (most fields of a large list): graphql-java calls it without building a
            // DataFetchingEnvironment; looking at the arguments here would build one per field and item. Such a field
            // rarely has arguments: it is checked when it is called, and only if it has any.
            return new LightNulCheck<>(light);
        }
        DataFetchingEnvironment environment = parameters.getEnvironment();
        String argument = find(environment.getArguments(), "");
        return argument == null ? fetcher : env -> refusal(env, argument);
    }

    /** A light (trivial) data fetcher that refuses a NUL character in its field's arguments, if the field has any. */
    private static final class LightNulCheck<T> implements LightDataFetcher<Object> {
        private final LightDataFetcher<T> delegate;

        LightNulCheck(LightDataFetcher<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
                throws Exception {
            if (!field.getArguments().isEmpty()) {
                String argument = find(environment.get().getArguments(), "");
                if (argument != null) {
                    return refusal(environment.get(), argument);
                }
            }
            return delegate.get(field, source, environment);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            String argument = find(environment.getArguments(), "");
            return argument != null ? refusal(environment, argument) : delegate.get(environment);
        }
    }

    private static DataFetcherResult<Object> refusal(DataFetchingEnvironment env, String argument) {
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env)
                        .errorType(ErrorType.BAD_REQUEST)
                        .message("Argument '" + argument + "': contains a NUL character (U+0000), which is not "
                                + "allowed in text")
                        .extensions(Map.of("argument", argument))
                        .build())
                .build();
    }

    /** The path of the first value containing U+0000, or null. */
    private static String find(Object value, String path) {
        if (value instanceof CharSequence text) {
            return text.toString().indexOf('\u0000') >= 0 ? path : null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String found = key.indexOf('\u0000') >= 0
                        ? path
                        : find(entry.getValue(), path.isEmpty() ? key : path + "." + key);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = find(list.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
