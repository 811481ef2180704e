package id.ilpatlas.api;

import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The {@code ping} root mutation. */
@Controller
class MutationPingController {

    @MutationMapping
    boolean ping() {
        return true;
    }
}
