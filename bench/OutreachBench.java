import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Client of bench/outreach.sh: runs {@code planOutreach} once per RUN with the same RWs, depot, month, vehicles and
 * working hours, and prints one line of figures per run. Fails on any HTTP error, GraphQL {@code errors} or payload
 * {@code errors}.
 *
 * <p>Usage: {@code java bench/OutreachBench.java BASE_URL TOKEN DEPOT MONTH VEHICLES START END SERVICE RW_FILE RUN...}
 * where START/END are the working hours ({@code 08:00}), SERVICE the plan's service minutes, RW_FILE holds one RW
 * code a line and a RUN is {@code label,mode,timeLimitSeconds[,serviceMinutes]}, e.g. {@code road-20s,ROAD,20}.
 *
 * <p>Output, one line per run, space separated: label mode limit_s service_min wall_ms solve_ms served unserved
 * routes days_used max_stops_per_route km total_h travel_h fallback_legs plan_id. After the runs, for the last run
 * whose every route has one stop and that left no RW out (the "one trip per RW" plan), a line
 * {@code bound KM STOPS}: a lower bound on the kilometres of any plan of these RWs with at most STOPS stops per
 * trip, STOPS = the most services of SERVICE minutes that fit in the working day with some travel. A trip
 * depot -> a -> b -> depot is never shorter than the round trip to a or to b alone (triangle inequality, which
 * road shortest paths plus the straight snap legs keep), so with the round trips in descending order every trip
 * costs at least one of them and the sum of every STOPS-th one (1st, STOPS+1st, ...) bounds every plan.
 *
 * <p>No JSON library: the fields asked for have unique names, so the figures are read with regular expressions
 * (counts as integers, metres and seconds as numbers, Int or Float alike).
 */
public class OutreachBench {

    public static void main(String[] args) throws Exception {
        if (args.length < 10) {
            System.err.println("usage: java bench/OutreachBench.java BASE TOKEN DEPOT MONTH VEHICLES START END SERVICE"
                    + " RW_FILE RUN...");
            System.exit(2);
        }
        String base = args[0];
        String token = args[1];
        String depot = args[2];
        String month = args[3];
        int vehicles = Integer.parseInt(args[4]);
        String start = args[5];
        String end = args[6];
        int planService = Integer.parseInt(args[7]);
        List<String> rws = Files.readAllLines(Path.of(args[8])).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        long dayMinutes =
                Duration.between(LocalTime.parse(start), LocalTime.parse(end)).toMinutes();
        List<Double> roundTrips = null;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String query = "mutation($in: PlanOutreachInput!) { planOutreach(input: $in) { errors { message field }"
                + " job { id } } }";
        // planOutreach answers with a job: polled until it is done; the wall time runs from the mutation to the end.
        String poll = "query($id: ID!) { outreachPlanJob(id: $id) { state message plan { id solveMillis servedCount"
                + " unservedCount totalDistanceMeters totalDurationSeconds fallbackLegs"
                + " routes { distanceMeters travelSeconds stops { sequence } } days { vehiclesUsed } } } }";
        for (int i = 9; i < args.length; i++) {
            String[] run = args[i].split(",");
            String label = run[0];
            String mode = run[1];
            int limit = Integer.parseInt(run[2]);
            int service = run.length > 3 ? Integer.parseInt(run[3]) : planService;
            String input = "{\"name\":\"bench " + label + "\",\"rwCodes\":["
                    + rws.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "],"
                    + "\"depotFacilityId\":\"" + depot + "\",\"vehicles\":" + vehicles + ",\"month\":\"" + month + "\","
                    + "\"workdayStart\":\"" + start + "\",\"workdayEnd\":\"" + end + "\",\"serviceMinutes\":" + service
                    + ","
                    + "\"distanceMode\":\"" + mode + "\",\"timeLimitSeconds\":" + limit + "}";
            String body = "{\"query\":\"" + query + "\",\"variables\":{\"in\":" + input + "}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(limit + 600L))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String json = response.body();
            if (response.statusCode() == 200 && json.contains("\"job\":{")) {
                long job = one(json, "id");
                do {
                    Thread.sleep(100);
                    String pollBody = "{\"query\":\"" + poll + "\",\"variables\":{\"id\":\"" + job + "\"}}";
                    response = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(pollBody))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    json = response.body();
                } while (response.statusCode() == 200
                        && (json.contains("\"state\":\"QUEUED\"") || json.contains("\"state\":\"RUNNING\"")));
            }
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() != 200 || json.contains("\"errors\":[{") || !json.contains("\"plan\":{")) {
                throw new IllegalStateException(label + ": HTTP " + response.statusCode() + ": "
                        + json.substring(0, Math.min(json.length(), 2000)));
            }
            List<Double> travel = numbers(json, "travelSeconds");
            // Stops per route: the "sequence" values restart at 1 for every route, so the largest one is the longest
            // route.
            long maxStops = all(json, "sequence").stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
            long daysUsed =
                    all(json, "vehiclesUsed").stream().filter(v -> v > 0).count();
            System.out.printf(
                    Locale.ROOT,
                    "%s %s %d %d %d %d %d %d %d %d %d %.1f %.1f %.1f %d %d%n",
                    label,
                    mode,
                    limit,
                    service,
                    wallMs,
                    one(json, "solveMillis"),
                    one(json, "servedCount"),
                    one(json, "unservedCount"),
                    travel.size(),
                    daysUsed,
                    maxStops,
                    number(json, "totalDistanceMeters") / 1000.0,
                    number(json, "totalDurationSeconds") / 3600.0,
                    travel.stream().mapToDouble(Double::doubleValue).sum() / 3600.0,
                    one(json, "fallbackLegs"),
                    one(json, "id"));
            System.out.flush();
            long unserved = one(json, "unservedCount");
            if (maxStops == 1 && unserved == 0 && "ROAD".equals(mode)) {
                roundTrips = numbers(json, "distanceMeters");
            }
        }
        if (roundTrips != null) {
            // k services fit only when k * service < the working day (every trip has some travel).
            long stops = Math.max(1, (dayMinutes - 1) / planService);
            List<Double> sorted = new ArrayList<>(roundTrips);
            sorted.sort(Comparator.reverseOrder());
            double bound = 0;
            for (int i = 0; i < sorted.size(); i += stops) {
                bound += sorted.get(i);
            }
            System.out.printf(Locale.ROOT, "bound %.1f %d%n", bound / 1000.0, stops);
        }
    }

    private static List<Long> all(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"?(-?\\d+)").matcher(json);
        List<Long> values = new ArrayList<>();
        while (m.find()) {
            values.add(Long.parseLong(m.group(1)));
        }
        return values;
    }

    private static long one(String json, String field) {
        List<Long> values = all(json, field);
        if (values.size() != 1) {
            throw new IllegalStateException(values.size() + " values of " + field + " in the response");
        }
        return values.get(0);
    }

    private static List<Double> numbers(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(json);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        return values;
    }

    private static double number(String json, String field) {
        List<Double> values = numbers(json, field);
        if (values.size() != 1) {
            throw new IllegalStateException(values.size() + " values of " + field + " in the response");
        }
        return values.get(0);
    }
}
