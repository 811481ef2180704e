package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.importing.CaseImportFinished;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code rw_indicator_summaries} fresh: rebuilds a kab/kota's summaries (every month, quarter and year of every
 * year its registers have data in) in one transaction. Called by the importer when a job finishes ({@link
 * #afterImport}); readers call {@link #ensureFresh} first, which rebuilds synchronously when an import job of the
 * kab/kota finished after the last rebuild began, so figures are never stale once an import has completed, even if
 * the importer's own call has not run yet. Rebuilds of one kab/kota are serialized by an advisory lock. The hex-bin
 * heat of the case points ({@code hex_heat} and {@code hex_heat_totals}, V11 and V29) is rebuilt in the same
 * transaction.
 */
@Service
public class IndicatorRefresh {

    private static final Logger log = LoggerFactory.getLogger(IndicatorRefresh.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IndicatorRefresh(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Listens to the case importer: when a job's closing bookkeeping ran, rebuilds the kab/kotas it may have touched
     * before the import call returns (synchronously, in the importing thread; first of the listeners, so the import
     * metrics' duration includes it as before).
     */
    @EventListener
    @Order(0)
    void onImportFinished(CaseImportFinished event) {
        if (event.completed()) {
            afterImport(event.jobId());
        }
    }

    /** After an import job finished: rebuilds the kab/kotas it may have touched. Never throws (logs instead). */
    public void afterImport(long jobId) {
        try {
            for (String kabkota : kabkotasOf(jobId)) {
                refresh(kabkota);
            }
        } catch (RuntimeException e) {
            log.error("refreshing the RW indicators after import job {} failed; readers will rebuild them", jobId, e);
        }
    }

    /** The job's kab/kota; for a job of no single kab/kota, every kab/kota of its scope (or with register data). */
    private List<String> kabkotasOf(long jobId) {
        return jdbc.sql("""
                        SELECT DISTINCT k FROM (
                            SELECT j.kabkota_code AS k FROM import_jobs j WHERE j.id = :id AND j.kabkota_code IS NOT NULL
                            UNION ALL
                            SELECT substring(s FROM '^[0-9]{2}\\.[0-9]{2}') FROM import_jobs j, unnest(j.scope) s
                             WHERE j.id = :id AND j.kabkota_code IS NULL
                            UNION ALL
                            SELECT r.code FROM regions r, import_jobs j
                             WHERE j.id = :id AND j.kabkota_code IS NULL AND r.level = 'KABKOTA'
                               AND (cardinality(j.scope) = 0 OR EXISTS (SELECT 1 FROM unnest(j.scope) s
                                                                         WHERE r.code LIKE s || '.%'))) t
                         WHERE k IS NOT NULL ORDER BY k""").param("id", jobId).query(String.class).list();
    }

    /**
     * The fresh version of the kab/kota {@code k.code}, as a scalar subquery: the refresh's finish time when no import
     * of the kab/kota finished and none of its regions changed (an RW layer import moves cases between leaves) since
     * it began, else null.
     */
    private static final String FRESH_VERSION = """
            (SELECT r.finished_at::text FROM rw_indicator_refreshes r
              WHERE r.kabkota_code = k.code
                AND NOT EXISTS (SELECT 1 FROM import_jobs j WHERE j.finished_at >= r.refreshed_from
                                   AND (j.kabkota_code = k.code OR j.kabkota_code IS NULL))
                AND NOT EXISTS (SELECT 1 FROM regions g WHERE g.kabkota_code = k.code
                                   AND g.updated_at >= r.refreshed_from))""";

    /** Rebuilds the kab/kota now unless it is fresh; returns the version of the summaries to read. */
    public String ensureFresh(String kabkota) {
        String version = freshVersion(kabkota);
        if (version != null) {
            return version;
        }
        refresh(kabkota);
        version = freshVersion(kabkota);
        return version != null ? version : currentVersion(kabkota);
    }

    /**
     * {@link #ensureFresh} for every kab/kota a query selects ({@code kabkotas}: a SELECT whose column {@code code}
     * is a kab/kota code, with named parameters {@code params}): their codes in order with the version of each, in one
     * round trip when they are all fresh (the vector tiles ask this per tile).
     */
    public Map<String, String> ensureFresh(String kabkotas, Map<String, ?> params) {
        Map<String, String> versions = new LinkedHashMap<>();
        jdbc.sql("SELECT k.code, " + FRESH_VERSION + " AS version FROM (" + kabkotas + ") k ORDER BY k.code")
                .params(params)
                .query((rs, n) -> versions.put(rs.getString(1), rs.getString(2)))
                .list();
        versions.replaceAll((kabkota, version) -> version != null ? version : ensureFresh(kabkota));
        return versions;
    }

    /** The fresh version of a kab/kota ({@link #FRESH_VERSION}), else null. */
    private String freshVersion(String kabkota) {
        List<String> version = jdbc.sql("SELECT " + FRESH_VERSION + " FROM (SELECT CAST(:k AS text) AS code) k")
                .param("k", kabkota)
                .query(String.class)
                .list();
        return version.isEmpty() ? null : version.get(0);
    }

    private String currentVersion(String kabkota) {
        return jdbc.sql(
                        "SELECT coalesce(max(finished_at)::text, '') FROM rw_indicator_refreshes WHERE kabkota_code = :k")
                .param("k", kabkota)
                .query(String.class)
                .single();
    }

    /** The calendar years a refresh covers. */
    public List<Integer> years(String kabkota) {
        return jdbc.sql("SELECT coalesce(years, '{}') FROM rw_indicator_refreshes WHERE kabkota_code = :k")
                .param("k", kabkota)
                .query((rs, n) -> List.of((Integer[]) rs.getArray(1).getArray()))
                .optional()
                .orElse(List.of());
    }

    /** Rebuilds every summary of a kab/kota in one transaction; returns the time it took in milliseconds. */
    public long refresh(String kabkota) {
        long started = System.nanoTime();
        Integer rows = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('rw_indicators:' || :k))")
                    .param("k", kabkota)
                    .query((rs, n) -> null)
                    .list();
            List<Integer> years =
                    jdbc.sql("""
                            WITH d(day) AS (
                                SELECT min(measured_on) FROM growth_measurements WHERE kabkota_code = :k
                                UNION ALL SELECT max(measured_on) FROM growth_measurements WHERE kabkota_code = :k
                                UNION ALL SELECT min(diagnosed_on) FROM tb_cases WHERE kabkota_code = :k
                                UNION ALL SELECT max(diagnosed_on) FROM tb_cases WHERE kabkota_code = :k
                                UNION ALL SELECT min(as_of) FROM poverty_households WHERE kabkota_code = :k
                                UNION ALL SELECT max(as_of) FROM poverty_households WHERE kabkota_code = :k
                                UNION ALL SELECT min(least(last_menstrual_period, delivered_on, maternal_death_on,
                                                           infant_death_on)) FROM pregnancies WHERE kabkota_code = :k
                                UNION ALL SELECT max(greatest(estimated_due_date, delivered_on + 365, maternal_death_on,
                                                              infant_death_on)) FROM pregnancies WHERE kabkota_code = :k)
                            SELECT y FROM generate_series((SELECT extract(year FROM min(day))::int FROM d),
                                                          (SELECT extract(year FROM max(day))::int FROM d)) y
                             WHERE y BETWEEN 2000 AND 2100 ORDER BY y""").param("k", kabkota).query(Integer.class).list();
            jdbc.sql("DELETE FROM rw_indicator_summaries WHERE kabkota_code = :k")
                    .param("k", kabkota)
                    .update();
            int inserted = jdbc.sql("""
                            WITH periods(key, d_from, d_to) AS (
                                SELECT y::text, make_date(y, 1, 1), make_date(y, 12, 31) FROM unnest(CAST(:years AS int[])) y
                                UNION ALL
                                SELECT y || '-Q' || q, make_date(y, 3 * q - 2, 1),
                                       (make_date(y, 3 * q - 2, 1) + interval '3 months' - interval '1 day')::date
                                  FROM unnest(CAST(:years AS int[])) y, generate_series(1, 4) q
                                UNION ALL
                                SELECT y || '-' || lpad(m::text, 2, '0'), make_date(y, m, 1),
                                       (make_date(y, m, 1) + interval '1 month' - interval '1 day')::date
                                  FROM unnest(CAST(:years AS int[])) y, generate_series(1, 12) m)
                            INSERT INTO rw_indicator_summaries
                                   (kabkota_code, period_key, leaf_code, children_measured, children_stunted,
                                    children_severely_stunted, children_wasted, children_underweight, tb_notified,
                                    tb_with_outcome, tb_success, extreme_poor_households, births,
                                    low_birth_weight_births, low_birth_weight_overdue, high_risk_pregnancies,
                                    maternal_deaths, infant_deaths, balita_eligible, synthetic)
                            SELECT :k, p.key, c.leaf_code, c.children_measured, c.children_stunted,
                                   c.children_severely_stunted, c.children_wasted, c.children_underweight,
                                   c.tb_notified, c.tb_with_outcome, c.tb_success, c.extreme_poor_households, c.births,
                                   c.low_birth_weight_births, c.low_birth_weight_overdue, c.high_risk_pregnancies,
                                   c.maternal_deaths, c.infant_deaths, c.balita_eligible, c.synthetic
                              FROM periods p CROSS JOIN LATERAL rw_indicator_counts(:k, p.d_from, p.d_to) c""")
                    .param("k", kabkota)
                    .param("years", arrayLiteral(years))
                    .update();
            // The hex-bin heat of the case points (tiles/HexHeatTiles) is rebuilt with the summaries it goes with.
            jdbc.sql("SELECT refresh_hex_heat(:k)")
                    .param("k", kabkota)
                    .query(Integer.class)
                    .single();
            jdbc.sql("""
                            INSERT INTO rw_indicator_refreshes (kabkota_code, refreshed_from, finished_at, duration_ms,
                                                                years, leaf_rows)
                            VALUES (:k, now(), clock_timestamp(), :ms, CAST(:years AS int[]), :rows)
                            ON CONFLICT (kabkota_code) DO UPDATE SET refreshed_from = excluded.refreshed_from,
                                   finished_at = excluded.finished_at, duration_ms = excluded.duration_ms,
                                   years = excluded.years, leaf_rows = excluded.leaf_rows""")
                    .param("k", kabkota)
                    .param("ms", (int) ((System.nanoTime() - started) / 1_000_000))
                    .param("years", arrayLiteral(years))
                    .param("rows", inserted)
                    .update();
            return inserted;
        });
        long ms = (System.nanoTime() - started) / 1_000_000;
        log.info("RW indicators of {} refreshed: {} summary rows in {} ms", kabkota, rows, ms);
        return ms;
    }

    private static String arrayLiteral(List<Integer> years) {
        return years.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
