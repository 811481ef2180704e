package id.ilpatlas.api.region;

import java.util.List;
import java.util.Locale;

/**
 * How an RW layer is imported: {@code ./atlas import rw FILE [--mode clip|adopt] [--outside-tolerance 10%]
 * [--min-area-m2 100] [--partial] [--assign-by overlap|attribute]}.
 *
 * @param mode                 {@link Mode#CLIP} (default) or {@link Mode#ADOPT}
 * @param outsideTolerance     CLIP: share of a feature's area that may lie outside the kelurahan it is assigned to
 *                             (cut off and reported); beyond it the feature is rejected. 0..1, default 0.10
 * @param minAreaSquareMeters  polygons and features smaller than this are slivers: dropped and reported (default 100)
 * @param partial              import the valid RWs of a kelurahan that also has rejected ones (default: such a
 *                             kelurahan keeps its current RWs)
 * @param assignBy             {@link AssignBy#OVERLAP} (default): each feature goes to the kelurahan holding most of its
 *                             area; {@link AssignBy#ATTRIBUTE}: to the kelurahan its code/name attribute names, by
 *                             overlap when it names none
 */
public record RwImportOptions(
        Mode mode, double outsideTolerance, double minAreaSquareMeters, boolean partial, AssignBy assignBy) {

    /** What happens to our kelurahan boundaries. */
    public enum Mode {
        /** Our kelurahan boundaries stay; RWs are clipped to the kelurahan they are assigned to. */
        CLIP,
        /** The layer's boundaries win: each kelurahan is rebuilt from its RWs (kecamatan and kota follow). */
        ADOPT
    }

    /** Which kelurahan an RW feature belongs to. */
    public enum AssignBy {
        OVERLAP,
        ATTRIBUTE
    }

    public static final RwImportOptions DEFAULTS = new RwImportOptions(Mode.CLIP, 0.10, 100, false, AssignBy.OVERLAP);

    public RwImportOptions {
        if (!(outsideTolerance >= 0 && outsideTolerance <= 1)) {
            throw new IllegalArgumentException("--outside-tolerance must be between 0% and 100%");
        }
        if (!(minAreaSquareMeters >= 0) || Double.isInfinite(minAreaSquareMeters)) {
            throw new IllegalArgumentException("--min-area-m2 must be a non-negative number of square metres");
        }
    }

    /**
     * Parses the flags after the file name, e.g. {@code --mode adopt --min-area-m2 50}; {@code --flag=value} works
     * too. Unknown flags and bad values throw an {@link IllegalArgumentException} whose message names the flag.
     */
    public static RwImportOptions parse(List<String> args) {
        Mode mode = DEFAULTS.mode();
        double tolerance = DEFAULTS.outsideTolerance();
        double minArea = DEFAULTS.minAreaSquareMeters();
        boolean partial = DEFAULTS.partial();
        AssignBy assignBy = DEFAULTS.assignBy();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flag.equals("--partial")) {
                if (value != null) {
                    throw new IllegalArgumentException("--partial takes no value");
                }
                partial = true;
                continue;
            }
            if (!List.of("--mode", "--outside-tolerance", "--min-area-m2", "--assign-by")
                    .contains(flag)) {
                throw new IllegalArgumentException("unknown option '" + arg + "' (known: --mode clip|adopt, "
                        + "--outside-tolerance PERCENT%, --min-area-m2 M2, --partial, --assign-by overlap|attribute)");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args.get(++i);
            }
            switch (flag) {
                case "--mode" -> mode = choice(Mode.class, flag, value);
                case "--assign-by" -> assignBy = choice(AssignBy.class, flag, value);
                case "--outside-tolerance" -> tolerance = percent(value);
                default -> minArea = number(flag, value);
            }
        }
        return new RwImportOptions(mode, tolerance, minArea, partial, assignBy);
    }

    /** The options as a user reads them at the head of a report. */
    public String describe() {
        String scope = partial ? "partial kelurahan imported" : "whole kelurahan only";
        String assignment = assignBy == AssignBy.OVERLAP
                ? "assigned by majority overlap"
                : "assigned by the kelurahan attribute (overlap where it names none)";
        return mode == Mode.CLIP
                ? String.format(
                        Locale.ROOT,
                        "CLIP to our kelurahan, outside tolerance %s%%, minimum area %s m², %s, %s",
                        plain(100 * outsideTolerance),
                        plain(minAreaSquareMeters),
                        assignment,
                        scope)
                : String.format(
                        Locale.ROOT,
                        "ADOPT the layer's kelurahan boundaries, minimum area %s m², %s, %s",
                        plain(minAreaSquareMeters),
                        assignment,
                        scope);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String flag, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(flag + " must be one of "
                + java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .toList() + ", was '" + value + "'");
    }

    /** {@code 10%} or {@code 10} (percent). */
    private static double percent(String value) {
        String digits = value.strip();
        if (digits.endsWith("%")) {
            digits = digits.substring(0, digits.length() - 1).strip();
        }
        double percent = number("--outside-tolerance", digits);
        if (percent > 100) {
            throw new IllegalArgumentException("--outside-tolerance must be between 0% and 100%, was '" + value + "'");
        }
        return percent / 100;
    }

    private static double number(String flag, String value) {
        try {
            double number = Double.parseDouble(value.strip());
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a non-negative number, was '" + value + "'");
        }
    }
}
