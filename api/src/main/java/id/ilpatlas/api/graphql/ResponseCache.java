package id.ilpatlas.api.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/**
 * Whole GraphQL responses of read-only aggregate queries, kept for callers of the same scope class while the data they
 * were made from has not changed (issue 19: the choropleth and the registry walk answered without running the
 * operation again).
 *
 * <p>What makes an answer, and so the key: the document, the operation name and the variables; the caller's scope
 * class ({@link Caller#role()}, {@link Caller#scope()}, {@link Caller#facilityId()}: everything of a caller the cached
 * fields read, the user's name aside) and whether a token came (the cost limit differs); the database's state, as
 * PostgreSQL's {@code pg_current_snapshot()} (its text changes whenever a transaction that writes anything commits or
 * starts, so two equal snapshots see the same data); the service clock to the minute; the request's
 * {@code Accept-Language}.
 *
 * <p>Only a query whose root fields are all in {@link #CACHEABLE} is kept: aggregates and the registry, whose
 * resolvers read the caller only through its scope class and record no audit entry. An answer is kept only when it
 * has no error and the database's snapshot was the same before and after the execution: an execution that wrote
 * anything (an audit entry, a refresh), or ran while another transaction committed, is never kept. Subscriptions and
 * mutations pass by, and so does a request with {@code Cache-Control: no-cache} (or {@code no-store}): the client asks
 * for an executed answer. {@code atlas.graphql.response-cache.enabled=false} turns it off.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ResponseCache implements WebGraphQlInterceptor {

    /** Root fields whose answer depends only on the key (see the class comment). */
    static final Set<String> CACHEABLE = Set.of(
            "__typename",
            "rwIndicators",
            "indicatorSeries",
            "kiaGiziReview",
            "dataAvailability",
            "facilities",
            "facility",
            "nearestFacilities",
            "regions",
            "region");

    /** A kept answer and its estimated size in memory. */
    private record Kept(ExecutionResult result, long bytes) {}

    private record Key(
            String document,
            String operationName,
            Map<String, Object> variables,
            boolean token,
            Role role,
            List<String> scope,
            String facilityId,
            String snapshot,
            Instant minute,
            String language) {}

    private final boolean enabled;
    private final Callers callers;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final long maxBytes;
    private final Cache<Key, Kept> responses;
    /** Whether a document's operation may be kept, per document text and operation name. */
    private final Cache<List<String>, Boolean> cacheableDocuments =
            Caffeine.newBuilder().maximumSize(1_000).build();

    ResponseCache(
            @Value("${atlas.graphql.response-cache.enabled:true}") boolean enabled,
            @Value("${atlas.graphql.response-cache.max-size:64MB}") DataSize maxSize,
            @Value("${atlas.graphql.response-cache.ttl:10m}") Duration ttl,
            Callers callers,
            JdbcClient jdbc,
            Clock clock,
            ObjectProvider<MeterRegistry> meterRegistry) {
        this.enabled = enabled;
        this.callers = callers;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
        this.responses = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Kept kept) -> (int) Math.min(Integer.MAX_VALUE, kept.bytes()))
                .expireAfterWrite(ttl)
                .recordStats()
                .build();
        meterRegistry.ifAvailable(
                registry -> CaffeineCacheMetrics.monitor(registry, responses, "atlas.graphql.responses"));
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!enabled || request instanceof WebSocketGraphQlRequest || freshAsked(request) || !cacheable(request)) {
            return chain.next(request);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<Caller> caller = caller(authentication);
        if (caller.isEmpty()) {
            return chain.next(request);
        }
        String before = snapshot();
        if (before == null) {
            return chain.next(request); // the database is away: the execution says so as it always does
        }
        // With or without a token: the cost limit differs (GraphQlLimits), so the two never share an answer.
        Key key = new Key(
                request.getDocument(),
                request.getOperationName(),
                variables(request),
                authentication instanceof JwtAuthenticationToken,
                caller.get().role(),
                caller.get().scope(),
                caller.get().facilityId(),
                before,
                clock.instant().truncatedTo(ChronoUnit.MINUTES),
                request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        Kept kept = responses.getIfPresent(key);
        if (kept != null) {
            return Mono.just(new WebGraphQlResponse(
                    new DefaultExecutionGraphQlResponse(request.toExecutionInput(), kept.result())));
        }
        return chain.next(request).map(response -> {
            if (response.isValid() && response.getErrors().isEmpty() && before.equals(snapshot())) {
                long bytes = bytes(
                        response.getExecutionResult().getData(), key.document().length());
                if (bytes <= maxBytes / 16) { // one answer never takes more than a sixteenth of the cache
                    responses.put(key, new Kept(response.getExecutionResult(), bytes));
                }
            }
            return response;
        });
    }

    /** Estimated heap bytes of an answer's data (maps, lists, strings, boxed values) plus its key's document. */
    static long bytes(Object value, long documentChars) {
        long total = 2 * documentChars + 256;
        java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();
        if (value != null) {
            pending.push(value);
        }
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next instanceof Map<?, ?> map) {
                total += 48 + 40L * map.size();
                map.forEach((k, v) -> {
                    if (v != null) {
                        pending.push(v);
                    }
                });
            } else if (next instanceof java.util.Collection<?> list) {
                total += 24 + 8L * list.size();
                list.forEach(v -> {
                    if (v != null) {
                        pending.push(v);
                    }
                });
            } else if (next instanceof CharSequence text) {
                total += 40 + text.length();
            } else {
                total += 24;
            }
        }
        return total;
    }

    /** The client asks for an executed answer ({@code Cache-Control: no-cache} or {@code no-store}): nothing kept or used. */
    private static boolean freshAsked(WebGraphQlRequest request) {
        String control = request.getHeaders().getCacheControl();
        if (control == null) {
            return false;
        }
        String lower = control.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("no-cache") || lower.contains("no-store");
    }

    /** The caller's scope class, or empty when the token does not make a caller (the execution then says why). */
    private Optional<Caller> caller(Authentication authentication) {
        try {
            return Optional.of(callers.of(authentication));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The database's current snapshot (equal texts, same committed data); null when the database cannot say. */
    private String snapshot() {
        try {
            return jdbc.sql("SELECT pg_current_snapshot()::text")
                    .query(String.class)
                    .single();
        } catch (DataAccessException e) {
            return null;
        }
    }

    private static Map<String, Object> variables(WebGraphQlRequest request) {
        Map<String, Object> variables = request.getVariables();
        return variables == null ? Map.of() : variables;
    }

    private boolean cacheable(WebGraphQlRequest request) {
        String document = request.getDocument();
        if (document == null) {
            return false;
        }
        String operation = request.getOperationName() == null ? "" : request.getOperationName();
        return cacheableDocuments.get(List.of(document, operation), k -> cacheable(document, operation));
    }

    /** True when the operation named (or the only one) is a query whose root fields are all {@link #CACHEABLE}. */
    static boolean cacheable(String text, String operationName) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (RuntimeException e) {
            return false; // the execution reports the syntax error
        }
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        List<OperationDefinition> operations = new java.util.ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            } else if (definition instanceof OperationDefinition op) {
                operations.add(op);
            }
        }
        List<OperationDefinition> chosen = operationName.isEmpty()
                ? operations
                : operations.stream()
                        .filter(op -> operationName.equals(op.getName()))
                        .toList();
        if (chosen.size() != 1 || chosen.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        return rootFieldsCacheable(chosen.get(0).getSelectionSet(), fragments, new HashSet<>());
    }

    private static boolean rootFieldsCacheable(
            SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> visited) {
        for (Selection<?> selection : set.getSelections()) {
            boolean ok;
            if (selection instanceof Field field) {
                ok = CACHEABLE.contains(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                ok = rootFieldsCacheable(inline.getSelectionSet(), fragments, visited);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                ok = fragment != null
                        && (!visited.add(spread.getName())
                                || rootFieldsCacheable(fragment.getSelectionSet(), fragments, visited));
            } else {
                ok = false;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
