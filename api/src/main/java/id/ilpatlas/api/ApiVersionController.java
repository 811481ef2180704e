package id.ilpatlas.api;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The {@code apiVersion} root field. */
@Controller
class ApiVersionController {

    @QueryMapping
    String apiVersion() {
        String version = AtlasApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
