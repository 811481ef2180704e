package id.ilpatlas.geo.routing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * A month of outreach as one vehicle routing problem: the service days, each with its teams, every (day, team) one
 * solver vehicle confined to that day's working hours (day {@code d} is offset by {@code d × 86,400 s}), and the
 * visits (one per RW), each served at most once in the month.
 *
 * <ul>
 *   <li><b>Trips</b>: a vehicle costs {@value #TRIP_FIXED_COST_METERS} m when used, plus {@value
 *       #DAY_TIE_BREAK_METERS} m per day index and 1 m per team index, so the solver packs the visits into as few
 *       trips as fit and, among equal plans, prefers the earlier days and the lower team numbers.
 *   <li><b>Drops</b>: every visit is droppable at {@value #DROP_PENALTY_METERS} m, so serving one more always wins
 *       over distance, and an overfull month still yields a plan. A visit that cannot fit even alone (out from the
 *       base at the start of the day, service, back by its end) is reported by {@link #beyondWorkday()} and not given
 *       to the solver.
 *   <li><b>Windows</b>: a clock window of a visit repeats on each day it may be served.
 *   <li><b>Days a visit may take</b>: a visit restricted to some days (e.g. the week of its posyandu session) gets
 *       windows on those days only.
 *   <li><b>Spreading</b> (when {@code spread} is on): the visits without their own days are first assigned to the
 *       weeks of the month, then each week is routed on its own ({@link #solve}). The assignment follows a nearest-neighbour chain through the visits (from
 *       the one farthest from the base, always to the nearest not yet chained) cut into one contiguous piece per
 *       week, each piece as large as the week's share of the month's team-days (largest remainder): every week gets
 *       its share of the visits and a week's visits lie near each other, so its trips stay short. A fixed cost per
 *       day could only push visits apart indirectly; assigning weeks first makes the spread certain and keeps the
 *       solver's problem as small as before. When the weeks' shares cannot hold their visits (the solver drops some
 *       while others weeks have room), {@link #solve} solves again with every visit allowed on every day (its own
 *       days still kept) and says so ({@link Outcome#spreadRelaxed()}).
 * </ul>
 *
 * <p>Framework-free and deterministic for a deterministic solver: the same model gives the same problem.
 */
public final class MultiDayRoutingModel {

    /** Seconds per day: day {@code d}'s clock times are offset by {@code d × DAY_SECONDS}. */
    public static final long DAY_SECONDS = 86_400;
    /** Cost of using a vehicle (one team on one day), in metres of the objective. */
    public static final long TRIP_FIXED_COST_METERS = 20_000;
    /** Added per day index to a vehicle's fixed cost: earlier days first. */
    public static final long DAY_TIE_BREAK_METERS = 10;
    /** Cost of leaving a visit out, in metres of the objective: serving one more always wins. */
    public static final long DROP_PENALTY_METERS = 10_000_000;

    /**
     * A service day.
     *
     * @param id e.g. the ISO date
     * @param week the week the day belongs to (e.g. its ISO week number); days of one week share it
     * @param teams how many teams work that day (at least 1)
     */
    public record ServiceDay(String id, int week, int teams) {
        /** Validates. */
        public ServiceDay {
            Objects.requireNonNull(id, "day id must not be null");
            if (teams < 1) {
                throw new IllegalArgumentException("day " + id + ": teams must be >= 1, got " + teams);
            }
        }
    }

    /**
     * A visit to make.
     *
     * @param id unique identifier (e.g. the RW code)
     * @param location index into the matrices (0 is the base)
     * @param serviceSeconds time spent there
     * @param earliestSeconds earliest service start as a second of the day, or null for the start of the day
     * @param latestSeconds latest service start as a second of the day, or null for the end of the day
     * @param days the indexes of the days it may take (e.g. the week of its posyandu session); null for any day
     */
    public record Visit(
            String id, int location, long serviceSeconds, Long earliestSeconds, Long latestSeconds, Set<Integer> days) {
        /** Validates and copies. */
        public Visit {
            Objects.requireNonNull(id, "visit id must not be null");
            if (location < 1 || serviceSeconds < 0) {
                throw new IllegalArgumentException("visit " + id + ": location must be >= 1 and service >= 0");
            }
            days = days == null ? null : Set.copyOf(new TreeSet<>(days));
        }

        /** A visit allowed on any day, without a window. */
        public static Visit of(String id, int location, long serviceSeconds) {
            return new Visit(id, location, serviceSeconds, null, null, null);
        }
    }

    /**
     * A visit that cannot fit a working day even alone.
     *
     * @param visit the visit
     * @param outSeconds travel from the base
     * @param backSeconds travel back to the base
     * @param serviceStartSeconds when service could start at the earliest (second of the day)
     * @param returnSeconds when the team would be back (second of the day)
     * @param afterLatestStart true when service could start only after the visit's latest start
     */
    public record Beyond(
            Visit visit,
            long outSeconds,
            long backSeconds,
            long serviceStartSeconds,
            long returnSeconds,
            boolean afterLatestStart) {}

    /**
     * A solved month.
     *
     * @param solution the solver's solution of {@link #problem(boolean)}
     * @param spreadRelaxed true when spreading over the weeks had to be given up to serve more visits
     * @param weekOf the week each visit was assigned to by spreading (visits with their own days are not in it)
     */
    public record Outcome(RoutingSolution solution, boolean spreadRelaxed, Map<String, Integer> weekOf) {}

    /** Where a solver vehicle works: the day index and the team index of that day (both 0-based). */
    public record Slot(int day, int team) {}

    private final long[][] meters;
    private final long[][] seconds;
    private final List<ServiceDay> days;
    private final long dayStart;
    private final long dayEnd;
    private final List<Visit> visits;
    private final boolean spread;
    private final List<Slot> slots = new ArrayList<>();

    /**
     * Creates the model.
     *
     * @param meters distances in metres between the locations (0 is the base)
     * @param seconds travel times in seconds between the locations
     * @param days the service days in order (at least one)
     * @param dayStartSeconds when the teams leave the base (second of the day)
     * @param dayEndSeconds when they must be back (second of the day)
     * @param visits the visits, ids unique
     * @param spread whether to spread the visits without their own days over the weeks
     */
    public MultiDayRoutingModel(
            long[][] meters,
            long[][] seconds,
            List<ServiceDay> days,
            long dayStartSeconds,
            long dayEndSeconds,
            List<Visit> visits,
            boolean spread) {
        this.meters = Objects.requireNonNull(meters);
        this.seconds = Objects.requireNonNull(seconds);
        this.days = List.copyOf(days);
        this.visits = List.copyOf(visits);
        if (this.days.isEmpty()) {
            throw new IllegalArgumentException("at least one service day is needed");
        }
        if (dayStartSeconds < 0 || dayEndSeconds <= dayStartSeconds || dayEndSeconds > DAY_SECONDS) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "need 0 <= dayStart < dayEnd <= 86400, got [%d, %d]", dayStartSeconds, dayEndSeconds));
        }
        this.dayStart = dayStartSeconds;
        this.dayEnd = dayEndSeconds;
        this.spread = spread;
        for (int d = 0; d < this.days.size(); d++) {
            for (int k = 0; k < this.days.get(d).teams(); k++) {
                slots.add(new Slot(d, k));
            }
        }
    }

    /** The (day, team) of each solver vehicle, in the problem's vehicle order. */
    public List<Slot> slots() {
        return List.copyOf(slots);
    }

    /** The visits that cannot fit a working day even alone (not given to the solver). */
    public List<Beyond> beyondWorkday() {
        List<Beyond> beyond = new ArrayList<>();
        for (Visit v : visits) {
            long out = seconds[0][v.location()];
            long back = seconds[v.location()][0];
            long earliest = v.earliestSeconds() == null ? dayStart : v.earliestSeconds();
            long latest = v.latestSeconds() == null ? dayEnd : v.latestSeconds();
            long serviceStart = Math.max(dayStart + out, earliest);
            long returns = serviceStart + v.serviceSeconds() + back;
            if (serviceStart > latest || returns > dayEnd) {
                beyond.add(new Beyond(v, out, back, serviceStart, returns, serviceStart > latest));
            }
        }
        return beyond;
    }

    /**
     * The visits without their own days assigned to weeks (see the class comment), by visit id; empty when spreading
     * is off or the days make a single week.
     */
    public Map<String, Integer> weekAssignment() {
        Map<String, Integer> assignment = new LinkedHashMap<>();
        List<Integer> weeks = new ArrayList<>();
        Map<Integer, Integer> teamDays = new LinkedHashMap<>();
        for (ServiceDay d : days) {
            if (!teamDays.containsKey(d.week())) {
                weeks.add(d.week());
            }
            teamDays.merge(d.week(), d.teams(), Integer::sum);
        }
        Set<String> beyond = new TreeSet<>();
        beyondWorkday().forEach(b -> beyond.add(b.visit().id()));
        List<Visit> free = visits.stream()
                .filter(v -> v.days() == null && !beyond.contains(v.id()))
                .toList();
        if (!spread || weeks.size() < 2 || free.isEmpty()) {
            return assignment;
        }
        List<Visit> chain = chain(free);
        int total = teamDays.values().stream().mapToInt(Integer::intValue).sum();
        int[] share = new int[weeks.size()];
        double[] remainder = new double[weeks.size()];
        int given = 0;
        for (int w = 0; w < weeks.size(); w++) {
            double exact = (double) chain.size() * teamDays.get(weeks.get(w)) / total;
            share[w] = (int) Math.floor(exact);
            remainder[w] = exact - share[w];
            given += share[w];
        }
        while (given < chain.size()) {
            int best = 0;
            for (int w = 1; w < weeks.size(); w++) {
                if (remainder[w] > remainder[best] + 1e-9) {
                    best = w;
                }
            }
            share[best]++;
            remainder[best] = -1;
            given++;
        }
        int at = 0;
        for (int w = 0; w < weeks.size(); w++) {
            for (int i = 0; i < share[w]; i++) {
                assignment.put(chain.get(at++).id(), weeks.get(w));
            }
        }
        return assignment;
    }

    /** A nearest-neighbour chain through the visits, from the one farthest from the base (ties by order). */
    private List<Visit> chain(List<Visit> free) {
        List<Visit> chain = new ArrayList<>();
        BitSet used = new BitSet(free.size());
        int current = 0;
        for (int i = 1; i < free.size(); i++) {
            if (meters[0][free.get(i).location()] > meters[0][free.get(current).location()]) {
                current = i;
            }
        }
        while (current >= 0) {
            used.set(current);
            chain.add(free.get(current));
            int from = free.get(current).location();
            int next = -1;
            for (int i = 0; i < free.size(); i++) {
                if (!used.get(i)
                        && (next < 0
                                || meters[from][free.get(i).location()]
                                        < meters[from][free.get(next).location()])) {
                    next = i;
                }
            }
            current = next;
        }
        return chain;
    }

    /**
     * The routing problem: one vehicle per {@link #slots() slot}, the visits that fit a day alone as droppable stops
     * with windows on the days they may take.
     *
     * @param spreadOverWeeks whether to confine the visits without their own days to their assigned week
     */
    public RoutingProblem problem(boolean spreadOverWeeks) {
        List<RoutingProblem.Vehicle> fleet = new ArrayList<>();
        for (Slot s : slots) {
            long offset = s.day() * DAY_SECONDS;
            fleet.add(new RoutingProblem.Vehicle(
                    s.day() + ":" + s.team(),
                    RoutingProblem.UNBOUNDED,
                    offset + dayStart,
                    offset + dayEnd,
                    TRIP_FIXED_COST_METERS + DAY_TIE_BREAK_METERS * s.day() + s.team()));
        }
        Set<String> beyond = new TreeSet<>();
        beyondWorkday().forEach(b -> beyond.add(b.visit().id()));
        Map<String, Integer> weeks = spreadOverWeeks ? weekAssignment() : Map.of();
        List<RoutingProblem.Stop> stops = new ArrayList<>();
        for (Visit v : visits) {
            if (beyond.contains(v.id())) {
                continue;
            }
            long earliest = v.earliestSeconds() == null ? dayStart : v.earliestSeconds();
            long latest = v.latestSeconds() == null ? dayEnd : v.latestSeconds();
            Integer week = weeks.get(v.id());
            boolean restricted = v.days() != null || week != null;
            boolean windowed = v.earliestSeconds() != null || v.latestSeconds() != null;
            RoutingProblem.Stop stop = RoutingProblem.Stop.of(v.id(), v.location(), v.serviceSeconds())
                    .droppable(DROP_PENALTY_METERS);
            if (restricted || windowed) {
                List<RoutingProblem.TimeWindow> windows = new ArrayList<>();
                for (int d = 0; d < days.size(); d++) {
                    boolean allowed = v.days() != null
                            ? v.days().contains(d)
                            : week == null || days.get(d).week() == week;
                    if (allowed) {
                        windows.add(
                                new RoutingProblem.TimeWindow(d * DAY_SECONDS + earliest, d * DAY_SECONDS + latest));
                    }
                }
                if (windows.isEmpty()) {
                    continue; // none of its days is a service day: left out, the caller reports it
                }
                stop = stop.withWindows(windows);
            }
            stops.add(stop);
        }
        return new RoutingProblem(meters, seconds, 0, fleet, stops);
    }

    /**
     * Solves. Spread over the weeks (when any visit has a week): one routing problem per week — that week's (day, team)
     * vehicles and the visits assigned to it, or whose own days lie in it — so every problem stays small and needs no
     * windows across days; the week solutions are merged in {@link #slots()} order. When that leaves visits out, the
     * whole month is solved again without the weeks (own days kept) and the solution serving more is kept. Without
     * spreading, the whole month is one problem.
     */
    public Outcome solve(RouteSolver solver) {
        return solveWith(stops -> solver);
    }

    /**
     * Solves as {@link #solve(RouteSolver)}, with a solver chosen per problem by its number of stops (e.g. a search
     * budget in proportion to a week's share of the visits, so the weeks together take what the month would).
     */
    public Outcome solveWith(IntFunction<RouteSolver> solverForStops) {
        Map<String, Integer> weeks = weekAssignment();
        if (weeks.isEmpty()) {
            RoutingProblem month = problem(false);
            return new Outcome(solverForStops.apply(month.stops().size()).solve(month), false, weeks);
        }
        RoutingSolution byWeek = solveByWeek(solverForStops, weeks);
        if (byWeek.unserved().isEmpty()) {
            return new Outcome(byWeek, false, weeks);
        }
        RoutingProblem month = problem(false);
        RoutingSolution free = solverForStops.apply(month.stops().size()).solve(month);
        if (free.unserved().size() < byWeek.unserved().size()) {
            return new Outcome(free, true, Map.of());
        }
        return new Outcome(byWeek, false, weeks);
    }

    /** One problem per week, merged. A visit with its own days belongs to the week of its first own day. */
    private RoutingSolution solveByWeek(IntFunction<RouteSolver> solverForStops, Map<String, Integer> weeks) {
        RoutingProblem month = problem(true);
        Map<String, RoutingProblem.Stop> stopsById = new LinkedHashMap<>();
        month.stops().forEach(st -> stopsById.put(st.id(), st));
        Map<String, RoutingSolution.Route> routes = new LinkedHashMap<>();
        List<RoutingSolution.Unserved> unserved = new ArrayList<>();
        boolean solved = true;
        List<Integer> weekKeys = new ArrayList<>();
        days.forEach(d -> {
            if (!weekKeys.contains(d.week())) {
                weekKeys.add(d.week());
            }
        });
        for (int week : weekKeys) {
            List<RoutingProblem.Vehicle> fleet = new ArrayList<>();
            for (int v = 0; v < slots.size(); v++) {
                if (days.get(slots.get(v).day()).week() == week) {
                    fleet.add(month.vehicles().get(v));
                }
            }
            List<RoutingProblem.Stop> stops = new ArrayList<>();
            for (Visit v : visits) {
                RoutingProblem.Stop stop = stopsById.get(v.id());
                if (stop == null) {
                    continue;
                }
                Integer own = v.days() == null
                        ? null
                        : v.days().stream()
                                .filter(d -> d >= 0 && d < days.size())
                                .map(d -> days.get(d).week())
                                .findFirst()
                                .orElse(null);
                Integer assigned = own != null ? own : weeks.get(v.id());
                if (assigned != null && assigned == week) {
                    boolean windowed = v.earliestSeconds() != null || v.latestSeconds() != null || v.days() != null;
                    stops.add(windowed ? stop : stop.withWindows(List.of()));
                }
            }
            if (stops.isEmpty()) {
                continue;
            }
            RoutingSolution part =
                    solverForStops.apply(stops.size()).solve(new RoutingProblem(meters, seconds, 0, fleet, stops));
            solved &= part.status() == RoutingSolution.Status.SOLVED;
            part.routes().forEach(r -> routes.put(r.vehicleId(), r));
            unserved.addAll(part.unserved());
        }
        List<RoutingSolution.Route> all = new ArrayList<>();
        long total = 0;
        for (RoutingProblem.Vehicle v : month.vehicles()) {
            RoutingSolution.Route r = routes.getOrDefault(
                    v.id(), new RoutingSolution.Route(v.id(), List.of(), v.startSeconds(), v.startSeconds(), 0, 0, 0));
            total += r.distanceMeters();
            all.add(r);
        }
        return new RoutingSolution(
                solved ? RoutingSolution.Status.SOLVED : RoutingSolution.Status.NO_SOLUTION, all, unserved, total);
    }
}
