package id.ilpatlas.api.graphql;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.idl.TypeUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * Errors of variables that name the field. graphql-java reports a value its type refuses with the variable's name
 * only ("Variable 'input' has an invalid value: '2027-01' is not an ISO-8601 date such as 2026-11-24"), so a client
 * cannot tell which of an input's fields was wrong. This interceptor walks the variable's value against its type in
 * the schema, finds the first field refused (a scalar that does not parse, a value not of an enum, a required field
 * missing or null, an unknown field) and says it: "Argument 'input.periodFrom': '2027-01' is not an ISO-8601 date such
 * as 2026-11-24", with the path in the error's {@code field} extension ({@code ["input", "periodFrom"]}), as the
 * typed {@code UserError}s say theirs. The error keeps its classification; a message the walk cannot place is left as
 * it was.
 */
@Configuration(proxyBeanMethods = false)
class VariableErrors {

    /** graphql-java's messages for a variable value refused: the variable named, or not (a nested field or enum). */
    private static final Pattern VARIABLE = Pattern.compile("^Variable '([_A-Za-z][_0-9A-Za-z]*)'");

    private static final Pattern UNNAMED =
            Pattern.compile("^(Field '[_0-9A-Za-z]+' has coerced Null value for NonNull type|No value found for name "
                    + "|The variables input contains a field name )");

    @Bean
    WebGraphQlInterceptor variableErrorsNameTheField(ObjectProvider<GraphQlSource> source) {
        return (request, chain) -> chain.next(request).map(response -> {
            if (response.getErrors().stream().noneMatch(e -> about(e.getMessage()))) {
                return response;
            }
            GraphQLSchema schema = source.getObject().schema();
            List<GraphQLError> errors = response.getExecutionResult().getErrors().stream()
                    .map(error -> named(schema, request, error).orElse(error))
                    .toList();
            return response.transform(builder -> builder.errors(errors));
        });
    }

    private static boolean about(String message) {
        return message != null
                && (VARIABLE.matcher(message).find() || UNNAMED.matcher(message).find());
    }

    /** The error restated with the path of the refused field, when the walk finds one. */
    static Optional<GraphQLError> named(GraphQLSchema schema, WebGraphQlRequest request, GraphQLError error) {
        if (!about(error.getMessage())) {
            return Optional.empty();
        }
        Matcher named = VARIABLE.matcher(error.getMessage());
        String only = named.find() ? named.group(1) : null;
        List<VariableDefinition> definitions;
        try {
            definitions = definitions(Parser.parse(request.getDocument()), request.getOperationName());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<String> path = new ArrayList<>();
        String reason = null;
        for (VariableDefinition definition : definitions) {
            if (only != null && !only.equals(definition.getName())) {
                continue;
            }
            GraphQLType type =
                    schema.getType(TypeUtil.unwrapAll(definition.getType()).getName());
            if (!(type instanceof GraphQLInputType)) {
                continue;
            }
            path = new ArrayList<>(List.of(definition.getName()));
            reason = refusal(
                    (GraphQLInputType) wrap(definition.getType(), type),
                    request.getVariables().get(definition.getName()),
                    request.getVariables().containsKey(definition.getName()),
                    path);
            if (reason != null) {
                break;
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        Map<String, Object> extensions =
                new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        extensions.put("field", List.copyOf(path));
        GraphqlErrorBuilder<?> restated = GraphqlErrorBuilder.newError()
                .message("Argument '" + String.join(".", path) + "': " + reason)
                .errorType(error.getErrorType())
                .extensions(extensions);
        if (error.getLocations() != null) {
            restated.locations(error.getLocations());
        }
        return Optional.of(restated.build());
    }

    /** The variable definitions of the operation run. */
    private static List<VariableDefinition> definitions(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(op -> operationName == null ? operations.size() == 1 : operationName.equals(op.getName()))
                .flatMap(op -> op.getVariableDefinitions().stream())
                .toList();
    }

    /** The schema type of a variable's declared type (lists and non-nulls as written). */
    private static GraphQLType wrap(graphql.language.Type<?> declared, GraphQLType named) {
        if (declared instanceof graphql.language.NonNullType nonNull) {
            return GraphQLNonNull.nonNull(wrap(nonNull.getType(), named));
        }
        if (declared instanceof graphql.language.ListType list) {
            return GraphQLList.list(wrap(list.getType(), named));
        }
        return named;
    }

    /**
     * Why the value is refused, with {@code path} left at the refused field; null when the walk finds nothing (then
     * the path is left as given).
     */
    static String refusal(GraphQLInputType type, Object value, boolean given, List<String> path) {
        if (type instanceof GraphQLNonNull nonNull) {
            if (value == null) {
                return given ? "must not be null" : "is required";
            }
            return refusal((GraphQLInputType) nonNull.getWrappedType(), value, true, path);
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (!(value instanceof List<?> items)) {
                return refusal(element, value, true, path);
            }
            for (int i = 0; i < items.size(); i++) {
                path.add(String.valueOf(i));
                String reason = refusal(element, items.get(i), true, path);
                if (reason != null) {
                    return reason;
                }
                path.remove(path.size() - 1);
            }
            return null;
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> fields)) {
                return "must be an object of type " + object.getName();
            }
            for (Object key : fields.keySet()) {
                if (object.getField(String.valueOf(key)) == null) {
                    path.add(String.valueOf(key));
                    return "is not a field of " + object.getName() + " (fields: "
                            + object.getFields().stream()
                                    .map(GraphQLInputObjectField::getName)
                                    .collect(Collectors.joining(", "))
                            + ")";
                }
            }
            for (GraphQLInputObjectField field : object.getFields()) {
                boolean present = fields.containsKey(field.getName());
                if (!present && field.hasSetDefaultValue()) {
                    continue;
                }
                path.add(field.getName());
                String reason = refusal(field.getType(), fields.get(field.getName()), present, path);
                if (reason != null) {
                    return reason;
                }
                path.remove(path.size() - 1);
            }
            return null;
        }
        if (type instanceof GraphQLEnumType enumType) {
            boolean known = value instanceof String name
                    && enumType.getValues().stream().anyMatch(v -> v.getName().equals(name));
            return known
                    ? null
                    : "'" + value + "' is not one of "
                            + enumType.getValues().stream()
                                    .map(GraphQLEnumValueDefinition::getName)
                                    .collect(Collectors.joining(", "));
        }
        if (type instanceof GraphQLScalarType scalar) {
            try {
                scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
                return null;
            } catch (CoercingParseValueException e) {
                return e.getMessage();
            }
        }
        return null;
    }
}
