package id.ilpatlas.api.road;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo network merges both RTRW road layers of Kota Pekalongan (as loaded on start): the 2017 road layer first,
 * then the roads of the 2018 transport layer it lacks. Both contribute, and where both trace the same road it is
 * there once.
 */
class PekalonganRoadLayersTest extends IntegrationTest {

    private static final String PEKALONGAN = "33.75";

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void bothLayersContributeAndTheRoadsTheyShareAreNotDoubled() throws IOException {
        Map<String, Object> load = jdbc.sql("SELECT * FROM road_network_loads WHERE kabkota_code = :k")
                .param("k", PEKALONGAN)
                .query()
                .singleRow();
        assertThat((String) load.get("source_name"))
                .isEqualTo("pekalongan_jaringan_jalan_2017.geojson + pekalongan_transportasi_rtrw2018.geojson");

        Map<String, Object> perFile =
                jdbc.sql("""
                        SELECT sum(length_meters) FILTER (WHERE source_file = 1) AS first,
                               sum(length_meters) FILTER (WHERE source_file = 2) AS second,
                               sum(length_meters) AS total
                          FROM road_edges WHERE kabkota_code = :k""").param("k", PEKALONGAN).query().singleRow();
        double first = ((Number) perFile.get("first")).doubleValue();
        double second = ((Number) perFile.get("second")).doubleValue();
        // The 2017 layer is ~139.5 km of road (SOURCE.md); of the 2018 layer's 157.5 km of existing roads, 138.5 km
        // coincide with it within 1 cm: what it adds is the rest, ~18.5 km.
        assertThat(first).as("first layer").isBetween(135_000.0, 145_000.0);
        assertThat(second).as("second layer, the roads the first lacks").isBetween(10_000.0, 25_000.0);
        double dropped = ((Number) load.get("duplicate_meters_dropped")).doubleValue();
        assertThat(dropped)
                .as("the second layer's length on roads of the first")
                .isBetween(130_000.0, 145_000.0);

        // Not doubled: hardly any of the second layer's edges lie along an edge of the first (only their ends, where
        // they join it). Measured against the first layer's edges buffered by 2 m, in the layer's UTM zone 49S.
        double alongFirst =
                jdbc.sql("""
                        WITH f AS (SELECT ST_Union(ST_Buffer(ST_Transform(geom, 32749), 2)) AS b
                                     FROM road_edges WHERE kabkota_code = :k AND source_file = 1)
                        SELECT coalesce(sum(ST_Length(ST_Intersection(ST_Transform(e.geom, 32749), f.b))), 0)
                          FROM road_edges e, f WHERE e.kabkota_code = :k AND e.source_file = 2""").param("k", PEKALONGAN).query(Double.class).single();
        assertThat(alongFirst / second)
                .as("share of the second layer's length within 2 m of the first")
                .isLessThan(0.02);

        // Only existing roads: no edge comes from a planned road (STSJRN 3) or a railway of the second layer.
        List<Long> leftOut = new ArrayList<>();
        JsonNode features = jsonMapper
                .readTree(new ClassPathResource("reference/pekalongan/pekalongan_transportasi_rtrw2018.geojson")
                        .getInputStream())
                .get("features");
        for (int i = 0; i < features.size(); i++) {
            JsonNode properties = features.get(i).get("properties");
            if (properties.get("STSJRN").asInt() == 3
                    || !properties.get("NAMOBJ").asString().startsWith("Jalan")) {
                leftOut.add(i + 1L);
            }
        }
        assertThat(leftOut).hasSize(15 + 37 + 14 + 2);
        int fromLeftOut = jdbc.sql("""
                        SELECT count(*) FROM road_edges WHERE kabkota_code = :k AND source_file = 2
                           AND source_feature = ANY(:f)""")
                .param("k", PEKALONGAN)
                .param("f", leftOut.toArray(Long[]::new))
                .query(Integer.class)
                .single();
        assertThat(fromLeftOut).isZero();
        assertThat(((Number) load.get("components")).intValue()).isEqualTo(1);
    }
}
