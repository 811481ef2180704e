package id.ilpatlas.api.road;

import java.util.Locale;

/**
 * Functional road classes (UU 38/2004 on roads: arteri, kolektor, lokal, lingkungan), plus footpaths, as the
 * importer reads them from a layer's class words. The speed of each class depends on how one travels: see
 * {@link TravelMode}, the one home of speeds.
 *
 * <table>
 *   <caption>Source words that select a class</caption>
 *   <tr><th>class</th><th>source words</th></tr>
 *   <tr><td>ARTERI</td><td>"Arteri …" ({@code FUNGSI_JAL}, {@code NAMOBJ}); else Jalan Nasional; OSM
 *       motorway/trunk/primary and their _link</td></tr>
 *   <tr><td>KOLEKTOR</td><td>"Kolektor …"; else Jalan Provinsi; OSM secondary/tertiary and their _link</td></tr>
 *   <tr><td>LOKAL</td><td>"Lokal …"; else Jalan Kota/Kabupaten; OSM residential/unclassified/road; and any road
 *       with no class at all</td></tr>
 *   <tr><td>LINGKUNGAN</td><td>"Lingkungan …"; OSM service/living_street/track</td></tr>
 *   <tr><td>SETAPAK</td><td>"Setapak …"; OSM footway/path/pedestrian/steps/cycleway/bridleway</td></tr>
 * </table>
 */
public enum RoadClass {
    ARTERI,
    KOLEKTOR,
    LOKAL,
    LINGKUNGAN,
    SETAPAK;

    /** Words in a feature's class fields that mean it is not a road (railway, shipping lane): skipped on import. */
    static boolean isNotARoad(String words) {
        String w = normalise(words);
        return w.contains("kereta")
                || w.contains("jalur rel")
                || w.contains("railway")
                || w.contains("pelayaran")
                || w.matches("(^|.*\\s)ka (perkotaan|antarkota).*");
    }

    /** The class named by the functional words ("Arteri Primer", OSM highway values), or null. */
    static RoadClass ofFunction(String words) {
        String w = normalise(words);
        if (w.contains("arteri") || w.matches(".*\\b(motorway|trunk|primary)(_link)?\\b.*")) {
            return ARTERI;
        }
        if (w.contains("kolektor") || w.matches(".*\\b(secondary|tertiary)(_link)?\\b.*")) {
            return KOLEKTOR;
        }
        if (w.contains("setapak") || w.matches(".*\\b(footway|path|pedestrian|steps|cycleway|bridleway)\\b.*")) {
            return SETAPAK;
        }
        if (w.contains("lingkungan") || w.matches(".*\\b(service|living_street|track)\\b.*")) {
            return LINGKUNGAN;
        }
        if (w.contains("lokal") || w.matches(".*\\b(residential|unclassified|road)\\b.*")) {
            return LOKAL;
        }
        return null;
    }

    /**
     * The class of an OpenStreetMap {@code highway} value, exactly as tagged (see the table), or null when the value is
     * not a road one travels along ({@code proposed}, {@code construction}, {@code platform}, {@code corridor} …) or
     * unknown: such ways are skipped on import ({@link OsmTags#skipReason}).
     */
    static RoadClass ofOsmHighway(String highway) {
        if (highway == null) {
            return null;
        }
        return switch (normalise(highway)) {
            case "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link" -> ARTERI;
            case "secondary", "secondary_link", "tertiary", "tertiary_link" -> KOLEKTOR;
            case "unclassified", "residential", "road" -> LOKAL;
            case "living_street", "service", "track" -> LINGKUNGAN;
            case "footway", "path", "pedestrian", "steps", "cycleway", "bridleway" -> SETAPAK;
            default -> null;
        };
    }

    /** The class implied by the road's status ("Jalan Nasional" …), or null. */
    static RoadClass ofStatus(String words) {
        String w = normalise(words);
        if (w.contains("nasional")) {
            return ARTERI;
        }
        if (w.contains("provinsi")) {
            return KOLEKTOR;
        }
        if (w.contains("kota") || w.contains("kabupaten")) {
            return LOKAL;
        }
        return null;
    }

    private static String normalise(String words) {
        return words == null ? "" : words.toLowerCase(Locale.ROOT).trim();
    }
}
