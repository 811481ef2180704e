package id.ilpatlas.geo.classify;

import java.util.List;

/**
 * Sequential colour ramps for choropleths, light (low values) to dark (high values), as hex {@code #rrggbb}.
 *
 * <p>The colours are ColorBrewer's sequential <em>YlOrRd</em> scheme (Cynthia Brewer, colorbrewer2.org,
 * Apache-2.0 licensed colour specifications) for 3 to 9 classes, chosen there to stay distinguishable
 * in print and for most colour-vision deficiencies. 1 and 2 classes use the ends of the 3-class ramp.
 */
public final class ColorRamp {

    /** The largest number of classes a ramp has colours for. */
    public static final int MAX_CLASSES = 9;

    private static final List<List<String>> YL_OR_RD = List.of(
            List.of("#ffeda0", "#feb24c", "#f03b20"),
            List.of("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
            List.of("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
            List.of("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
            List.of("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
            List.of("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
            List.of("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"));

    private ColorRamp() {}

    /**
     * The YlOrRd ramp with {@code classes} colours.
     *
     * @param classes 0..{@link #MAX_CLASSES}
     * @return the colours, lightest first; empty for 0 classes
     * @throws IllegalArgumentException if {@code classes} is out of range
     */
    public static List<String> sequential(int classes) {
        if (classes < 0 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be 0.." + MAX_CLASSES + ", got " + classes);
        }
        return switch (classes) {
            case 0 -> List.of();
            case 1 -> List.of(YL_OR_RD.get(0).get(2));
            case 2 -> List.of(YL_OR_RD.get(0).get(0), YL_OR_RD.get(0).get(2));
            default -> YL_OR_RD.get(classes - 3);
        };
    }
}
