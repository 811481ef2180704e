import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client of the city choropleth: {@code rwIndicators(33.75, month) { choropleth(...) }} as an anonymous caller
 * (suppressed view) from THREADS threads, each with its own keep-alive connection, for SECONDS after a warm-up.
 * Prints requests/s, p50, p99 and max. Fails on any HTTP error or GraphQL {@code errors}.
 *
 * <p>Usage: {@code java bench/IndicatorBench.java BASE_URL [THREADS=16] [SECONDS=20] [YEAR=2026] [MONTH=3]}
 */
public class IndicatorBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int year = args.length > 3 ? Integer.parseInt(args[3]) : 2026;
        int month = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        String query =
                "{\"query\":\"query($p: IndicatorPeriodInput!) { rwIndicators(regionCode: \\\"33.75\\\", period: $p)"
                        + " { period total { stuntingPrevalence } choropleth(indicator: STUNTING_PREVALENCE, method: NATURAL_BREAKS,"
                        + " classes: 5) { classes breaks colors rws { regionCode value classIndex color } } } }\","
                        + "\"variables\":{\"p\":{\"year\":" + year + ",\"month\":" + month + "}}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build();
        HttpClient probe = HttpClient.newHttpClient();
        HttpResponse<String> first = probe.send(request, HttpResponse.BodyHandlers.ofString());
        check(first);
        int rws = first.body().split("\"classIndex\"").length - 1;
        System.out.printf(
                Locale.ROOT, "response: %d bytes, %d RWs%n", first.body().length(), rws);
        for (String phase : List.of("warmup", "measure")) {
            int duration = phase.equals("warmup") ? Math.max(3, seconds / 4) : seconds;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong failures = new AtomicLong();
            List<List<Long>> latencies = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Long> mine = new ArrayList<>();
                latencies.add(mine);
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                Thread worker = new Thread(() -> {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try {
                            check(client.send(request, HttpResponse.BodyHandlers.ofString()));
                            mine.add(System.nanoTime() - t0);
                        } catch (Exception e) {
                            if (failures.incrementAndGet() == 1) {
                                System.err.println("request failed: " + e.getMessage());
                            }
                        }
                    }
                });
                workers.add(worker);
            }
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            Thread.sleep(duration * 1000L);
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Long> all = new ArrayList<>();
            latencies.forEach(all::addAll);
            Collections.sort(all);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " requests failed");
            }
            if (phase.equals("measure")) {
                System.out.printf(
                        Locale.ROOT,
                        "choropleth, %d connections, %d s: %d requests, %.0f requests/s, p50 %.1f ms,"
                                + " p99 %.1f ms, max %.1f ms%n",
                        threads,
                        seconds,
                        all.size(),
                        all.size() / elapsed,
                        pct(all, 0.50),
                        pct(all, 0.99),
                        all.get(all.size() - 1) / 1e6);
            }
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
