package id.ilpatlas.api.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read the actuator endpoints (a filter chain of their own, before the API's):
 * <ul>
 *   <li>{@code /actuator/health/**} and {@code /actuator/info}: anyone (the probes of the orchestrator and load
 *       balancer; they show statuses, never details);</li>
 *   <li>{@code /actuator/prometheus} and {@code /actuator/metrics/**}: a scraper sending
 *       {@code Authorization: Bearer <atlas.ops.metrics-token>} (env {@code ATLAS_METRICS_TOKEN}); without a configured
 *       token nobody (401);</li>
 *   <li>anything else under {@code /actuator}: nobody (only health, info, metrics and prometheus are exposed anyway).</li>
 * </ul>
 * The metrics token is not a user token: the OAuth2 resource server does not look at this chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ActuatorSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorFilterChain(
            HttpSecurity http, @Value("${atlas.ops.metrics-token:}") String metricsToken) throws Exception {
        byte[] expected =
                metricsToken.isBlank() ? null : ("Bearer " + metricsToken.strip()).getBytes(StandardCharsets.UTF_8);
        http.securityMatcher("/actuator", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                        .access((authentication, context) ->
                                new AuthorizationDecision(matches(expected, context.getRequest())))
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, denied) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"atlas-metrics\"");
                    response.sendError(401);
                }));
        return http.build();
    }

    private static boolean matches(byte[] expected, HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return expected != null
                && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }
}
