package id.ilpatlas.api.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.security.AccessDeniedException;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps expected failures to GraphQL errors a client can act on; anything else stays an opaque INTERNAL_ERROR. The
 * database being away is {@link DatabaseUnavailableErrors}.
 */
@ControllerAdvice
public class GraphQlErrors {

    /** A temporary condition (the database away, the route planner busy): the client may retry shortly. */
    public static final ErrorClassification UNAVAILABLE = ErrorClassification.errorClassification("UNAVAILABLE");

    @GraphQlExceptionHandler
    GraphQLError accessDenied(AccessDeniedException e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.FORBIDDEN)
                .message(e.getMessage())
                .build();
    }

    @GraphQlExceptionHandler
    GraphQLError invalidArgument(InvalidArgumentException e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.BAD_REQUEST)
                .message(e.getMessage())
                .extensions(Map.of("argument", e.argument()))
                .build();
    }

    /**
     * The database away (restarting, unreachable, no connection within the pool's timeout), wherever it surfaces in
     * a data fetcher: the error {@value DatabaseUnavailable#MESSAGE}, classification {@code UNAVAILABLE},
     * {@code extensions.code = DATABASE_UNAVAILABLE}, instead of an opaque INTERNAL_ERROR; the client may retry. Any
     * other failure is left to the other resolvers.
     */
    @Component
    static class DatabaseUnavailableErrors extends DataFetcherExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
            if (!DatabaseUnavailable.causedBy(ex)) {
                return null;
            }
            return GraphqlErrorBuilder.newError(env)
                    .errorType(UNAVAILABLE)
                    .message(DatabaseUnavailable.MESSAGE)
                    .extensions(Map.of("code", DatabaseUnavailable.CODE))
                    .build();
        }
    }
}
