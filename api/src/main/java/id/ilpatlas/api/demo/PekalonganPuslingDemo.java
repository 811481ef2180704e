package id.ilpatlas.api.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's Pusling units (issue 16), loaded once after the Pekalongan registry: every active puskesmas of Kota
 * Pekalongan runs a Pusling car (team of 4) and a motorbike team (2); a general clinic of the survey, Poliklinik Al
 * Afiyah ({@link #PARTNER_CLINIC}), as a partner clinic, runs an ambulance (team of 3). All marked synthetic: no public
 * list of Pusling vehicles exists.
 */
@Component
@ConditionalOnProperty(name = "atlas.reference-data.load-on-start", havingValue = "true")
@Order(2)
class PekalonganPuslingDemo implements ApplicationRunner {

    static final String DATASET = "pekalongan-pusling-units";
    static final String VERSION = "2026-12-07.2";
    /**
     * The partner clinic with the ambulance: a general polyclinic (not the first clinic by code, a skin-care clinic,
     * which no Dinkes would send on outreach).
     */
    static final String PARTNER_CLINIC = "KLN-3375-POLIKLINIK-AL-AFIYAH";

    private static final Logger log = LoggerFactory.getLogger(PekalonganPuslingDemo.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PekalonganPuslingDemo(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Runs only when {@code atlas.reference-data.load-on-start} is true (the bean exists only then). */
    @Override
    public void run(ApplicationArguments args) {
        ensureLoaded();
    }

    /** Loads the units once the registry is there; harmless when already loaded. */
    void ensureLoaded() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('reference_data_loads'))")
                    .query()
                    .singleRow();
            boolean registry = jdbc.sql("SELECT count(*) FROM reference_data_loads WHERE dataset = :d")
                            .param("d", PekalonganRegistryDemo.DATASET)
                            .query(Integer.class)
                            .single()
                    > 0;
            boolean loaded = jdbc.sql("SELECT count(*) FROM reference_data_loads WHERE dataset = :d")
                            .param("d", DATASET)
                            .query(Integer.class)
                            .single()
                    > 0;
            if (!registry || loaded) {
                return;
            }
            int puskesmas = jdbc.sql("""
                    INSERT INTO pusling_units (kabkota_code, code, facility_id, name, vehicle_kind, team_size,
                                               synthetic)
                    SELECT f.kabkota_code, 'PUSLING-' || substr(f.code, 5) || '-' || u.n, f.id,
                           CASE u.n WHEN 1 THEN 'Pusling ' ELSE 'Pusling Roda Dua ' END
                               || regexp_replace(f.name, '^Puskesmas ', ''),
                           CASE u.n WHEN 1 THEN 'MOBIL_PUSLING' ELSE 'MOTOR' END,
                           CASE u.n WHEN 1 THEN 4 ELSE 2 END, true
                      FROM facilities f CROSS JOIN (VALUES (1), (2)) AS u (n)
                     WHERE f.type = 'PUSKESMAS' AND f.active AND f.kabkota_code = '33.75'
                     ORDER BY f.code, u.n""").update();
            int clinic = jdbc.sql("""
                    INSERT INTO pusling_units (kabkota_code, code, facility_id, name, vehicle_kind, team_size,
                                               synthetic)
                    SELECT f.kabkota_code, 'PUSLING-' || substr(f.code, 5) || '-1', f.id,
                           'Ambulans Pusling ' || f.name, 'AMBULANS', 3, true
                      FROM facilities f
                     WHERE f.code = :clinic AND f.type = 'KLINIK' AND f.active""").param("clinic", PARTNER_CLINIC).update();
            String summary = puskesmas + " puskesmas units, " + clinic + " partner clinic unit (synthetic)";
            jdbc.sql("INSERT INTO reference_data_loads (dataset, version, summary) VALUES (:d, :v, :s)")
                    .param("d", DATASET)
                    .param("v", VERSION)
                    .param("s", summary)
                    .update();
            log.info("Loaded reference data {} {}: {}", DATASET, VERSION, summary);
        });
    }
}
