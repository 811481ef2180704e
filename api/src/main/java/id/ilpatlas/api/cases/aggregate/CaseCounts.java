package id.ilpatlas.api.cases.aggregate;

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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Case counts per region and calendar period, as the public may see them: one lattice per indicator, kab/kota and
 * year (RW and kelurahan-unassigned leaves × months, summed up both hierarchies), small cells suppressed with
 * complementary suppression so that no suppressed count can be recovered by differencing areas or periods
 * ({@link SmallCellSuppression}), also by an insider who knows the exact counts of its own scope (every lurah,
 * camat, puskesmas and kader scope of the kab/kota is passed in). Every caller gets the published lattice; a caller
 * with case access gets exact counts for regions inside its own scope. Periods are calendar months, quarters or years only: a free date range
 * would open differencing between overlapping ranges. Cases whose kelurahan is unknown are not counted.
 */
@Service
public class CaseCounts {

    /** One published count. */
    public record Count(String regionCode, CaseIndicator indicator, Long count, boolean suppressed,
                        boolean synthetic) {
    }

    private record Key(CaseIndicator indicator, String kabkota, int year, String version) {
    }

    private final JdbcClient jdbc;
    private final int threshold;
    private final Map<Key, Lattice> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Lattice> eldest) {
            return size() > 64;
        }
    };

    private record Lattice(CellTable table, SuppressionResult published, boolean synthetic) {
    }

    CaseCounts(JdbcClient jdbc, @Value("${atlas.privacy.small-cell-threshold:5}") int threshold) {
        this.jdbc = jdbc;
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /**
     * Everyone who knows part of the lattice exactly: each lurah (a kelurahan), camat (a kecamatan), puskesmas (its
     * wilayah kerja) and kader (the RWs of the posyandu). The suppression keeps every count outside an insider's
     * scope undetermined even for that insider. Shared with the per-RW indicators, which suppress the same way.
     */
    public List<InsiderScope> insiders(String kabkota, Hierarchy areas) {
        List<InsiderScope> scopes = new ArrayList<>();
        jdbc.sql("""
                        SELECT code FROM regions WHERE kabkota_code = :k AND level IN ('KECAMATAN', 'KELURAHAN')
                         ORDER BY code""")
                .param("k", kabkota).query(String.class).list().stream()
                .filter(areas::contains).forEach(code -> scopes.add(InsiderScope.of(code)));
        jdbc.sql("""
                        SELECT f.code, array_agg(c.region_code ORDER BY c.region_code) AS areas
                          FROM facilities f JOIN facility_catchments c ON c.facility_id = f.id
                         WHERE f.kabkota_code = :k AND f.active AND f.type IN ('PUSKESMAS', 'POSYANDU')
                         GROUP BY f.code ORDER BY f.code""")
                .param("k", kabkota).query((rs, n) -> {
                    List<String> known = Stream.of((String[]) rs.getArray("areas").getArray())
                            .filter(areas::contains).toList();
                    if (!known.isEmpty()) {
                        scopes.add(new InsiderScope(rs.getString("code"), Set.copyOf(known)));
                    }
                    return null;
                }).list();
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
    public List<Count> counts(Caller caller, String regionCode, int year, Integer quarter, Integer month,
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
        String version = version();
        List<Count> result = new ArrayList<>();
        for (CaseIndicator indicator : indicators) {
            Lattice lattice = lattice(new Key(indicator, kabkota, year, version));
            Hierarchy areas = lattice.table().areas();
            if (!areas.contains(region.dotted())) {
                throw new InvalidArgumentException("regionCode", "unknown region " + region.dotted());
            }
            List<String> keys = new ArrayList<>();
            keys.add(region.dotted());
            keys.addAll(areas.children(region.dotted()));
            for (String area : keys) {
                boolean exact = AccessPolicy.CASE_ACCESS.contains(caller.role())
                        && caller.covers(area.endsWith(Hierarchies.UNASSIGNED_SUFFIX)
                        ? area.substring(0, area.length() - Hierarchies.UNASSIGNED_SUFFIX.length()) : area);
                if (exact) {
                    result.add(new Count(area, indicator, lattice.table().count(area, period), false,
                            lattice.synthetic()));
                } else {
                    OptionalLong published = lattice.published().published(area, period);
                    result.add(new Count(area, indicator, published.isPresent() ? published.getAsLong() : null,
                            published.isEmpty(), lattice.synthetic()));
                }
            }
        }
        return result;
    }

    /**
     * The published lattice (the aggregate-only view, as {@code caseCounts} serves it) of one indicator, kab/kota and
     * year, so that other publications of the same counts (the per-RW indicators) show exactly the same cells.
     */
    public SuppressionResult published(CaseIndicator indicator, String kabkota, int year) {
        return lattice(new Key(indicator, kabkota, year, version())).published();
    }

    /** Changes whenever an import commits a batch, so a cached lattice is never stale. */
    private String version() {
        return jdbc.sql("SELECT coalesce(max(id), 0) || ':' || coalesce(sum(rows_inserted + rows_updated + "
                        + "rows_read), 0) FROM import_jobs")
                .query(String.class).single();
    }

    private Lattice lattice(Key key) {
        synchronized (cache) {
            Lattice cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<RegionCode> leaves = jdbc.sql("""
                        SELECT code FROM regions WHERE kabkota_code = :k AND level IN ('RW', 'KELURAHAN')
                         ORDER BY code""")
                .param("k", key.kabkota()).query((rs, n) -> RegionCode.parse(rs.getString(1))).list();
        Hierarchy areas = Hierarchies.areas(RegionCode.parse(key.kabkota()), leaves);
        CellTable.Builder builder = CellTable.builder(areas, Hierarchies.periods(key.year()));
        CaseIndicator indicator = key.indicator();
        boolean[] synthetic = {false};
        jdbc.sql("""
                        SELECT t.region_code AS leaf, extract(month FROM t.%1$s)::int AS month, count(*) AS n,
                               bool_or(t.synthetic) AS synthetic
                          FROM %2$s t JOIN regions r ON r.code = t.region_code AND r.level IN ('RW', 'KELURAHAN')
                         WHERE t.kabkota_code = :k
                           AND t.%1$s >= make_date(:y, 1, 1) AND t.%1$s < make_date(:y + 1, 1, 1) AND (%3$s)
                         GROUP BY 1, 2""".formatted(indicator.dateColumn, indicator.table, indicator.condition))
                .param("k", key.kabkota()).param("y", key.year())
                .query((rs, n) -> {
                    synthetic[0] |= rs.getBoolean("synthetic");
                    return builder.add(Hierarchies.areaLeafKey(RegionCode.parse(rs.getString("leaf"))),
                            Hierarchies.monthKey(YearMonth.of(key.year(), rs.getInt("month"))), rs.getLong("n"));
                })
                .list();
        CellTable table = builder.build();
        SmallCellSuppression suppression = new SmallCellSuppression(threshold, insiders(key.kabkota(), areas));
        Lattice lattice = new Lattice(table, suppression.apply(table), synthetic[0]);
        synchronized (cache) {
            cache.put(key, lattice);
        }
        return lattice;
    }
}
