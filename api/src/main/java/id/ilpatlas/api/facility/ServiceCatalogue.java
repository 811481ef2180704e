package id.ilpatlas.api.facility;

import id.ilpatlas.api.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Loads the ILP service catalogue digest ({@code reference/ilp/service_catalogue.csv}) into {@code services}. */
@Component
public class ServiceCatalogue {

    public static final String DATASET = "ilp-service-catalogue";
    public static final String VERSION = "kmk-2015-2023-digest.1";

    private final JdbcClient jdbc;

    ServiceCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Upserts every catalogue row; returns the number of services. Call inside a transaction. */
    public int load() {
        int count = 0;
        try (InputStream in = new ClassPathResource("reference/ilp/service_catalogue.csv").getInputStream()) {
            for (Map<String, String> row : Csv.read(in)) {
                jdbc.sql("""
                        INSERT INTO services (key, name, klaster, segment, at_puskesmas, at_pustu, at_posyandu,
                                              at_home_visit, notes)
                        VALUES (:key, :name, :klaster, :segment, :puskesmas, :pustu, :posyandu, :home, :notes)
                        ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, klaster = EXCLUDED.klaster,
                            segment = EXCLUDED.segment, at_puskesmas = EXCLUDED.at_puskesmas,
                            at_pustu = EXCLUDED.at_pustu, at_posyandu = EXCLUDED.at_posyandu,
                            at_home_visit = EXCLUDED.at_home_visit, notes = EXCLUDED.notes""")
                        .param("key", row.get("service_key"))
                        .param("name", row.get("name_id"))
                        .param("klaster", row.get("klaster"))
                        .param("segment", row.get("segment"))
                        .param("puskesmas", yes(row, "puskesmas"))
                        .param("pustu", yes(row, "pustu"))
                        .param("posyandu", yes(row, "posyandu"))
                        .param("home", yes(row, "kunjungan_rumah"))
                        .param("notes", row.get("notes").isBlank() ? null : row.get("notes"))
                        .update();
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Missing bundled reference/ilp/service_catalogue.csv", e);
        }
        return count;
    }

    private static boolean yes(Map<String, String> row, String column) {
        String value = row.get(column);
        if (!"yes".equals(value) && !"no".equals(value)) {
            throw new IllegalStateException("service_catalogue.csv: " + row.get("service_key") + " has " + column + "='"
                    + value + "', expected yes or no");
        }
        return "yes".equals(value);
    }
}
