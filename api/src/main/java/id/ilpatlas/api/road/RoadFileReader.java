package id.ilpatlas.api.road;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reading half of a road import: turns road files into {@link RoadLayer}s (the road lines of each file, with the
 * features rejected by number and the features skipped), touching no database. GeoJSON by content
 * ({@link GeoJsonRoadReader}), {@code *.pbf} as OpenStreetMap PBF ({@link OsmPbfRoadReader}). A file that cannot be
 * read at all becomes a layer with an error, named by the file; {@link RoadNetworkImporter} then stops the import. The
 * building half is {@link RoadGraphBuilder}.
 */
@Component
class RoadFileReader {

    private final GeoJsonRoadReader geoJson;

    RoadFileReader(JsonMapper jsonMapper) {
        this.geoJson = new GeoJsonRoadReader(jsonMapper);
    }

    /** One GeoJSON FeatureCollection from a stream named {@code sourceName} (the stream is not closed). */
    RoadLayer readGeoJson(InputStream in, String sourceName) {
        return geoJson.read(in, sourceName);
    }

    /** Files in order: GeoJSON files by content (up to {@link GeoJsonRoadReader#MAX_BYTES}), {@code *.pbf} as OSM PBF. */
    List<RoadLayer> readFiles(List<Path> files) {
        List<RoadLayer> layers = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (OsmPbfRoadReader.isPbf(name)) {
                layers.add(OsmPbfRoadReader.read(file));
                continue;
            }
            try {
                if (Files.size(file) > GeoJsonRoadReader.MAX_BYTES) {
                    layers.add(RoadLayer.failed(
                            name,
                            "GeoJSON",
                            String.format(
                                    Locale.ROOT,
                                    "is %.0f MiB, more than the %d MiB limit for the roads of one kab/kota: cut it to the "
                                            + "kab/kota first (README)",
                                    Files.size(file) / 1048576.0,
                                    GeoJsonRoadReader.MAX_BYTES / (1024 * 1024))));
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    layers.add(geoJson.read(in, name));
                }
            } catch (IOException e) {
                layers.add(RoadLayer.failed(name, "GeoJSON", "cannot be read (" + e.getMessage() + ")"));
            }
        }
        return layers;
    }
}
