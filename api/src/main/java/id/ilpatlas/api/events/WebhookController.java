package id.ilpatlas.api.events;

import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.api.security.Permission;
import java.security.Principal;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code webhookDeliveries}: the Dinkes sees what the outbox holds for its kab/kota, stuck and dead rows first. */
@Controller
class WebhookController {

    private final WebhookOutbox outbox;
    private final Callers callers;

    WebhookController(WebhookOutbox outbox, Callers callers) {
        this.outbox = outbox;
        this.callers = callers;
    }

    @QueryMapping
    Connection<WebhookOutbox.Delivery> webhookDeliveries(
            @Argument WebhookOutbox.Status status,
            @Argument String webhook,
            @Argument Integer first,
            @Argument String after,
            Principal principal) {
        Caller caller = callers.of(principal);
        if (!AccessPolicy.may(caller, Permission.READ_WEBHOOK_DELIVERIES)) {
            throw new AccessDeniedException("webhook deliveries need the role DINKES_ADMIN; you are " + caller.role());
        }
        PageRequest page = PageRequest.of("webhookDelivery", first, after);
        return Connection.of(outbox.page(caller, status, webhook, page), page, d -> String.valueOf(d.id()), null);
    }
}
