package id.ilpatlas.api.tiles;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MapLibre style fragments (style spec v8: {@code sources} + {@code layers}) for the tile layers; a map page merges
 * them into its own style. The tile URL carries the request's period/indicator parameters. Grey means "suppressed"
 * (fewer than 5 people, or a complementary cell): never "zero".
 */
final class MapStyles {

    private static final Set<String> PASSED_ON =
            Set.of("year", "month", "quarter", "indicator", "measure", "method", "classes", "kabkota");

    private MapStyles() {}

    static Map<String, Object> style(String layer, String base, Map<String, String> query) {
        String params = query.entrySet().stream()
                .filter(e -> PASSED_ON.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .sorted()
                .collect(Collectors.joining("&"));
        String url = base + "/tiles/" + layer + "/{z}/{x}/{y}.mvt" + (params.isEmpty() ? "" : "?" + params);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "vector");
        source.put("tiles", List.of(url));
        source.put("minzoom", 8);
        source.put("maxzoom", 16);
        List<Map<String, Object>> layers;
        String doc;
        switch (layer) {
            case "rw-indicators" -> {
                source.put("attribution", "ILP Atlas; RW boundaries and case data of the demo are synthetic");
                doc = "One polygon per RW (source-layer rw_indicators): code, name, period, exact, numeric indicators "
                        + "as the caller may see them (absent when suppressed; 'suppressed' lists the suppressed "
                        + "fields), kleopatra_stunting / kleopatra_tb / kleopatra_extreme_poverty (thresholds 0.2 / 300 per "
                        + "100k / 0.02; absent when unknown) and kleopatra_criteria (0-3; absent when any criterion "
                        + "is unknown).";
                layers = List.of(
                        Map.of(
                                "id",
                                "rw-indicators-fill",
                                "type",
                                "fill",
                                "source",
                                layer,
                                "source-layer",
                                "rw_indicators",
                                "paint",
                                Map.of(
                                        "fill-opacity",
                                        0.7,
                                        "fill-color",
                                        List.of(
                                                "case",
                                                List.of("has", "stunting_prevalence"),
                                                List.of(
                                                        "interpolate",
                                                        List.of("linear"),
                                                        List.of("get", "stunting_prevalence"),
                                                        0,
                                                        "#ffffcc",
                                                        0.1,
                                                        "#fed976",
                                                        0.2,
                                                        "#fd8d3c",
                                                        0.3,
                                                        "#e31a1c",
                                                        0.4,
                                                        "#800026"),
                                                "#bdbdbd"))),
                        Map.of(
                                "id",
                                "rw-indicators-line",
                                "type",
                                "line",
                                "source",
                                layer,
                                "source-layer",
                                "rw_indicators",
                                "paint",
                                Map.of("line-color", "#636363", "line-width", 0.5)));
            }
            case "facilities" -> {
                doc = "Active facilities of the registry (source-layer facilities): code, name, type. Public.";
                layers = List.of(Map.of(
                        "id",
                        "facilities-circle",
                        "type",
                        "circle",
                        "source",
                        layer,
                        "source-layer",
                        "facilities",
                        "paint",
                        Map.of(
                                "circle-radius",
                                List.of("match", List.of("get", "type"), "PUSKESMAS", 6, "PUSTU", 4, 3),
                                "circle-color",
                                List.of(
                                        "match",
                                        List.of("get", "type"),
                                        "PUSKESMAS",
                                        "#08519c",
                                        "PUSTU",
                                        "#3182bd",
                                        "POSYANDU",
                                        "#6baed6",
                                        "#969696"),
                                "circle-stroke-color",
                                "#ffffff",
                                "circle-stroke-width",
                                1)));
            }
            case "hex-heat" -> {
                source.put("attribution", "ILP Atlas; demo case data are synthetic");
                doc = "Hex-bin heat of geocoded case points (source-layer hex_heat): hex (size:i:j), kabkota, "
                        + "resolution (hex edge in metres: 1000 up to z12, 500 at z13-14, 250 from z15; public callers "
                        + "always 1000), period, measure (COUNT, or RATE: STUNTED per child-month measured, "
                        + "LOW_BIRTH_WEIGHT_BIRTHS per birth weighed; none for TB), count, denominator, rate, value "
                        + "(the measure), class and color (from the server's class breaks over the kab/kota's hexes: "
                        + "the legend is GraphQL hexHeatLayer, or this style's metadata ilpatlas:legends when asked "
                        + "with kabkota=), suppressed, exact. Only geocoded records are in a hex: ilpatlas:geocodedShare "
                        + "says which share of the records that is. Callers without exact aggregates (case access or the planner) get 1000 m hexes per "
                        + "calendar year only, counts and denominators of 1-4 suppressed and others rounded to a "
                        + "multiple of 5, so hex and RW figures cannot be differenced into a suppressed count; months "
                        + "and exact counts are only for the part of a hex inside the scope of a caller with case access "
                        + "or of the planner.";
                layers = List.of(Map.of(
                        "id",
                        "hex-heat-fill",
                        "type",
                        "fill",
                        "source",
                        layer,
                        "source-layer",
                        "hex_heat",
                        "paint",
                        Map.of(
                                "fill-opacity",
                                0.6,
                                "fill-outline-color",
                                "#ffffff",
                                "fill-color",
                                List.of(
                                        "case",
                                        List.of("has", "color"),
                                        List.of("get", "color"),
                                        HexHeat.SUPPRESSED_COLOR))));
            }
            default ->
                throw new InvalidArgumentException(
                        "layer", "must be rw-indicators, facilities or hex-heat, was " + layer);
        }
        Map<String, Object> style = new LinkedHashMap<>();
        style.put("version", 8);
        style.put("metadata", Map.of("ilpatlas:layer", layer, "ilpatlas:doc", doc));
        style.put("sources", Map.of(layer, source));
        style.put("layers", layers);
        return style;
    }
}
