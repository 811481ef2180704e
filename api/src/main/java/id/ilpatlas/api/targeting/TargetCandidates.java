package id.ilpatlas.api.targeting;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.access.RwAccess;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.indicators.AreaIndicators;
import id.ilpatlas.api.indicators.IndicatorPeriod;
import id.ilpatlas.api.indicators.Kleopatra;
import id.ilpatlas.api.indicators.RateEstimateKind;
import id.ilpatlas.api.indicators.RwIndicator;
import id.ilpatlas.api.indicators.RwIndicators;
import id.ilpatlas.api.road.RoadNetworkQuality;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Ranks the RWs of a region inside the caller's scope for targeting (Pusling, intervention drives). Each {@link
 * Component} is a raw value per RW from {@link RwIndicators} (the caller's exact view) or {@link RwAccessService}
 * (the trip to the responsible puskesmas by default, or to the nearest; in a travel mode); it is
 * min-max normalized to 0–1 across the candidate set so that 1 is the neediest (for low measurement coverage the
 * scale is inverted); a missing value (no children measured, no access row) normalizes to 0 and is flagged; when every
 * candidate has the same value the component normalizes to 0 for all. The score is the sum of weight × normalized;
 * ties are broken by RW code (ascending).
 *
 * <p>Only the roles of {@link Permission#RANK_TARGET_CANDIDATES} (DINKES_ADMIN, PLANNER, CAMAT, LURAH,
 * PUSKESMAS_STAFF) whose scope covers the region may rank, and only RWs in which they read exact aggregates
 * ({@link AccessPolicy#mayReadExactAggregates}): a ranking built on suppressed counts would be wrong, and on exact
 * ones shown to anyone else would leak them. Kader and anonymous callers are FORBIDDEN. The ranking holds counts per
 * RW, never a person.
 */
@Service
public class TargetCandidates {

    /** A score component, its GraphQL input field and its default weight (the defaults sum to 1). */
    public enum Component {
        STUNTING_PREVALENCE("stuntingPrevalence", 0.25, false),
        STUNTED("stunted", 0.10, false),
        TB_NOTIFICATIONS_PER_100K("tbNotificationsPer100k", 0.15, false),
        EXTREME_POOR_SHARE("extremePoorShare", 0.15, false),
        DISTANCE_TO_PUSKESMAS("distanceToPuskesmas", 0.05, false),
        TRAVEL_TIME_TO_PUSKESMAS("travelTimeToPuskesmas", 0.10, false),
        LOW_MEASUREMENT_COVERAGE("lowMeasurementCoverage", 0.10, true),
        KLEOPATRA_CRITERIA("kleopatraCriteria", 0.10, false),
        /**
         * Whole months since the last recorded Pusling visit; never visited: no value (flagged) but normalized as the
         * maximum (1) when another candidate has a visit. Default weight 0: rankings are unchanged unless asked.
         */
        MONTHS_SINCE_LAST_VISIT("monthsSinceLastVisit", 0.0, false);

        public final String field;
        public final double defaultWeight;
        /** True when a lower raw value is needier. */
        public final boolean inverted;

        Component(String field, double defaultWeight, boolean inverted) {
            this.field = field;
            this.defaultWeight = defaultWeight;
            this.inverted = inverted;
        }
    }

    /** One component of one RW's score. */
    public record ScoreComponent(
            Component key, Double value, double normalized, double weight, double contribution, boolean missing) {}

    /**
     * One ranked RW; {@code puskesmasId} is the puskesmas its access components are measured to (null when it has
     * none), {@code warnings} what a reader must know about them.
     */
    public record Candidate(
            int rank,
            String regionCode,
            String name,
            double score,
            List<ScoreComponent> components,
            List<Component> missing,
            Long puskesmasId,
            List<AccessWarning> warnings) {}

    /** A component weight as used. */
    public record Weight(Component key, double weight) {}

    /** The ranking. */
    public record Ranking(
            String regionCode,
            String period,
            LocalDate from,
            LocalDate to,
            boolean synthetic,
            List<Weight> weights,
            RwAccessService.Target accessTo,
            TravelMode mode,
            List<Candidate> candidates,
            List<AccessWarning> warnings) {}

    private final RwIndicators indicators;
    private final RwAccessService access;
    private final RoadNetworkQuality quality;
    private final LastVisits visits;
    private final Clock clock;

    TargetCandidates(
            RwIndicators indicators,
            RwAccessService access,
            RoadNetworkQuality quality,
            LastVisits visits,
            Clock clock) {
        this.indicators = indicators;
        this.access = access;
        this.quality = quality;
        this.visits = visits;
        this.clock = clock;
    }

    /** The weights of an input map (GraphQL field names; omitted or null fields take their defaults). */
    public static Map<Component, Double> weights(Map<String, Object> input) {
        Map<Component, Double> weights = new EnumMap<>(Component.class);
        double sum = 0;
        for (Component c : Component.values()) {
            Object given = input == null ? null : input.get(c.field);
            double w = given == null ? c.defaultWeight : ((Number) given).doubleValue();
            if (!Double.isFinite(w) || w < 0 || w > 1000) {
                throw new InvalidArgumentException("weights." + c.field, "must be between 0 and 1000, was " + w);
            }
            weights.put(c, w);
            sum += w;
        }
        if (sum <= 0) {
            throw new InvalidArgumentException("weights", "at least one weight must be positive");
        }
        return weights;
    }

    /**
     * Ranks the RWs of a region; the access components measure the trip in {@code mode} to the RW's responsible
     * puskesmas ({@code accessTo} RESPONSIBLE_PUSKESMAS, the default) or its nearest one (NEAREST_PUSKESMAS).
     */
    public Ranking rank(
            Caller caller,
            String regionCode,
            IndicatorPeriod period,
            Map<Component, Double> weights,
            RwAccessService.Target accessTo,
            TravelMode mode,
            RateEstimateKind estimate) {
        if (!AccessPolicy.may(caller, Permission.RANK_TARGET_CANDIDATES)) {
            throw new AccessDeniedException("ranking target RWs needs the role DINKES_ADMIN, PLANNER, CAMAT, LURAH or "
                    + "PUSKESMAS_STAFF; you are " + caller.role());
        }
        RegionCode region;
        try {
            region = RegionCode.parse(regionCode);
        } catch (InvalidRegionCodeException e) {
            throw new InvalidArgumentException("regionCode", e.getMessage());
        }
        if (!AccessPolicy.mayReadExactAggregates(caller, region.dotted())) {
            throw new AccessDeniedException("region " + region.dotted() + " is outside your scope");
        }
        RwIndicators.Report report = indicators.report(caller, region.dotted(), period);
        String kabkota = region.kabkotaCode().orElseThrow();
        access.refreshIfStale(kabkota);
        RoadNetworkQuality.Assessment network = quality.assess(kabkota, mode);
        List<AreaIndicators> rws = report.rws().stream()
                .filter(r -> r.level().equals("RW") && AccessPolicy.mayReadExactAggregates(caller, r.regionCode()))
                .toList();
        Map<String, RwAccess> accessRows = new HashMap<>();
        access.ofRws(rws.stream().map(AreaIndicators::regionCode).toList(), mode)
                .forEach(row -> accessRows.put(row.rwCode(), row));
        Map<String, RwAccess.Leg> legs = new HashMap<>();
        accessRows.forEach((rw, row) -> {
            RwAccess.Leg leg = accessTo == RwAccessService.Target.NEAREST_PUSKESMAS ? row.nearest() : row.responsible();
            if (leg != null) {
                legs.put(rw, leg);
            }
        });
        Map<String, LocalDate> lastVisit = visits.lastVisitDates(
                rws.stream().map(AreaIndicators::regionCode).toList());
        YearMonth thisMonth = YearMonth.now(clock);
        Component[] components = Component.values();
        Double[][] values = new Double[rws.size()][components.length];
        for (int i = 0; i < rws.size(); i++) {
            AreaIndicators rw = rws.get(i);
            RwAccess.Leg leg = legs.get(rw.regionCode());
            LocalDate visited = lastVisit.get(rw.regionCode());
            Double months = visited == null
                    ? null
                    : (double) Math.max(0, ChronoUnit.MONTHS.between(YearMonth.from(visited), thisMonth));
            for (Component c : components) {
                values[i][c.ordinal()] =
                        c == Component.MONTHS_SINCE_LAST_VISIT ? months : rawValue(c, rw, leg, estimate);
            }
        }
        double[] min = new double[components.length];
        double[] max = new double[components.length];
        for (Component c : components) {
            min[c.ordinal()] = Double.POSITIVE_INFINITY;
            max[c.ordinal()] = Double.NEGATIVE_INFINITY;
            for (Double[] row : values) {
                Double v = row[c.ordinal()];
                if (v != null) {
                    min[c.ordinal()] = Math.min(min[c.ordinal()], v);
                    max[c.ordinal()] = Math.max(max[c.ordinal()], v);
                }
            }
        }
        List<Candidate> unranked = new ArrayList<>();
        for (int i = 0; i < rws.size(); i++) {
            List<ScoreComponent> parts = new ArrayList<>();
            List<Component> missing = new ArrayList<>();
            double score = 0;
            for (Component c : components) {
                Double v = values[i][c.ordinal()];
                // Never visited counts as the longest wait, whenever some candidate was visited.
                double normalized =
                        c == Component.MONTHS_SINCE_LAST_VISIT && v == null && Double.isFinite(max[c.ordinal()])
                                ? 1
                                : normalize(v, min[c.ordinal()], max[c.ordinal()], c.inverted);
                double w = weights.get(c);
                double contribution = w * normalized;
                score += contribution;
                if (v == null) {
                    missing.add(c);
                }
                parts.add(new ScoreComponent(c, v, normalized, w, contribution, v == null));
            }
            String code = rws.get(i).regionCode();
            RwAccess.Leg leg = legs.get(code);
            List<AccessWarning> warnings = new ArrayList<>(AccessWarning.of(accessRows.get(code), accessTo));
            warnings.addAll(AccessWarning.networkForRow(network));
            unranked.add(new Candidate(
                    0,
                    code,
                    rws.get(i).name(),
                    score,
                    parts,
                    missing,
                    leg == null ? null : leg.facilityId(),
                    warnings));
        }
        unranked.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::regionCode));
        List<Candidate> ranked = new ArrayList<>(unranked.size());
        for (int i = 0; i < unranked.size(); i++) {
            Candidate c = unranked.get(i);
            ranked.add(new Candidate(
                    i + 1,
                    c.regionCode(),
                    c.name(),
                    c.score(),
                    c.components(),
                    c.missing(),
                    c.puskesmasId(),
                    c.warnings()));
        }
        List<Weight> used = new ArrayList<>();
        weights.forEach((k, w) -> used.add(new Weight(k, w)));
        return new Ranking(
                report.regionCode(),
                report.period(),
                report.from(),
                report.to(),
                report.synthetic(),
                used,
                accessTo,
                mode,
                ranked,
                AccessWarning.network(network));
    }

    /** Min-max normalization to 0–1 (1 neediest); null → 0; a constant component → 0. */
    public static double normalize(Double value, double min, double max, boolean inverted) {
        if (value == null || !(max > min)) {
            return 0;
        }
        return inverted ? (max - value) / (max - min) : (value - min) / (max - min);
    }

    /** A component's raw value; rates by {@code estimate} (the stable, smoothed figure by default). */
    private static Double rawValue(Component c, AreaIndicators rw, RwAccess.Leg leg, RateEstimateKind estimate) {
        return switch (c) {
            case STUNTING_PREVALENCE -> estimate.of(rw, RwIndicator.STUNTING_PREVALENCE);
            case STUNTED -> rw.value(RwIndicator.STUNTED);
            case TB_NOTIFICATIONS_PER_100K -> estimate.of(rw, RwIndicator.TB_NOTIFICATIONS_PER_100K);
            case EXTREME_POOR_SHARE -> estimate.of(rw, RwIndicator.EXTREME_POOR_SHARE);
            case DISTANCE_TO_PUSKESMAS -> leg == null ? null : leg.roadDistanceMeters();
            case TRAVEL_TIME_TO_PUSKESMAS -> leg == null ? null : leg.travelTimeSeconds();
            case LOW_MEASUREMENT_COVERAGE -> estimate.of(rw, RwIndicator.MEASUREMENT_COVERAGE);
            case KLEOPATRA_CRITERIA -> kleopatra(rw, estimate);
            case MONTHS_SINCE_LAST_VISIT -> null;
        };
    }

    /** KLEOPATRA criteria met (0–3) at the default thresholds; null when one is unknown ({@link Kleopatra}). */
    static Double kleopatra(AreaIndicators rw, RateEstimateKind estimate) {
        Integer met = Kleopatra.of(rw, Kleopatra.DEFAULTS, estimate).criteriaMet();
        return met == null ? null : met.doubleValue();
    }
}
