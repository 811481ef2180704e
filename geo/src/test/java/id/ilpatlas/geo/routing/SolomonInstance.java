package id.ilpatlas.geo.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A VRPTW instance in M. M. Solomon's (1987) text format: name, {@code VEHICLE NUMBER CAPACITY}, then the
 * {@code CUSTOMER} table ({@code CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME}) whose
 * row 0 is the depot. Distance = travel time = Euclidean distance, unrounded.
 *
 * @param name instance name
 * @param vehicles number of vehicles available
 * @param capacity capacity of each vehicle
 * @param customers the rows, index 0 = depot
 */
public record SolomonInstance(String name, int vehicles, long capacity, List<Customer> customers) {

    /**
     * One row of the customer table.
     *
     * @param id {@code CUST NO.}
     * @param x x coordinate
     * @param y y coordinate
     * @param demand demand
     * @param ready earliest service start
     * @param due latest service start (for the depot: latest return)
     * @param service service time
     */
    public record Customer(int id, double x, double y, long demand, long ready, long due, long service) {}

    /** Copies the list. */
    public SolomonInstance {
        customers = List.copyOf(customers);
    }

    /** Parses the text of a Solomon instance file (LF or CRLF line endings). */
    public static SolomonInstance parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            if (!raw.isBlank()) {
                lines.add(raw.trim());
            }
        }
        String name = lines.get(0);
        int vehicles = -1;
        long capacity = -1;
        List<Customer> customers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] t = lines.get(i).split("\\s+");
            if (lines.get(i).startsWith("NUMBER")) {
                String[] v = lines.get(++i).split("\\s+");
                vehicles = Integer.parseInt(v[0]);
                capacity = Long.parseLong(v[1]);
            } else if (t.length == 7 && Character.isDigit(t[0].charAt(0))) {
                customers.add(new Customer(
                        Integer.parseInt(t[0]),
                        Double.parseDouble(t[1]),
                        Double.parseDouble(t[2]),
                        Long.parseLong(t[3]),
                        Long.parseLong(t[4]),
                        Long.parseLong(t[5]),
                        Long.parseLong(t[6])));
            }
        }
        if (vehicles < 0 || customers.isEmpty() || customers.get(0).id() != 0) {
            throw new IllegalArgumentException("not a Solomon instance: missing VEHICLE or CUSTOMER data");
        }
        return new SolomonInstance(name, vehicles, capacity, customers);
    }

    /** Euclidean distance between rows {@code a} and {@code b}, unrounded. */
    public double distance(int a, int b) {
        Customer p = customers.get(a);
        Customer q = customers.get(b);
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }

    /**
     * This instance as a {@link RoutingProblem}, scaling every distance and time by {@code scale} (e.g.
     * 1000). Distances are rounded to the nearest integer; travel times are rounded up, so a schedule
     * feasible with the integer times is feasible with the exact ones. Stops are the customers {@code "1"…},
     * mandatory; vehicles {@code "v1"…} with the depot's window as working window.
     */
    public RoutingProblem toProblem(long scale) {
        int n = customers.size();
        long[][] distance = new long[n][n];
        long[][] duration = new long[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double d = distance(a, b) * scale;
                distance[a][b] = Math.round(d);
                duration[a][b] = (long) Math.ceil(d - 1e-9);
            }
        }
        Customer depot = customers.get(0);
        List<RoutingProblem.Vehicle> fleet = new ArrayList<>();
        for (int v = 1; v <= vehicles; v++) {
            fleet.add(new RoutingProblem.Vehicle("v" + v, capacity, depot.ready() * scale, depot.due() * scale));
        }
        List<RoutingProblem.Stop> stops = new ArrayList<>();
        for (int c = 1; c < n; c++) {
            Customer cu = customers.get(c);
            stops.add(RoutingProblem.Stop.of(Integer.toString(cu.id()), c, cu.service() * scale)
                    .withWindow(cu.ready() * scale, cu.due() * scale)
                    .withDemand(cu.demand()));
        }
        return new RoutingProblem(distance, duration, 0, fleet, stops);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "SolomonInstance[%s, %d customers, %d x %d]",
                name,
                customers.size() - 1,
                vehicles,
                capacity);
    }
}
