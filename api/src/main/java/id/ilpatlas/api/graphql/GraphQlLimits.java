package id.ilpatlas.api.graphql;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one GraphQL request may ask and answer, each refused with a clear error before the work it would
 * cause: selection depth, fields, aliases and operations per document, the <b>cost</b> of the operation (see
 * {@link #cost}), lower for anonymous callers than for callers with a token, and the size of the response
 * ({@link ResponseBudget}). Values from {@code atlas.graphql.limits.*}.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    /** GraphQL context key: true when the request carries a valid token (set by {@link #callerKind()}). */
    static final String AUTHENTICATED = GraphQlLimits.class.getName() + ".authenticated";

    static final ErrorClassification TOO_EXPENSIVE = ErrorClassification.errorClassification("QUERY_TOO_EXPENSIVE");
    static final ErrorClassification TOO_LARGE = ErrorClassification.errorClassification("RESPONSE_TOO_LARGE");

    /**
     * {@code atlas.graphql.limits.*}.
     *
     * @param maxDepth             deepest selection nesting
     * @param maxFields            most fields in one operation (each selected field counts one, nested ones too)
     * @param maxAliases           most aliased fields in one document
     * @param maxOperations        most operation definitions in one document
     * @param maxCostAnonymous     highest operation cost for a request without a token
     * @param maxCostAuthenticated highest operation cost for a request with a valid token
     * @param defaultListSize      items assumed for a list field without a page size argument
     * @param geometryCost         cost of one GeoJSON value (a boundary or a route) instead of 1
     * @param maxResponseSize      the largest response (estimated serialized JSON); beyond it the request fails
     */
    @ConfigurationProperties("atlas.graphql.limits")
    record Properties(
            int maxDepth,
            int maxFields,
            int maxAliases,
            int maxOperations,
            long maxCostAnonymous,
            long maxCostAuthenticated,
            int defaultListSize,
            int geometryCost,
            DataSize maxResponseSize) {

        Properties {
            maxDepth = maxDepth > 0 ? maxDepth : 15;
            maxFields = maxFields > 0 ? maxFields : 1000;
            maxAliases = maxAliases > 0 ? maxAliases : 50;
            maxOperations = maxOperations > 0 ? maxOperations : 10;
            maxCostAnonymous = maxCostAnonymous > 0 ? maxCostAnonymous : 20_000;
            maxCostAuthenticated = maxCostAuthenticated > 0 ? maxCostAuthenticated : 500_000;
            defaultListSize = defaultListSize > 0 ? defaultListSize : 10;
            geometryCost = geometryCost > 0 ? geometryCost : 10;
            maxResponseSize = maxResponseSize != null ? maxResponseSize : DataSize.ofMegabytes(16);
        }
    }

    @Bean
    Instrumentation maxQueryDepth(Properties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    /** Whether the caller sent a valid token, for the cost limit (read where the security context is at hand). */
    @Bean
    WebGraphQlInterceptor callerKind() {
        return (request, chain) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            boolean authenticated =
                    authentication instanceof JwtAuthenticationToken && authentication.isAuthenticated();
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(Map.of(AUTHENTICATED, authenticated)).build());
            return chain.next(request);
        };
    }

    /**
     * Fields and cost of the operation, computed from the document and its variables before any data is fetched.
     * The cost of a field is its weight (1; a GeoJSON field {@code geometryCost}) plus the cost of its selection
     * times the number of items it can return: a list field with a {@code first} or {@code count} argument returns
     * that many (its value or its default), the {@code edges} of a connection as many as the connection's
     * {@code first}, any other list {@code defaultListSize}. So 50 aliases of {@code regions(level: RW, first: 1000)
     * { edges { node { code geometry } } } } cost 50 × (1 + 1 + 1000 × (1 + 1 + 10)) = 600,100.
     */
    @Bean
    Instrumentation fieldAndCostLimit(Properties limits) {
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                ExecutionContext context = parameters.getExecutionContext();
                Tally tally = cost(context, limits);
                if (tally.fields > limits.maxFields()) {
                    throw new AbortExecutionException("The operation selects " + tally.fields + " fields; at most "
                            + limits.maxFields() + " are allowed per request");
                }
                boolean authenticated =
                        Boolean.TRUE.equals(context.getGraphQLContext().get(AUTHENTICATED));
                long limit = authenticated ? limits.maxCostAuthenticated() : limits.maxCostAnonymous();
                if (tally.cost > limit) {
                    throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                            .errorType(TOO_EXPENSIVE)
                            .message(String.format(
                                    Locale.ROOT,
                                    "The query costs %,d; the limit is %,d for %s. Ask for "
                                            + "fewer items (first), fewer aliases or fewer geometries",
                                    tally.cost,
                                    limit,
                                    authenticated
                                            ? "authenticated callers"
                                            : String.format(
                                                    Locale.ROOT,
                                                    "anonymous callers (%,d with a token)",
                                                    limits.maxCostAuthenticated())))
                            .extensions(Map.of("cost", tally.cost, "limit", limit))
                            .build()));
                }
                return super.beginExecuteOperation(parameters, state);
            }
        };
    }

    /** Fields and cost of an operation. */
    record Tally(long fields, long cost) {}

    static Tally cost(ExecutionContext context, Properties limits) {
        OperationDefinition operation = context.getOperationDefinition();
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(operation.getName())
                .coercedVariables(context.getCoercedVariables())
                .build();
        Map<QueryVisitorFieldEnvironment, Long> childCost = new HashMap<>();
        long[] fields = {0};
        long[] total = {0};
        traverser.visitPostOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment env) {
                if (env.isTypeNameIntrospectionField()) {
                    return;
                }
                fields[0]++;
                long children = childCost.getOrDefault(env, 0L);
                long cost = saturatedAdd(weight(env, limits), saturatedMultiply(items(env, limits), children));
                QueryVisitorFieldEnvironment parent = env.getParentEnvironment();
                if (parent == null) {
                    total[0] = saturatedAdd(total[0], cost);
                } else {
                    childCost.merge(parent, cost, GraphQlLimits::saturatedAdd);
                }
            }
        });
        return new Tally(fields[0], total[0]);
    }

    private static long weight(QueryVisitorFieldEnvironment env, Properties limits) {
        GraphQLType type = GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType());
        return type instanceof GraphQLScalarType scalar && scalar.getName().equals("GeoJSON")
                ? limits.geometryCost()
                : 1;
    }

    /**
     * How many items the field returns: 1 unless it is a list (or a connection's edges). Introspection counts its
     * fields only (the schema is small and fixed).
     */
    private static long items(QueryVisitorFieldEnvironment env, Properties limits) {
        if (!isList(env.getFieldDefinition().getType())
                || env.getFieldDefinition().getName().startsWith("__")
                || env.getFieldsContainer().getName().startsWith("__")) {
            return 1;
        }
        Long own = pageSize(env.getArguments());
        if (own != null) {
            return own;
        }
        QueryVisitorFieldEnvironment parent = env.getParentEnvironment();
        if (env.getField().getName().equals("edges")
                && parent != null
                && GraphQLTypeUtil.unwrapAll(parent.getFieldDefinition().getType())
                        .getName()
                        .endsWith("Connection")) {
            Long page = pageSize(parent.getArguments());
            return page != null ? page : limits.defaultListSize();
        }
        return limits.defaultListSize();
    }

    private static boolean isList(GraphQLType type) {
        return GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList;
    }

    private static Long pageSize(Map<String, Object> arguments) {
        for (String name : List.of("first", "count")) {
            if (arguments.get(name) instanceof Number number) {
                return Math.max(1L, number.longValue());
            }
        }
        return null;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long saturatedMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The response size cap: the serialized size of the response is estimated field by field as the data comes in
     * (names, leaf values, GeoJSON text); past {@code maxResponseSize} no further field is fetched and the response is
     * a single error {@code RESPONSE_TOO_LARGE} instead of the data, so a query under the cost limit that still asks
     * for too much ends with a clear error, not an exhausted heap.
     */
    @Bean
    Instrumentation responseSizeLimit(Properties limits) {
        long maxBytes = limits.maxResponseSize().toBytes();
        return new SimplePerformantInstrumentation() {
            @Override
            public CompletableFuture<InstrumentationState> createStateAsync(
                    InstrumentationCreateStateParameters parameters) {
                return CompletableFuture.completedFuture(new ResponseBudget(maxBytes));
            }

            @Override
            public DataFetcher<?> instrumentDataFetcher(
                    DataFetcher<?> fetcher,
                    InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                if (!(state instanceof ResponseBudget budget)) {
                    return fetcher;
                }
                if (fetcher instanceof LightDataFetcher<?> light) {
                    // A field answered from its parent: kept light (no DataFetchingEnvironment built per field and
                    // item), its key measured by the longest result key of its name in the document.
                    return new LightBudget<>(light, budget, budget.keyLengths(parameters.getExecutionContext()));
                }
                return environment -> {
                    if (budget.exceeded()) {
                        return null;
                    }
                    Object value = fetcher.get(environment);
                    if (value instanceof CompletionStage<?> stage) {
                        return stage.thenApply(v -> {
                            budget.add(environment, v);
                            return v;
                        });
                    }
                    budget.add(environment, value);
                    return value;
                };
            }

            @Override
            public CompletableFuture<ExecutionResult> instrumentExecutionResult(
                    ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
                if (state instanceof ResponseBudget budget && budget.exceeded()) {
                    return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult()
                            .addError(GraphqlErrorBuilder.newError()
                                    .errorType(TOO_LARGE)
                                    .message(String.format(
                                            Locale.ROOT,
                                            "The response would be larger than %,d bytes "
                                                    + "(the limit of one request); ask for fewer items (first), fewer fields "
                                                    + "or simplified geometry (simplifyMeters)",
                                            maxBytes))
                                    .extensions(Map.of("limitBytes", maxBytes))
                                    .build())
                            .build());
                }
                return CompletableFuture.completedFuture(result);
            }
        };
    }

    /** The estimated bytes of one response so far. */
    /** A light (trivial) data fetcher whose values count against the response budget. */
    private static final class LightBudget<T> implements LightDataFetcher<Object> {
        private final LightDataFetcher<T> delegate;
        private final ResponseBudget budget;
        private final Map<String, Integer> keyLengths;

        LightBudget(LightDataFetcher<T> delegate, ResponseBudget budget, Map<String, Integer> keyLengths) {
            this.delegate = delegate;
            this.budget = budget;
            this.keyLengths = keyLengths;
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
                throws Exception {
            if (budget.exceeded()) {
                return null;
            }
            Object value = delegate.get(field, source, environment);
            budget.add(keyLengths.getOrDefault(field.getName(), field.getName().length()), field.getType(), value);
            return value;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            if (budget.exceeded()) {
                return null;
            }
            Object value = delegate.get(environment);
            budget.add(environment, value);
            return value;
        }
    }

    static final class ResponseBudget implements InstrumentationState {
        private final long maxBytes;
        private final AtomicLong bytes = new AtomicLong();
        private volatile boolean exceeded;
        private volatile Map<String, Integer> keyLengths;

        ResponseBudget(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        boolean exceeded() {
            return exceeded;
        }

        /**
         * For each field name of the request's document, the length of its longest result key (its alias, or the
         * name): a field answered from its parent is measured by this, never by less than its key in the response.
         */
        Map<String, Integer> keyLengths(ExecutionContext context) {
            Map<String, Integer> lengths = keyLengths;
            if (lengths == null) {
                Map<String, Integer> found = new HashMap<>();
                collectKeyLengths(context.getDocument(), found);
                lengths = Map.copyOf(found);
                keyLengths = lengths;
            }
            return lengths;
        }

        private static void collectKeyLengths(Node<?> node, Map<String, Integer> lengths) {
            if (node instanceof Field field) {
                lengths.merge(field.getName(), field.getResultKey().length(), Math::max);
            }
            for (Node<?> child : node.getChildren()) {
                collectKeyLengths(child, lengths);
            }
        }

        void add(DataFetchingEnvironment environment, Object value) {
            add(environment.getField().getResultKey().length(), environment.getFieldType(), value);
        }

        void add(int keyLength, GraphQLOutputType fieldType, Object value) {
            Object data = value instanceof DataFetcherResult<?> result ? result.getData() : value;
            GraphQLType type = GraphQLTypeUtil.unwrapAll(fieldType);
            boolean leaf = type instanceof GraphQLScalarType || type instanceof GraphQLEnumType;
            long size = keyLength + 4L + (leaf ? leafSize(data) : objectSize(data));
            if (bytes.addAndGet(size) > maxBytes) {
                exceeded = true;
            }
        }

        private static long leafSize(Object value) {
            if (value == null) {
                return 4;
            }
            if (value instanceof GeoJson geoJson) {
                return geoJson.json().length();
            }
            if (value instanceof CharSequence text) {
                return text.length() + 2L;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return 12;
            }
            if (value instanceof Enum<?> constant) {
                return constant.name().length() + 2L;
            }
            if (value instanceof Collection<?> items) {
                long size = 2;
                for (Object item : items) {
                    size += leafSize(item) + 1;
                }
                return size;
            }
            return String.valueOf(value).length() + 2L;
        }

        private static long objectSize(Object value) {
            if (value instanceof Collection<?> items) {
                return 2L + 3L * items.size();
            }
            return value == null ? 4 : 2;
        }
    }

    @Bean
    Instrumentation aliasAndOperationLimit(Properties limits) {
        return new SimplePerformantInstrumentation() {
            @Override
            public DocumentAndVariables instrumentDocumentAndVariables(
                    DocumentAndVariables documentAndVariables,
                    InstrumentationExecutionParameters parameters,
                    InstrumentationState state) {
                Document document = documentAndVariables.getDocument();
                long operations = document.getDefinitions().stream()
                        .filter(OperationDefinition.class::isInstance)
                        .count();
                if (operations > limits.maxOperations()) {
                    throw new AbortExecutionException("The document has " + operations + " operations; at most "
                            + limits.maxOperations() + " are allowed per request");
                }
                int aliases = countAliases(document);
                if (aliases > limits.maxAliases()) {
                    throw new AbortExecutionException("The document uses " + aliases + " aliases; at most "
                            + limits.maxAliases() + " are allowed per request");
                }
                return documentAndVariables;
            }
        };
    }

    private static int countAliases(Node<?> node) {
        int count = node instanceof Field field && field.getAlias() != null ? 1 : 0;
        for (Node<?> child : node.getChildren()) {
            count += countAliases(child);
        }
        return count;
    }
}
