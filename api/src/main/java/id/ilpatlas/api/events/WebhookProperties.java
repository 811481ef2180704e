package id.ilpatlas.api.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The webhooks workflow events are posted to ({@code atlas.webhooks[n].*}; default none; how:
 * {@link WebhookDeliveryProperties}). Checked at start: a bad entry stops the application with a message naming it.
 *
 * @param webhooks the configured webhooks
 */
@ConfigurationProperties("atlas")
public record WebhookProperties(List<Webhook> webhooks) {

    public WebhookProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook w = webhooks.get(i);
            String where = "atlas.webhooks[" + i + "]";
            if (w.name() == null || !w.name().matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalStateException(where + ".name must be 1 to 64 letters, digits, '-', '_' or '.'");
            }
            if (!names.add(w.name())) {
                throw new IllegalStateException(where + ".name '" + w.name() + "' is used twice");
            }
            String scheme = w.url() == null ? null : w.url().getScheme();
            if (scheme == null
                    || !(scheme.equals("https") || scheme.equals("http"))
                    || w.url().getHost() == null) {
                throw new IllegalStateException(where + ".url must be an http(s) URL, was " + w.url());
            }
            if (w.secret() == null || w.secret().getBytes(StandardCharsets.UTF_8).length < 16) {
                throw new IllegalStateException(where + ".secret (the HMAC key of the X-Atlas-Signature) must have at "
                        + "least 16 bytes; keep it out of git (an environment variable)");
            }
        }
    }

    /**
     * One receiver.
     *
     * @param name         stable name, stored with each delivery (renaming it orphans undelivered rows)
     * @param url          where the events are POSTed
     * @param secret       HMAC-SHA256 key of the signature
     * @param kinds        the kinds it receives; empty: all
     * @param kabkotaCodes the kab/kota whose events it receives; empty: all
     */
    public record Webhook(
            String name, URI url, String secret, List<WorkflowEvent.Kind> kinds, List<String> kabkotaCodes) {

        public Webhook {
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            kabkotaCodes = kabkotaCodes == null ? List.of() : List.copyOf(kabkotaCodes);
        }

        /** True when this webhook wants the event. */
        public boolean wants(WorkflowEvent event) {
            return (kinds.isEmpty() || kinds.contains(event.kind()))
                    && (kabkotaCodes.isEmpty() || kabkotaCodes.contains(event.kabkotaCode()));
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "Webhook[%s -> %s, kinds=%s, kabkota=%s]", name, url, kinds, kabkotaCodes);
        }
    }
}
