package id.ilpatlas.api.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The planner map at {@code /map}: MapLibre GL JS and the page's own script served from the jar
 * ({@code static/map/}), RW polygons as the base layer, no external basemap, so it works on a closed network.
 */
@Controller
class MapPageController {

    private static final Resource PAGE = new ClassPathResource("static/map/index.html");

    @GetMapping({"/map", "/map/"})
    ResponseEntity<Resource> map() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
