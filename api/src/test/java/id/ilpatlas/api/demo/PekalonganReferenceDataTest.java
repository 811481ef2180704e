package id.ilpatlas.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The reference data load: once, complete, deterministic. */
class PekalonganReferenceDataTest extends IntegrationTest {

    @Autowired
    PekalonganReferenceData referenceData;

    @Test
    void loadingAgainIsHarmless() {
        List<Map<String, Object>> before = census();
        assertThat(referenceData.isLoaded()).isTrue();
        assertThat(referenceData.ensureLoaded()).isFalse();
        assertThat(census()).isEqualTo(before);
    }

    @Test
    void regeneratingAKelurahanGivesTheSameSyntheticRws() {
        String shapes = "SELECT string_agg(code || md5(ST_AsEWKB(geom)::text) || population, ',' ORDER BY code) "
                + "FROM regions WHERE parent_code = '33.75.01.1002'";
        String before = jdbc.sql(shapes).query(String.class).single();
        referenceData.regenerateSyntheticRws("33.75.01.1002");
        assertThat(jdbc.sql(shapes).query(String.class).single()).isEqualTo(before);
    }

    @Test
    void everyLevelIsPresentWithTheKabkotaDistributionKey() {
        assertThat(census())
                .extracting(row -> row.get("level") + "=" + row.get("n"))
                .contains("PROVINSI=1", "KABKOTA=1", "KECAMATAN=4", "KELURAHAN=27");
        int withoutKey = jdbc.sql("SELECT count(*) FROM regions WHERE level <> 'PROVINSI' AND kabkota_code IS NULL")
                .query(Integer.class)
                .single();
        assertThat(withoutKey).isZero();
    }

    private List<Map<String, Object>> census() {
        return jdbc.sql("""
                SELECT level, count(*) AS n, sum(population) AS people, md5(string_agg(code, ',' ORDER BY code)) AS codes
                  FROM regions GROUP BY level ORDER BY level""").query().listOfRows();
    }
}
