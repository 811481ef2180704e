package id.ilpatlas.geo.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A vehicle routing problem: a square distance matrix (metres) and duration matrix (seconds) over
 * {@code size()} locations, one depot location where every vehicle starts and ends, the vehicles and
 * the stops to visit. Several stops may share a location.
 *
 * <p>The matrices are copied on construction and never exposed; read them with {@link #distance} and
 * {@link #duration}. They need not be symmetric.
 */
public final class RoutingProblem {

    /** Marks an unbounded vehicle end time or capacity. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private final long[][] distanceMeters;
    private final long[][] durationSeconds;
    private final int depot;
    private final List<Vehicle> vehicles;
    private final List<Stop> stops;

    /**
     * A vehicle, starting and ending at the depot.
     *
     * @param id unique identifier
     * @param capacity load capacity in the stops' demand unit ({@link RoutingProblem#UNBOUNDED} for none)
     * @param startSeconds earliest departure from the depot
     * @param endSeconds latest return to the depot ({@link RoutingProblem#UNBOUNDED} for none)
     * @param fixedCost added to the objective (in metres) when the vehicle serves at least one stop; 0 for none.
     *     Rising fixed costs make the solver prefer the cheaper vehicles, e.g. the earlier days of a
     *     multi-day plan.
     */
    public record Vehicle(String id, long capacity, long startSeconds, long endSeconds, long fixedCost) {
        /** Validates: non-null id, capacity ≥ 0, {@code 0 ≤ startSeconds ≤ endSeconds}, fixedCost ≥ 0. */
        public Vehicle {
            Objects.requireNonNull(id, "vehicle id must not be null");
            if (capacity < 0) {
                throw new IllegalArgumentException("vehicle " + id + ": capacity must be >= 0, got " + capacity);
            }
            if (startSeconds < 0 || endSeconds < startSeconds) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "vehicle %s: need 0 <= startSeconds <= endSeconds, got [%d, %d]",
                        id,
                        startSeconds,
                        endSeconds));
            }
            if (fixedCost < 0) {
                throw new IllegalArgumentException("vehicle " + id + ": fixedCost must be >= 0, got " + fixedCost);
            }
        }

        /** A vehicle without fixed cost. */
        public Vehicle(String id, long capacity, long startSeconds, long endSeconds) {
            this(id, capacity, startSeconds, endSeconds, 0);
        }

        /** A vehicle without capacity limit or working window. */
        public static Vehicle unbounded(String id) {
            return new Vehicle(id, UNBOUNDED, 0, UNBOUNDED);
        }
    }

    /**
     * A time window for the start of service at a stop; arriving earlier means waiting.
     *
     * @param startSeconds earliest service start
     * @param endSeconds latest service start
     */
    public record TimeWindow(long startSeconds, long endSeconds) {
        /** Validates {@code 0 ≤ startSeconds ≤ endSeconds}. */
        public TimeWindow {
            if (startSeconds < 0 || endSeconds < startSeconds) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT, "time window needs 0 <= start <= end, got [%d, %d]", startSeconds, endSeconds));
            }
        }
    }

    /**
     * A stop to serve.
     *
     * @param id unique identifier
     * @param location index into the matrices
     * @param serviceSeconds time spent at the stop
     * @param windows allowed service starts, ascending and disjoint (service may start in any of them); empty
     *     for any time. Several windows express e.g. "09:00–11:00 on any day" of a multi-day plan.
     * @param demand load taken by the stop (0 for none)
     * @param dropPenalty if non-null, the stop may be left unserved at this cost (in metres of the
     *     objective); if {@code null}, the stop is mandatory
     */
    public record Stop(
            String id, int location, long serviceSeconds, List<TimeWindow> windows, long demand, Long dropPenalty) {
        /** Validates: non-null id, location ≥ 0, service, demand and penalty ≥ 0, windows ascending and disjoint. */
        public Stop {
            Objects.requireNonNull(id, "stop id must not be null");
            if (location < 0 || serviceSeconds < 0 || demand < 0 || (dropPenalty != null && dropPenalty < 0)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT, "stop %s: location, serviceSeconds, demand and dropPenalty must be >= 0", id));
            }
            windows = windows == null ? List.of() : List.copyOf(windows);
            for (int i = 1; i < windows.size(); i++) {
                if (windows.get(i).startSeconds() <= windows.get(i - 1).endSeconds()) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "stop %s: time windows must be ascending and disjoint, window %d starts at %d <= %d",
                            id,
                            i,
                            windows.get(i).startSeconds(),
                            windows.get(i - 1).endSeconds()));
                }
            }
        }

        /** A mandatory stop without time window or demand. */
        public static Stop of(String id, int location, long serviceSeconds) {
            return new Stop(id, location, serviceSeconds, List.of(), 0, null);
        }

        /** This stop with service allowed to start only within {@code [start, end]}. */
        public Stop withWindow(long startSeconds, long endSeconds) {
            return withWindows(List.of(new TimeWindow(startSeconds, endSeconds)));
        }

        /** This stop with service allowed to start only within one of {@code newWindows}. */
        public Stop withWindows(List<TimeWindow> newWindows) {
            return new Stop(id, location, serviceSeconds, newWindows, demand, dropPenalty);
        }

        /** This stop with the given demand. */
        public Stop withDemand(long newDemand) {
            return new Stop(id, location, serviceSeconds, windows, newDemand, dropPenalty);
        }

        /** This stop, droppable at the given penalty. */
        public Stop droppable(long penalty) {
            return new Stop(id, location, serviceSeconds, windows, demand, penalty);
        }

        /** Whether the solver may leave this stop unserved. */
        public boolean isDroppable() {
            return dropPenalty != null;
        }

        /** Whether service may start only within time windows. */
        public boolean hasWindows() {
            return !windows.isEmpty();
        }

        /**
         * The earliest service start at or after {@code arrivalSeconds} inside a window (the arrival itself when
         * the stop has no window); -1 when the arrival is after the last window.
         */
        public long earliestStart(long arrivalSeconds) {
            if (windows.isEmpty()) {
                return arrivalSeconds;
            }
            for (TimeWindow w : windows) {
                if (arrivalSeconds <= w.endSeconds()) {
                    return Math.max(arrivalSeconds, w.startSeconds());
                }
            }
            return -1;
        }
    }

    /**
     * Creates a problem.
     *
     * @throws IllegalArgumentException if the matrices are not square and of equal size, hold negative
     *     values, the depot or a stop location is out of range, there is no vehicle, or ids repeat
     */
    public RoutingProblem(
            long[][] distanceMeters, long[][] durationSeconds, int depot, List<Vehicle> vehicles, List<Stop> stops) {
        Objects.requireNonNull(distanceMeters, "distanceMeters must not be null");
        Objects.requireNonNull(durationSeconds, "durationSeconds must not be null");
        int n = distanceMeters.length;
        this.distanceMeters = copySquare(distanceMeters, n, "distanceMeters");
        this.durationSeconds = copySquare(durationSeconds, n, "durationSeconds");
        if (depot < 0 || depot >= n) {
            throw new IllegalArgumentException("depot " + depot + " out of range [0, " + n + ")");
        }
        this.depot = depot;
        this.vehicles = List.copyOf(vehicles);
        this.stops = List.copyOf(stops);
        if (this.vehicles.isEmpty()) {
            throw new IllegalArgumentException("at least one vehicle is needed");
        }
        Set<String> ids = new HashSet<>();
        for (Vehicle v : this.vehicles) {
            if (!ids.add(v.id())) {
                throw new IllegalArgumentException("duplicate vehicle id " + v.id());
            }
        }
        ids.clear();
        for (Stop s : this.stops) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("duplicate stop id " + s.id());
            }
            if (s.location() >= n) {
                throw new IllegalArgumentException("stop " + s.id() + ": location " + s.location() + " out of range");
            }
        }
    }

    private static long[][] copySquare(long[][] m, int n, String name) {
        if (m.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " rows, has " + m.length);
        }
        long[][] copy = new long[n][];
        for (int i = 0; i < n; i++) {
            if (m[i] == null || m[i].length != n) {
                throw new IllegalArgumentException(name + " row " + i + " must have " + n + " entries");
            }
            for (long v : m[i]) {
                if (v < 0) {
                    throw new IllegalArgumentException(name + " row " + i + " has a negative entry " + v);
                }
            }
            copy[i] = m[i].clone();
        }
        return copy;
    }

    /** Number of locations (matrix size). */
    public int size() {
        return distanceMeters.length;
    }

    /** Distance in metres from location {@code from} to {@code to}. */
    public long distanceMeters(int from, int to) {
        return distanceMeters[from][to];
    }

    /** Travel time in seconds from location {@code from} to {@code to}. */
    public long durationSeconds(int from, int to) {
        return durationSeconds[from][to];
    }

    /** The depot location. */
    public int depot() {
        return depot;
    }

    /** The vehicles, in order. */
    public List<Vehicle> vehicles() {
        return vehicles;
    }

    /** The stops, in order. */
    public List<Stop> stops() {
        return stops;
    }

    /** Whether any stop has a non-zero demand. */
    public boolean hasDemands() {
        return stops.stream().anyMatch(s -> s.demand() > 0);
    }

    /** Whether any stop has a time window or any vehicle a bounded end time. */
    public boolean hasTimeConstraints() {
        return stops.stream().anyMatch(Stop::hasWindows)
                || vehicles.stream().anyMatch(v -> v.endSeconds() != UNBOUNDED);
    }
}
