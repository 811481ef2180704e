package id.ilpatlas.api.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.security.AccessDeniedException;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** Maps expected failures to GraphQL errors a client can act on; anything else stays an opaque INTERNAL_ERROR. */
@ControllerAdvice
class GraphQlErrors {

    @GraphQlExceptionHandler
    GraphQLError accessDenied(AccessDeniedException e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.FORBIDDEN).message(e.getMessage()).build();
    }

    @GraphQlExceptionHandler
    GraphQLError invalidArgument(InvalidArgumentException e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.BAD_REQUEST)
                .message(e.getMessage())
                .extensions(Map.of("argument", e.argument()))
                .build();
    }
}
