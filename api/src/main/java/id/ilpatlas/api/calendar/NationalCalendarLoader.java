package id.ilpatlas.api.calendar;

import id.ilpatlas.api.Csv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the national days off (LIBUR_NASIONAL, CUTI_BERSAMA of the SKB 3 Menteri) on start: the shipped
 * {@code reference/calendar/id_holidays_2026_2027.csv}, then, when {@code atlas.calendar.file} names one, a newer CSV of
 * the same columns (an amended decree, a new year). Loading a CSV replaces the national rows of every year it holds and
 * leaves the other years and every kab/kota's own days off alone. Idempotent: the SHA-256 of what was loaded is kept
 * in {@code reference_data_loads} (dataset {@value #DATASET}); the same files load once.
 */
@Component
@Order(1)
public class NationalCalendarLoader implements ApplicationRunner {

    static final String DATASET = "id-national-days-off";
    static final String SHIPPED = "reference/calendar/id_holidays_2026_2027.csv";
    private static final Set<String> KINDS = Set.of("LIBUR_NASIONAL", "CUTI_BERSAMA");
    private static final Logger log = LoggerFactory.getLogger(NationalCalendarLoader.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String file;

    NationalCalendarLoader(
            JdbcClient jdbc, TransactionTemplate transactions, @Value("${atlas.calendar.file:}") String file) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.file = file;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureLoaded();
    }

    /** Loads the shipped CSV and {@code atlas.calendar.file} unless exactly these were loaded last. */
    public void ensureLoaded() {
        byte[] shipped = read(SHIPPED);
        byte[] amended = file == null || file.isBlank() ? new byte[0] : readFile(Path.of(file));
        String version = sha256(shipped) + (amended.length == 0 ? "" : "+" + sha256(amended));
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('calendar_days_off'))")
                    .query()
                    .singleRow();
            List<String> loaded = jdbc.sql("SELECT version FROM reference_data_loads WHERE dataset = :d")
                    .param("d", DATASET)
                    .query(String.class)
                    .list();
            if (loaded.contains(version)) {
                return;
            }
            String summary = load(new ByteArrayInputStream(shipped), SHIPPED);
            if (amended.length > 0) {
                summary += "; " + load(new ByteArrayInputStream(amended), file);
            }
            jdbc.sql("""
                            INSERT INTO reference_data_loads (dataset, version, summary) VALUES (:d, :v, :s)
                            ON CONFLICT (dataset) DO UPDATE SET version = EXCLUDED.version, summary = EXCLUDED.summary,
                                loaded_at = now()""")
                    .param("d", DATASET)
                    .param("v", version)
                    .param("s", summary)
                    .update();
            log.info("Loaded the national days off: {}", summary);
        });
    }

    /**
     * Replaces the national days off of every year the CSV holds with its rows (columns {@code date, kind, name_id,
     * source}; {@code name_en} is ignored). Call inside a transaction; a bad row stops the load, naming its line.
     *
     * @return a summary, e.g. {@code "51 days off of 2026, 2027 from ..."}
     */
    public String load(InputStream csv, String label) {
        List<Map<String, String>> rows = Csv.read(csv);
        Set<Integer> years = new TreeSet<>();
        Set<LocalDate> dates = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String where = label + " line " + (i + 2);
            LocalDate date;
            try {
                date = LocalDate.parse(String.valueOf(row.get("date")));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": date must be yyyy-MM-dd, got " + row.get("date"));
            }
            if (!KINDS.contains(row.get("kind"))) {
                throw new IllegalArgumentException(
                        where + ": kind must be LIBUR_NASIONAL or CUTI_BERSAMA, got " + row.get("kind"));
            }
            if (blank(row.get("name_id")) || blank(row.get("source"))) {
                throw new IllegalArgumentException(where + ": name_id and source must not be empty");
            }
            if (!dates.add(date)) {
                throw new IllegalArgumentException(where + ": " + date + " is listed twice");
            }
            years.add(date.getYear());
        }
        jdbc.sql("DELETE FROM calendar_days_off WHERE kabkota_code IS NULL AND extract(year FROM date) = ANY(:y)")
                .param("y", years.toArray(Integer[]::new))
                .update();
        for (Map<String, String> row : rows) {
            jdbc.sql("""
                            INSERT INTO calendar_days_off (kabkota_code, date, kind, name, source, created_by)
                            VALUES (NULL, :date, :kind, :name, :source, 'reference-data')""")
                    .param("date", LocalDate.parse(row.get("date")))
                    .param("kind", row.get("kind"))
                    .param("name", row.get("name_id").strip())
                    .param("source", row.get("source").strip())
                    .update();
        }
        return String.format(Locale.ROOT, "%d days off of %s from %s", rows.size(), years, label);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static byte[] read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Missing bundled " + resource, e);
        }
    }

    private static byte[] readFile(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("atlas.calendar.file " + path + " cannot be read", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
