package id.ilpatlas.api.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.region.RwImportReport;
import id.ilpatlas.api.region.RwImporter;
import id.ilpatlas.api.road.RoadNetworkImporter;
import id.ilpatlas.api.road.RoadNetworkReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GeoJSON is read in one place ({@link GeoJsonFeatureReader}): the road importer and the RW importer answer a file that
 * is not a FeatureCollection with the same words, whatever comes wrong and wherever in the file (also after some
 * features were read), and import nothing.
 */
class GeoJsonInputTest extends IntegrationTest {

    @Autowired
    RoadNetworkImporter roads;

    @Autowired
    RwImporter rws;

    /** Each input and the start of the answer both importers give (after the file name). */
    private static Map<String, String> badFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("not json", "not valid JSON (");
        files.put("", GeoJsonFeatureReader.NOT_A_FEATURE_COLLECTION);
        files.put("[]", GeoJsonFeatureReader.NOT_A_FEATURE_COLLECTION);
        files.put("{\"type\": \"Feature\"}", GeoJsonFeatureReader.NOT_A_FEATURE_COLLECTION);
        files.put("{\"type\": \"FeatureCollection\", \"features\": {}}", GeoJsonFeatureReader.NOT_A_FEATURE_COLLECTION);
        files.put("{\"features\": [], \"type\": \"Topology\"}", GeoJsonFeatureReader.NOT_A_FEATURE_COLLECTION);
        files.put("{\"version\": 0.6, \"elements\": []}", GeoJsonFeatureReader.OVERPASS_JSON);
        // Broken after a whole feature was handed over: still one error, nothing kept.
        files.put(
                "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}, "
                        + "\"geometry\": {\"type\": \"LineString\", \"coordinates\": [[110.5, -7.5], [110.6, -7.5]]}}, {\"ty",
                "not valid JSON (");
        return files;
    }

    @Test
    void bothImportersRefuseAFileThatIsNotAFeatureCollectionWithTheSameWords() {
        badFiles().forEach((content, expected) -> {
            RoadNetworkReport road = roads.importGeoJson(stream(content), "bad.geojson", null);
            RwImportReport rw = rws.importGeoJson(stream(content), "bad.geojson");
            String what = "input <" + content + ">";
            assertThat(road.error()).as(what).startsWith("bad.geojson: " + expected);
            assertThat(rw.errors()).as(what).containsExactly(road.error());
        });
    }

    private static ByteArrayInputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
