package id.ilpatlas.api.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-transport-ws client on the JDK's WebSocket, as a browser front end speaks it: {@code connection_init} with
 * the token in its payload, {@code subscribe}, {@code next}/{@code error}/{@code complete}, {@code ping}/{@code pong}.
 * Waits are guards against a hang ({@link #GUARD}), never performance budgets.
 */
final class GraphQlWsClient implements AutoCloseable {

    /** How long a read waits before the test fails as hung. */
    static final Duration GUARD = Duration.ofMinutes(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private GraphQlWsClient(URI uri) throws Exception {
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .buildAsync(uri, new Listener())
                .get(GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens a socket and sends {@code connection_init} with {@code Authorization} (none when null). */
    static GraphQlWsClient open(URI uri, String authorization) throws Exception {
        GraphQlWsClient client = new GraphQlWsClient(uri);
        Map<String, Object> payload = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        client.send(Map.of("type", "connection_init", "payload", payload));
        return client;
    }

    /** Opens a socket as a bearer of the token and waits for {@code connection_ack}. */
    static GraphQlWsClient connect(URI uri, String token) throws Exception {
        GraphQlWsClient client = open(uri, token == null ? null : "Bearer " + token);
        Map<String, Object> ack = client.next();
        if (!"connection_ack".equals(ack.get("type"))) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return client;
    }

    /** The subscription document of the tests (graphql-test/workflowEvents.graphql). */
    static String document() throws Exception {
        try (var in =
                GraphQlWsClient.class.getClassLoader().getResourceAsStream("graphql-test/workflowEvents.graphql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void subscribe(String id, Map<String, Object> variables) throws Exception {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", document(), "variables", variables)));
    }

    void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    /** The next message (waits up to the guard). */
    Map<String, Object> next() throws InterruptedException {
        Map<String, Object> message = messages.poll(GUARD.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + GUARD + " (hung?)");
        }
        return message;
    }

    /** The next {@code next} event's {@code workflowEvents} of a subscription, failing on an error. */
    @SuppressWarnings("unchecked")
    Map<String, Object> nextEvent(String id) throws InterruptedException {
        Map<String, Object> message = next();
        if (!"next".equals(message.get("type")) || !id.equals(message.get("id"))) {
            throw new AssertionError("expected an event of subscription " + id + ", got " + message);
        }
        Map<String, Object> payload = (Map<String, Object>) message.get("payload");
        if (payload.get("errors") != null) {
            throw new AssertionError("subscription " + id + " answered with errors: " + payload.get("errors"));
        }
        return (Map<String, Object>) ((Map<String, Object>) payload.get("data")).get("workflowEvents");
    }

    /**
     * The errors the server answered a subscription with: an {@code error} message, or a {@code next} carrying
     * {@code errors} (followed by {@code complete}).
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors(String id) throws InterruptedException {
        Map<String, Object> message = next();
        if (!id.equals(message.get("id"))) {
            throw new AssertionError("expected an answer to subscription " + id + ", got " + message);
        }
        if ("error".equals(message.get("type"))) {
            return (List<Map<String, Object>>) message.get("payload");
        }
        if ("next".equals(message.get("type"))) {
            Map<String, Object> payload = (Map<String, Object>) message.get("payload");
            if (payload.get("errors") != null) {
                return (List<Map<String, Object>>) payload.get("errors");
            }
        }
        throw new AssertionError("expected errors for subscription " + id + ", got " + message);
    }

    /** The close code of the server (waits up to the guard). */
    int closeCode() throws Exception {
        return closed.get(GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private void send(Map<String, Object> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                    .exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<String, Object> message = JSON.readValue(partial.toString(), LinkedHashMap.class);
                partial.setLength(0);
                if ("ping".equals(message.get("type"))) {
                    webSocket.sendText("{\"type\":\"pong\"}", true);
                } else if (!"pong".equals(message.get("type"))) {
                    messages.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
