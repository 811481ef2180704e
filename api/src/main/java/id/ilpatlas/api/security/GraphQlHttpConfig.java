package id.ilpatlas.api.security;

import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The GraphQL HTTP endpoint, with one repair: a body that is valid JSON but not an object (e.g. {@code null})
 * makes Spring for GraphQL 2.0 fail with a NullPointerException, i.e. a 500. Here it is a 400 that says what a
 * request must look like. Only in a web application (the command-line imports run without a web server).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GraphQlHttpConfig {

    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler) {
        return new GraphQlHttpHandler(webGraphQlHandler) {
            @Override
            public ServerResponse handleRequest(ServerRequest request) throws ServletException {
                try {
                    return super.handleRequest(request);
                } catch (NullPointerException e) {
                    return ServerResponse.status(HttpStatus.BAD_REQUEST)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of(
                                    "errors",
                                    List.of(Map.of(
                                            "message",
                                            "The request body must be a JSON object with a \"query\" string",
                                            "extensions",
                                            Map.of("classification", "BAD_REQUEST")))));
                }
            }
        };
    }
}
