package id.ilpatlas.api.cases.aggregate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.ilpatlas.api.Caches;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.privacy.CellTable;
import id.ilpatlas.geo.privacy.Hierarchies;
import id.ilpatlas.geo.privacy.Hierarchy;
import id.ilpatlas.geo.privacy.InsiderScope;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Case counts per region and calendar period, as the public may see them, and the one home of that publication for
 * every channel ({@code caseCounts}, {@code rwIndicators} and through it tiles, exports and the KIA-gizi review).
 *
 * <p>Event counts are published per {@link CountFamily}, kab/kota and year: one lattice (RW and kelurahan-unassigned
 * leaves × months, summed up both hierarchies) holding every count of the family, suppressed together with
 * {@link SmallCellSuppression#applyRelated} so that no suppressed count can be recovered by differencing areas or
 * periods, nor through the orderings between the family's counts (successes ≤ with an outcome ≤ notified), also by
 * an insider who knows the exact counts of its own scope (every lurah, camat, puskesmas and kader scope of the
 * kab/kota is passed in). The stocks ({@link CaseIndicator#snapshot()}: the extreme-poor households of the register's
 * latest snapshot, the high-risk pregnancies ongoing in the period) are not additive over months: each period's is
 * suppressed over the area tree on its own. Every caller gets the published cells; a caller that may read exact
 * aggregates ({@link AccessPolicy#mayReadExactAggregates}: case access, or the Dinkes planner) gets exact counts for
 * regions inside its own scope. Periods are calendar months, quarters or years only: a free date range would open
 * differencing between overlapping ranges. Cases whose kelurahan is unknown are not counted.
 */
@Service
public class CaseCounts {

    /** One published count: null when suppressed, or when its register does not cover the period ({@code missing}). */
    public record Count(
            String regionCode,
            CaseIndicator indicator,
            Long count,
            boolean suppressed,
            boolean synthetic,
            MissingReason missing) {}

    /** What one count of one period shows: the exact count of an area, and what the public may see of it. */
    public interface Publication {
        long exact(String area);

        OptionalLong published(String area);

        /** Whether the area is a node of the lattice (the kab/kota, its kecamatan, kelurahan, RWs, unassigned). */
        boolean contains(String area);

        boolean synthetic();
    }

    /** A family's lattice (event counts of a year) or a stock's (over the area tree, for one period). */
    private record Key(
            CountFamily family,
            CaseIndicator stock,
            String kabkota,
            int year,
            LocalDate stockFrom,
            LocalDate stockTo,
            String version) {}

    private final JdbcClient jdbc;
    private final int threshold;
    private static final String SNAPSHOT_PERIOD = "snapshot";

    /** Lattices kept (family or stock × kab/kota × year or period × data version); metrics atlas.case-counts.lattices. */
    private final Cache<Key, Lattice> cache =
            Caffeine.newBuilder().maximumSize(64).recordStats().build();

    /** Exact and published cells of every count of a family (or of one stock) of one kab/kota. */
    private record Lattice(
            Hierarchy areas,
            Map<CaseIndicator, CellTable> exact,
            Map<CaseIndicator, SuppressionResult> published,
            boolean synthetic) {}

    private final RegisterCoverage coverage;

    CaseCounts(
            JdbcClient jdbc,
            @Value("${atlas.privacy.small-cell-threshold:5}") int threshold,
            RegisterCoverage coverage,
            ObjectProvider<MeterRegistry> meterRegistry) {
        this.jdbc = jdbc;
        this.threshold = threshold;
        this.coverage = coverage;
        meterRegistry.ifAvailable(
                registry -> CaffeineCacheMetrics.monitor(registry, cache, "atlas.case-counts.lattices"));
    }

    public int threshold() {
        return threshold;
    }

    /**
     * Everyone who knows part of the lattice exactly: each lurah (a kelurahan), camat (a kecamatan), puskesmas (its
     * wilayah kerja) and kader (the RWs of the posyandu). The suppression keeps every count outside an insider's
     * scope undetermined even for that insider. Shared with the per-RW indicators, which suppress the same way.
     *
     * <p>The other callers who read exact counts ({@link AccessPolicy#mayReadExactAggregates}) need no scope of their
     * own here: the DINKES_ADMIN and the PLANNER hold the whole kab/kota, one insider scope covering every cell of the
     * lattice, which leaves no cell outside it to protect (and a narrower planner or Dinkes scope, a kecamatan or a
     * kelurahan, is already the camat's or lurah's insider scope passed in here). Adding them would not change a
     * single published cell.
     */
    public List<InsiderScope> insiders(String kabkota, Hierarchy areas) {
        List<InsiderScope> scopes = new ArrayList<>();
        jdbc.sql("""
                        SELECT code FROM regions WHERE kabkota_code = :k AND level IN ('KECAMATAN', 'KELURAHAN')
                         ORDER BY code""").param("k", kabkota).query(String.class).list().stream()
                .filter(areas::contains)
                .forEach(code -> scopes.add(InsiderScope.of(code)));
        jdbc.sql("""
                        SELECT f.code, array_agg(c.region_code ORDER BY c.region_code) AS areas
                          FROM facilities f JOIN facility_catchments c ON c.facility_id = f.id
                         WHERE f.kabkota_code = :k AND f.active AND f.type IN ('PUSKESMAS', 'POSYANDU')
                         GROUP BY f.code ORDER BY f.code""")
                .param("k", kabkota)
                .query((rs, n) -> {
                    List<String> known = Stream.of(
                                    (String[]) rs.getArray("areas").getArray())
                            .filter(areas::contains)
                            .toList();
                    if (!known.isEmpty()) {
                        scopes.add(new InsiderScope(rs.getString("code"), Set.copyOf(known)));
                    }
                    return null;
                })
                .list();
        return scopes;
    }

    /**
     * The period key of the lattice for a year and an optional quarter or month, validated (errors name
     * {@code period.year}, {@code period.quarter}, {@code period.month}). The per-RW indicators validate with it too.
     */
    public static String periodKey(int year, Integer quarter, Integer month) {
        if (year < 2000 || year > 2100) {
            throw new InvalidArgumentException("period.year", "must be between 2000 and 2100, was " + year);
        }
        if (quarter != null && month != null) {
            throw new InvalidArgumentException("period.quarter", "give a quarter or a month, not both");
        }
        if (quarter != null) {
            if (quarter < 1 || quarter > 4) {
                throw new InvalidArgumentException("period.quarter", "must be 1-4, was " + quarter);
            }
            return Hierarchies.quarterKey(year, quarter);
        }
        if (month != null) {
            if (month < 1 || month > 12) {
                throw new InvalidArgumentException("period.month", "must be 1-12, was " + month);
            }
            return Hierarchies.monthKey(YearMonth.of(year, month));
        }
        return Hierarchies.yearKey(year);
    }

    /** Counts of the region and of each of its children (RWs of a kelurahan, and its unassigned cases). */
    public List<Count> counts(
            Caller caller,
            String regionCode,
            int year,
            Integer quarter,
            Integer month,
            List<CaseIndicator> indicators) {
        RegionCode region;
        try {
            region = RegionCode.parse(regionCode);
        } catch (InvalidRegionCodeException e) {
            throw new InvalidArgumentException("regionCode", e.getMessage());
        }
        if (region.level() == RegionLevel.PROVINSI) {
            throw new InvalidArgumentException("regionCode", "counts are published per kab/kota and below");
        }
        if (indicators == null || indicators.isEmpty()) {
            throw new InvalidArgumentException("indicators", "name at least one indicator");
        }
        String period = periodKey(year, quarter, month);
        String kabkota = region.kabkotaCode().orElseThrow();
        if (!coverage.knows(kabkota)) {
            throw new InvalidArgumentException("regionCode", "unknown region " + region.dotted());
        }
        Days days = days(year, quarter, month);
        Map<ImportFormat, MissingReason> uncovered = coverage.reasons(kabkota, days.from(), days.to());
        String version = version(kabkota);
        List<Count> result = new ArrayList<>();
        for (CaseIndicator indicator : indicators) {
            Lattice lattice = lattice(indicator, kabkota, year, period, version);
            Publication publication = publication(indicator, lattice, period);
            if (!publication.contains(region.dotted())) {
                throw new InvalidArgumentException("regionCode", "unknown region " + region.dotted());
            }
            List<String> keys = new ArrayList<>();
            keys.add(region.dotted());
            keys.addAll(lattice.areas().children(region.dotted()));
            // No data is not zero: a period the register's imports do not cover completely has no count at all.
            MissingReason missing = uncovered.get(indicator.register());
            if (missing != null) {
                for (String area : keys) {
                    result.add(new Count(area, indicator, null, false, publication.synthetic(), missing));
                }
                continue;
            }
            for (String area : keys) {
                boolean exact = AccessPolicy.mayReadExactAggregates(
                        caller,
                        area.endsWith(Hierarchies.UNASSIGNED_SUFFIX)
                                ? area.substring(0, area.length() - Hierarchies.UNASSIGNED_SUFFIX.length())
                                : area);
                if (exact) {
                    result.add(
                            new Count(area, indicator, publication.exact(area), false, publication.synthetic(), null));
                } else {
                    OptionalLong published = publication.published(area);
                    result.add(new Count(
                            area,
                            indicator,
                            published.isPresent() ? published.getAsLong() : null,
                            published.isEmpty(),
                            publication.synthetic(),
                            published.isEmpty() ? MissingReason.SUPPRESSED : null));
                }
            }
        }
        return result;
    }

    /**
     * One count of a kab/kota and calendar period (a {@link #periodKey} of {@code year}) as every channel publishes
     * it: the per-RW indicators show exactly these cells.
     */
    public Publication publication(CaseIndicator indicator, String kabkota, int year, String period) {
        return publication(indicator, lattice(indicator, kabkota, year, period, version(kabkota)), period);
    }

    private static Publication publication(CaseIndicator indicator, Lattice lattice, String period) {
        String cell = indicator.snapshot() ? SNAPSHOT_PERIOD : period;
        CellTable exact = lattice.exact().get(indicator);
        SuppressionResult published = lattice.published().get(indicator);
        return new Publication() {
            @Override
            public long exact(String area) {
                return exact.count(area, cell);
            }

            @Override
            public OptionalLong published(String area) {
                return published.published(area, cell);
            }

            @Override
            public boolean contains(String area) {
                return lattice.areas().contains(area);
            }

            @Override
            public boolean synthetic() {
                return lattice.synthetic();
            }
        };
    }

    /** The first and last day of a calendar period. */
    private record Days(LocalDate from, LocalDate to) {}

    /** The days of a year, or of its quarter or month. */
    private static Days days(int year, Integer quarter, Integer month) {
        if (month != null) {
            YearMonth m = YearMonth.of(year, month);
            return new Days(m.atDay(1), m.atEndOfMonth());
        }
        if (quarter != null) {
            return new Days(
                    LocalDate.of(year, 3 * quarter - 2, 1),
                    YearMonth.of(year, 3 * quarter).atEndOfMonth());
        }
        return new Days(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    private Lattice lattice(CaseIndicator indicator, String kabkota, int year, String period, String version) {
        if (!indicator.snapshot()) {
            return lattice(new Key(indicator.family, null, kabkota, year, null, null, version));
        }
        // A stock is counted over the days of its period (key 2026, 2026-Q1 or 2026-03 of periodKey).
        String[] parts = period.split("-");
        Days days = parts.length == 1
                ? days(year, null, null)
                : parts[1].startsWith("Q")
                        ? days(year, Integer.valueOf(parts[1].substring(1)), null)
                        : days(year, null, Integer.valueOf(parts[1]));
        return lattice(new Key(null, indicator, kabkota, year, days.from(), days.to(), version));
    }

    /**
     * Changes whenever an import commits a batch or the kab/kota's regions change (an RW layer import moves cases
     * between leaves), so a cached lattice is never stale; the per-RW summaries go stale on the same events.
     */
    private String version(String kabkota) {
        return jdbc.sql("""
                        SELECT (SELECT coalesce(max(id), 0) || ':' || coalesce(sum(rows_inserted + rows_updated
                                       + rows_read), 0) FROM import_jobs)
                               || '/' || (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '')
                                            FROM regions WHERE kabkota_code = :k OR code = :k)""").param("k", kabkota).query(String.class).single();
    }

    private Lattice lattice(Key key) {
        return Caches.getOrMake(cache, key, () -> build(key));
    }

    private Lattice build(Key key) {
        List<RegionCode> leaves = jdbc.sql("""
                        SELECT code FROM regions WHERE kabkota_code = :k AND level IN ('RW', 'KELURAHAN')
                         ORDER BY code""")
                .param("k", key.kabkota())
                .query((rs, n) -> RegionCode.parse(rs.getString(1)))
                .list();
        Hierarchy areas = Hierarchies.areas(RegionCode.parse(key.kabkota()), leaves);
        SmallCellSuppression suppression = new SmallCellSuppression(threshold, insiders(key.kabkota(), areas));
        return key.stock() != null ? snapshot(key, areas, suppression) : family(key, areas, suppression);
    }

    private Lattice family(Key key, Hierarchy areas, SmallCellSuppression suppression) {
        CountFamily family = key.family();
        Hierarchy periods = Hierarchies.periods(key.year());
        List<CellTable.Builder> atoms = new ArrayList<>();
        for (int a = 0; a < family.atoms; a++) {
            atoms.add(CellTable.builder(areas, periods));
        }
        boolean[] synthetic = {false};
        jdbc.sql(Sql.load("sql/case-counts/" + family.name() + ".sql"))
                .param("k", key.kabkota())
                .param("y", key.year())
                .query((rs, n) -> {
                    synthetic[0] |= rs.getBoolean("synthetic");
                    return atoms.get(rs.getInt("atom"))
                            .add(
                                    Hierarchies.areaLeafKey(RegionCode.parse(rs.getString("leaf"))),
                                    Hierarchies.monthKey(YearMonth.of(key.year(), rs.getInt("month"))),
                                    rs.getLong("n"));
                })
                .list();
        List<CellTable> atomTables =
                atoms.stream().map(CellTable.Builder::build).toList();
        List<CaseIndicator> members = Stream.of(CaseIndicator.values())
                .filter(i -> i.family == family)
                .toList();
        List<SuppressionResult> results = suppression.applyRelated(
                atomTables, members.stream().map(i -> i.atoms).toList());
        Map<CaseIndicator, CellTable> exact = new EnumMap<>(CaseIndicator.class);
        Map<CaseIndicator, SuppressionResult> published = new EnumMap<>(CaseIndicator.class);
        for (int i = 0; i < members.size(); i++) {
            CaseIndicator indicator = members.get(i);
            CellTable.Builder sum = CellTable.builder(areas, periods);
            for (String leaf : areas.leaves()) {
                for (String month : periods.leaves()) {
                    long n = 0;
                    for (int a : indicator.atoms) {
                        n += atomTables.get(a).count(leaf, month);
                    }
                    sum.add(leaf, month, n);
                }
            }
            exact.put(indicator, sum.build());
            published.put(indicator, results.get(i));
        }
        return new Lattice(areas, exact, published, synthetic[0]);
    }

    /** A stock of one period ({@code key.stockFrom()}..{@code key.stockTo()}), over the area tree. */
    private Lattice snapshot(Key key, Hierarchy areas, SmallCellSuppression suppression) {
        CellTable.Builder builder =
                CellTable.builder(areas, Hierarchy.builder(SNAPSHOT_PERIOD).build());
        boolean[] synthetic = {false};
        jdbc.sql(Sql.load("sql/case-counts/" + key.stock().name() + ".sql"))
                .param("k", key.kabkota())
                .param("f", key.stockFrom())
                .param("d", key.stockTo())
                .query((rs, n) -> {
                    synthetic[0] |= rs.getBoolean("synthetic");
                    return builder.add(
                            Hierarchies.areaLeafKey(RegionCode.parse(rs.getString("leaf"))),
                            SNAPSHOT_PERIOD,
                            rs.getLong("n"));
                })
                .list();
        CellTable table = builder.build();
        return new Lattice(
                areas, Map.of(key.stock(), table), Map.of(key.stock(), suppression.apply(table)), synthetic[0]);
    }
}
