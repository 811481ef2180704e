package id.ilpatlas.api.events;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.support.AuthenticationExtractor;
import org.springframework.graphql.server.webmvc.AuthenticationWebSocketInterceptor;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import reactor.core.publisher.Mono;

/**
 * Who is on a GraphQL WebSocket ({@code spring.graphql.websocket.path}, protocol graphql-transport-ws). A browser
 * cannot set headers on a WebSocket, so the token travels in the {@code connection_init} payload:
 * {@code {"Authorization": "Bearer <token>"}}. It is checked by the same {@link JwtDecoder} as on HTTP (signature,
 * expiry, {@code TokenRules}) and becomes the same {@code JwtAuthenticationToken}, so {@code Callers} turns it into the
 * same {@code Caller}, for subscriptions and for queries and mutations sent over the socket. A bad token, or an
 * Authorization value that is not a Bearer token, closes the connection with 4401 Unauthorized; no Authorization at
 * all is an anonymous connection (which hears no event: {@link EventAudience}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSocketAuthentication {

    /** The key of the token in the {@code connection_init} payload (matched ignoring case). */
    static final String AUTHORIZATION = "Authorization";

    @Bean
    WebSocketGraphQlInterceptor webSocketTokenInterceptor(JwtDecoder jwtDecoder) {
        AuthenticationWebSocketInterceptor delegate = new AuthenticationWebSocketInterceptor(
                bearerToken(), new ProviderManager(new JwtAuthenticationProvider(jwtDecoder)));
        return new WebSocketGraphQlInterceptor() {
            @Override
            public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
                return delegate.handleConnectionInitialization(info, payload);
            }

            @Override
            public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
                return delegate.intercept(request, chain);
            }
        };
    }

    /** {@code Authorization: Bearer <token>} from the payload; another scheme is refused, none is anonymous. */
    static AuthenticationExtractor bearerToken() {
        return payload -> {
            Object value = payload == null
                    ? null
                    : payload.entrySet().stream()
                            .filter(e -> AUTHORIZATION.equalsIgnoreCase(e.getKey()))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse(null);
            if (value == null) {
                return Mono.empty();
            }
            String header = value.toString();
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                    || header.substring(7).isBlank()) {
                return Mono.error(new InvalidBearerTokenException(
                        "only Bearer tokens are accepted in the connection_init Authorization"));
            }
            return Mono.just(
                    new BearerTokenAuthenticationToken(header.substring(7).trim()));
        };
    }
}
