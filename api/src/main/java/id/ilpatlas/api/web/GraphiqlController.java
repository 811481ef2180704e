package id.ilpatlas.api.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * GraphiQL at {@code /graphiql}, with its scripts served from the jar. Spring's stock page loads them from a CDN,
 * which closed government networks cannot reach.
 */
@Controller
class GraphiqlController {

    private static final Resource PAGE = new ClassPathResource("static/graphiql/index.html");

    @GetMapping({"/graphiql", "/graphiql/"})
    ResponseEntity<Resource> graphiql() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
