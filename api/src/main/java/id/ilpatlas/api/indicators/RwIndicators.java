package id.ilpatlas.api.indicators;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.Caches;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.cases.aggregate.CaseCounts;
import id.ilpatlas.api.cases.aggregate.CaseIndicator;
import id.ilpatlas.api.cases.aggregate.MissingReason;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.privacy.CellTable;
import id.ilpatlas.geo.privacy.Hierarchies;
import id.ilpatlas.geo.privacy.Hierarchy;
import id.ilpatlas.geo.privacy.SmallCellSuppression;
import id.ilpatlas.geo.privacy.SuppressionResult;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-RW indicators of a region and period, as a caller may see them. Calendar periods read the precomputed
 * summaries ({@link IndicatorRefresh}); date ranges (case access only) are counted live by the same SQL function.
 * Every area of the kab/kota gets its exact counts (the sum of its leaves) and, for aggregate-only callers, the
 * published counts: the cells {@code caseCounts} publishes ({@link CaseCounts#publication}, one lattice per count
 * family shared by every channel), and for the one count only this channel shows (BBLR follow-ups due, a stock on
 * the period's last day) the same {@link SmallCellSuppression} (threshold, complementary cells, insider scopes) run
 * over the area tree of that day.
 */
@Service
public class RwIndicators {

    /** A region's indicators and everything below it, for one caller. */
    public record Report(
            String regionCode,
            LocalDate from,
            LocalDate to,
            String period,
            boolean synthetic,
            AreaIndicators total,
            List<AreaIndicators> kecamatan,
            List<AreaIndicators> kelurahan,
            List<AreaIndicators> rws,
            DataAvailability.Coverage coverage) {

        /** How completely each register covers the period (GraphQL {@code RwIndicatorReport.dataCompleteness}). */
        public List<RegisterCompleteness> dataCompleteness() {
            List<RegisterCompleteness> result = new ArrayList<>();
            for (DataAvailability.Register r : coverage.list()) {
                MissingReason reason = r.reason(from, to);
                result.add(new RegisterCompleteness(
                        r.register(),
                        r.completeness(from, to),
                        reason == null ? "COMPLETE" : reason.name(),
                        r.snapshotDate()));
            }
            return result;
        }
    }

    /** One register's completeness for the report's period. */
    public record RegisterCompleteness(
            ImportFormat register, double completeness, String status, LocalDate snapshotDate) {}

    private record Node(String name, String level, int population, int targeted, int households) {}

    /**
     * The exact counts of every area of a kab/kota for one period, what the public may see of them, why a count is
     * missing for everyone (its register does not cover the period), and the RWs' neighbours for smoothing.
     */
    private record Table(
            Hierarchy areas,
            Map<String, Node> nodes,
            Map<String, long[]> counts,
            boolean synthetic,
            Map<Counted, Function<String, OptionalLong>> published,
            Map<Counted, MissingReason> missing,
            DataAvailability.Coverage coverage,
            Map<String, List<String>> neighbours) {}

    private record Key(String kabkota, String period, String version) {}

    /**
     * What a report depends on besides the table: the region asked for and, for every area of the table (in its
     * pre-order), whether the caller sees it exactly. Two callers with the same exactness see the same rows (a row is
     * the table's exact or published figures, and the RWs are smoothed over what may be seen), so they share an
     * answer; callers of different scope differ in some bit and never do.
     */
    private record ReportKey(Key table, String region, BitSet exact) {}

    /** Reports kept: a handful of scope classes (public, Dinkes, each camat/lurah/puskesmas) × regions × periods. */
    static final int CACHED_REPORTS = 256;
    /** Tables kept (kab/kota × period × data version). */
    static final int CACHED_TABLES = 64;

    private final JdbcClient jdbc;
    private final IndicatorRefresh refresh;
    private final CaseCounts caseCounts;
    private final DataAvailability availability;
    private final Cache<Key, Table> cache =
            Caffeine.newBuilder().maximumSize(CACHED_TABLES).recordStats().build();
    private final Cache<ReportKey, Report> reports =
            Caffeine.newBuilder().maximumSize(CACHED_REPORTS).recordStats().build();

    RwIndicators(
            JdbcClient jdbc,
            IndicatorRefresh refresh,
            CaseCounts caseCounts,
            DataAvailability availability,
            ObjectProvider<MeterRegistry> meterRegistry) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.caseCounts = caseCounts;
        this.availability = availability;
        meterRegistry.ifAvailable(registry -> {
            CaffeineCacheMetrics.monitor(registry, cache, "atlas.indicators.tables");
            CaffeineCacheMetrics.monitor(registry, reports, "atlas.indicators.reports");
        });
    }

    static RegionCode region(String argument, String code) {
        try {
            return RegionCode.parse(code);
        } catch (InvalidRegionCodeException e) {
            throw new InvalidArgumentException(argument, e.getMessage());
        }
    }

    public Report report(Caller caller, String regionCode, IndicatorPeriod period) {
        RegionCode region = region("regionCode", regionCode);
        if (region.level() != RegionLevel.KABKOTA
                && region.level() != RegionLevel.KECAMATAN
                && region.level() != RegionLevel.KELURAHAN) {
            throw new InvalidArgumentException("regionCode", "give a kota/kabupaten, kecamatan or kelurahan code");
        }
        if (!period.calendar() && !AccessPolicy.mayReadExactAggregates(caller, region.dotted())) {
            throw new AccessDeniedException("a date range needs exact-aggregate access covering " + region.dotted()
                    + "; ask for a month, quarter or year");
        }
        String kabkota = region.kabkotaCode().orElseThrow();
        if (!availability.knows(kabkota)) {
            // An unknown kab/kota is an error, not a city without data.
            throw new InvalidArgumentException("regionCode", "unknown region " + region.dotted());
        }
        String version = refresh.ensureFresh(kabkota);
        Key key = new Key(kabkota, period.key(), version);
        Table table = table(key, period);
        if (!table.areas().contains(region.dotted())) {
            throw new InvalidArgumentException("regionCode", "unknown region " + region.dotted());
        }
        BitSet exact = new BitSet(table.areas().size());
        for (int i = 0; i < table.areas().size(); i++) {
            if (AccessPolicy.mayReadExactAggregates(
                    caller, scopeArea(table.areas().key(i)))) {
                exact.set(i);
            }
        }
        return reports.get(new ReportKey(key, region.dotted(), exact), k -> assemble(caller, region, period, table));
    }

    /** The report of a region as the caller sees it (cached by {@link ReportKey}: it reads only the caller's exactness). */
    private Report assemble(Caller caller, RegionCode region, IndicatorPeriod period, Table table) {
        Map<String, AreaIndicators> smoothedRws = smoothedRws(caller, table);
        List<AreaIndicators> kecamatan = new ArrayList<>();
        List<AreaIndicators> kelurahan = new ArrayList<>();
        List<AreaIndicators> rws = new ArrayList<>();
        AreaIndicators total = null;
        List<String> pending = new ArrayList<>(List.of(region.dotted()));
        while (!pending.isEmpty()) {
            String area = pending.remove(0);
            AreaIndicators row =
                    smoothedRws.containsKey(area) ? smoothedRws.get(area) : view(caller, table, area, false);
            switch (row.level()) {
                case "KECAMATAN" -> kecamatan.add(row);
                case "KELURAHAN" -> kelurahan.add(row);
                case "RW", "UNASSIGNED" -> rws.add(row);
                default -> {}
            }
            if (area.equals(region.dotted())) {
                total = row;
            }
            pending.addAll(0, table.areas().children(area));
        }
        if (region.level() == RegionLevel.KELURAHAN) {
            kelurahan.clear();
            kelurahan.add(total);
        }
        return new Report(
                region.dotted(),
                period.from(),
                period.to(),
                period.key(),
                table.synthetic(),
                total,
                Collections.unmodifiableList(kecamatan),
                Collections.unmodifiableList(kelurahan),
                Collections.unmodifiableList(rws),
                table.coverage());
    }

    /**
     * Every RW of the kab/kota as the caller sees it, with its rates smoothed (Marshall's global and local
     * empirical-Bayes estimators, {@link RateSmoothing}) over what may be seen, so that a suppressed count cannot be
     * read back from a smoothed rate: an RW the caller sees exactly is smoothed over the caller's view, an RW it sees
     * as the public does over the public's view, so that its row is the public's row (a lurah's knowledge of her own
     * RWs does not shift the figures she sees of her neighbours').
     */
    private Map<String, AreaIndicators> smoothedRws(Caller caller, Table table) {
        List<AreaIndicators> mine = new ArrayList<>();
        for (String leaf : table.areas().leaves()) {
            if ("RW".equals(table.nodes().get(leaf).level())) {
                mine.add(view(caller, table, leaf, false));
            }
        }
        Map<String, AreaIndicators> byCode = new HashMap<>();
        RateSmoothing.smooth(mine, table.neighbours()).forEach(rw -> byCode.put(rw.regionCode(), rw));
        boolean mixed =
                mine.stream().anyMatch(AreaIndicators::exact) && mine.stream().anyMatch(rw -> !rw.exact());
        if (mixed) {
            List<AreaIndicators> published = new ArrayList<>();
            mine.forEach(rw -> published.add(view(caller, table, rw.regionCode(), true)));
            RateSmoothing.smooth(published, table.neighbours()).forEach(rw -> {
                if (!byCode.get(rw.regionCode()).exact()) {
                    byCode.put(rw.regionCode(), rw);
                }
            });
        }
        return byCode;
    }

    /** An area as the caller sees it, or ({@code published}) as the public does. */
    private AreaIndicators view(Caller caller, Table table, String area, boolean published) {
        Node node = table.nodes().get(area);
        boolean exact = !published && AccessPolicy.mayReadExactAggregates(caller, scopeArea(area));
        long[] counts = table.counts().get(area);
        Long[] visible = new Long[Counted.values().length];
        MissingReason[] reasons = new MissingReason[visible.length];
        for (Counted c : Counted.values()) {
            MissingReason missing = table.missing().get(c);
            if (missing != null) {
                reasons[c.ordinal()] = missing;
            } else if (exact
                    || c.publication == Counted.Publication.AREA_TOTALS
                            && !node.level().equals("RW")
                            && !node.level().equals("UNASSIGNED")) {
                visible[c.ordinal()] = counts[c.ordinal()];
            } else if (c.publication == Counted.Publication.AREA_TOTALS) {
                reasons[c.ordinal()] = MissingReason.SUPPRESSED;
            } else {
                // A date range has no public lattice (only calendar periods are published): nothing is shown.
                Function<String, OptionalLong> publication = table.published().get(c);
                OptionalLong shown = publication == null ? OptionalLong.empty() : publication.apply(area);
                if (shown.isPresent()) {
                    visible[c.ordinal()] = shown.getAsLong();
                } else {
                    reasons[c.ordinal()] = MissingReason.SUPPRESSED;
                }
            }
        }
        return new AreaIndicators(
                area,
                node.name(),
                node.level(),
                node.population(),
                node.targeted(),
                node.households(),
                exact,
                visible,
                reasons,
                table.coverage().register(ImportFormat.P3KE).snapshotDate());
    }

    /** The area whose scope decides an area's exactness: a kelurahan's unassigned records are the kelurahan's. */
    private static String scopeArea(String area) {
        return area.endsWith(Hierarchies.UNASSIGNED_SUFFIX)
                ? area.substring(0, area.length() - Hierarchies.UNASSIGNED_SUFFIX.length())
                : area;
    }

    private Table table(Key key, IndicatorPeriod period) {
        return Caches.getOrMake(cache, key, () -> build(key.kabkota(), period));
    }

    private record RegionRow(String code, String level, String name, int population, String parent) {}

    private Table build(String kabkota, IndicatorPeriod period) {
        List<RegionRow> regions = jdbc.sql("""
                        SELECT code, level, name, coalesce(population, 0) AS population, parent_code FROM regions
                         WHERE kabkota_code = :k AND level IN ('KECAMATAN', 'KELURAHAN', 'RW') OR code = :k
                         ORDER BY code""")
                .param("k", kabkota)
                .query((rs, n) -> new RegionRow(
                        rs.getString("code"),
                        rs.getString("level"),
                        rs.getString("name"),
                        rs.getInt("population"),
                        rs.getString("parent_code")))
                .list();
        Map<String, RegionRow> byCode = new HashMap<>();
        regions.forEach(r -> byCode.put(r.code(), r));
        Set<String> withRws = new java.util.HashSet<>();
        regions.stream().filter(r -> r.level().equals("RW")).forEach(r -> withRws.add(r.parent()));
        List<RegionCode> leaves = regions.stream()
                .filter(r -> r.level().equals("RW") || r.level().equals("KELURAHAN"))
                .map(r -> RegionCode.parse(r.code()))
                .toList();
        Hierarchy areas = Hierarchies.areas(RegionCode.parse(kabkota), leaves);
        int n = Counted.values().length;
        Map<String, long[]> counts = new HashMap<>();
        for (String area : areas.keys()) {
            counts.put(area, new long[n]);
        }
        boolean[] synthetic = {false};
        // What the registers cover decides first which counts exist at all: no work for counts nobody may see.
        DataAvailability.Coverage coverage = availability.of(kabkota);
        Map<Counted, MissingReason> missing = missing(coverage, period);
        boolean summarized = period.calendar() && refresh.years(kabkota).contains(period.year());
        boolean anyEvents = Stream.of(Counted.values())
                .anyMatch(c -> c.column != null && c != Counted.EXTREME_POOR && !missing.containsKey(c));
        List<Counted> columned = summarized || anyEvents
                ? Stream.of(Counted.values()).filter(c -> c.column != null).toList()
                : List.of(Counted.EXTREME_POOR);
        String columns = String.join(", ", columned.stream().map(c -> c.column).toList());
        var query = summarized
                ? jdbc.sql("SELECT leaf_code, " + columns + ", synthetic FROM rw_indicator_summaries "
                                + "WHERE kabkota_code = :k AND period_key = :p")
                        .param("k", kabkota)
                        .param("p", period.key())
                : anyEvents
                        ? jdbc.sql("SELECT leaf_code, " + columns + ", synthetic FROM rw_indicator_counts(:k, :f, :t)")
                                .param("k", kabkota)
                                .param("f", period.from())
                                .param("t", period.to())
                        // A period no event register covers (e.g. years before the data): the P3KE snapshot only.
                        : jdbc.sql("SELECT leaf AS leaf_code, n AS extreme_poor_households, synthetic FROM ("
                                        + Sql.load("sql/case-counts/EXTREME_POOR_HOUSEHOLDS.sql") + ") p")
                                .param("k", kabkota);
        query.query((rs, rowNum) -> {
                    String leaf = Hierarchies.areaLeafKey(RegionCode.parse(rs.getString("leaf_code")));
                    long[] leafCounts = counts.get(leaf);
                    for (Counted c : columned) {
                        leafCounts[c.ordinal()] += rs.getLong(c.column);
                    }
                    synthetic[0] |= rs.getBoolean("synthetic");
                    return null;
                })
                .list();
        if (!missing.containsKey(Counted.TB_NOTIFIED_12_MONTHS)) {
            jdbc.sql(Sql.load("sql/indicators/tb-window.sql"))
                    .param("k", kabkota)
                    .param("f", period.windowFrom())
                    .param("t", period.to())
                    .query((rs, rowNum) -> counts.get(Hierarchies.areaLeafKey(RegionCode.parse(rs.getString("leaf"))))[
                                    Counted.TB_NOTIFIED_12_MONTHS.ordinal()] +=
                            rs.getLong("n"))
                    .list();
        }
        // Roll up: children have larger pre-order indexes than their parents.
        Map<String, Node> nodes = new HashMap<>();
        int[] population = new int[areas.size()];
        int[] targeted = new int[areas.size()];
        int[] households = new int[areas.size()];
        for (int i = areas.size() - 1; i >= 0; i--) {
            String area = areas.key(i);
            if (areas.isLeaf(area)) {
                boolean unassigned = area.endsWith(Hierarchies.UNASSIGNED_SUFFIX);
                String code =
                        unassigned ? area.substring(0, area.length() - Hierarchies.UNASSIGNED_SUFFIX.length()) : area;
                RegionRow row = byCode.get(code);
                int pop = row == null || unassigned && withRws.contains(code) ? 0 : row.population();
                population[i] = pop;
                targeted[i] = (int) Math.round(pop * AreaIndicators.BALITA_SHARE);
                households[i] = (int) Math.round(pop / AreaIndicators.HOUSEHOLD_SIZE);
            }
            RegionRow row = byCode.get(area);
            String level;
            String name;
            if (area.endsWith(Hierarchies.UNASSIGNED_SUFFIX)) {
                level = "UNASSIGNED";
                RegionRow kel = byCode.get(area.substring(0, area.length() - Hierarchies.UNASSIGNED_SUFFIX.length()));
                name = (kel == null ? "?" : kel.name()) + " (tanpa RW)";
            } else {
                level = row == null ? RegionCode.parse(area).level().name() : row.level();
                name = row == null ? area : row.name();
            }
            nodes.put(area, new Node(name, level, population[i], targeted[i], households[i]));
            var parent = areas.parent(area);
            if (parent.isPresent()) {
                int p = areas.indexOf(parent.get());
                population[p] += population[i];
                targeted[p] += targeted[i];
                households[p] += households[i];
                long[] mine = counts.get(area);
                long[] theirs = counts.get(parent.get());
                for (int c = 0; c < n; c++) {
                    theirs[c] += mine[c];
                }
            }
        }
        Map<Counted, Function<String, OptionalLong>> published = new EnumMap<>(Counted.class);
        if (period.calendar()) {
            Hierarchy single = Hierarchy.builder(period.key()).build();
            SmallCellSuppression suppression =
                    new SmallCellSuppression(caseCounts.threshold(), caseCounts.insiders(kabkota, areas));
            for (Counted c : Counted.values()) {
                if (missing.containsKey(c)) {
                    continue;
                }
                switch (c.publication) {
                    case CASE_COUNTS ->
                        published.put(
                                c, caseCounts.publication(c.lattice, kabkota, period.year(), period.key())::published);
                    case WINDOW -> published.put(c, windowPublication(kabkota, period));
                    case AREA_TOTALS -> {}
                    case STOCK_HERE -> {
                        CellTable.Builder builder = CellTable.builder(areas, single);
                        for (String leaf : areas.leaves()) {
                            builder.add(leaf, period.key(), counts.get(leaf)[c.ordinal()]);
                        }
                        SuppressionResult result = suppression.apply(builder.build());
                        published.put(c, area -> result.published(area, period.key()));
                    }
                }
            }
        }
        return new Table(areas, nodes, counts, synthetic[0], published, missing, coverage, neighbours(kabkota));
    }

    /** Why each count is missing for everyone in the period: its register does not cover the days it counts. */
    private static Map<Counted, MissingReason> missing(DataAvailability.Coverage coverage, IndicatorPeriod period) {
        Map<Counted, MissingReason> missing = new EnumMap<>(Counted.class);
        for (Counted c : Counted.values()) {
            LocalDate from = switch (c) {
                case TB_NOTIFIED_12_MONTHS -> period.windowFrom();
                // BBLR babies born 29..365 days before the period's last day.
                case LOW_BIRTH_WEIGHT_OVERDUE -> period.to().minusDays(365);
                default -> period.from();
            };
            MissingReason reason = coverage.reason(c.register, from, period.to());
            if (reason != null) {
                missing.put(c, reason);
            }
        }
        return missing;
    }

    /**
     * The 12-month TB window as the public may see it: the sum of the published {@code caseCounts} cells (years,
     * quarters, months) that tile the window, so it tells nothing that is not already published; suppressed when any
     * of those cells is.
     */
    private Function<String, OptionalLong> windowPublication(String kabkota, IndicatorPeriod period) {
        List<CaseCounts.Publication> cells = new ArrayList<>();
        for (IndicatorPeriod cell :
                CalendarTiling.tile(YearMonth.from(period.windowFrom()), YearMonth.from(period.to()))) {
            cells.add(caseCounts.publication(CaseIndicator.TB_NOTIFICATIONS, kabkota, cell.year(), cell.key()));
        }
        return area -> {
            long sum = 0;
            for (CaseCounts.Publication cell : cells) {
                OptionalLong n = cell.published(area);
                if (n.isEmpty()) {
                    return OptionalLong.empty();
                }
                sum += n.getAsLong();
            }
            return OptionalLong.of(sum);
        };
    }

    /** Each RW of the kab/kota with the RWs it touches (queen contiguity), for local smoothing. */
    private Map<String, List<String>> neighbours(String kabkota) {
        Map<String, List<String>> neighbours = new HashMap<>();
        jdbc.sql(Sql.load("sql/indicators/rw-neighbours.sql"))
                .param("k", kabkota)
                .query((rs, n) -> neighbours.put(rs.getString("code"), List.of((String[])
                        rs.getArray("neighbours").getArray())))
                .list();
        return neighbours;
    }
}
