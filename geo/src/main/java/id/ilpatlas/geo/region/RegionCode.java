package id.ilpatlas.geo.region;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An Indonesian region code (<em>kode wilayah</em>, Kemendagri) at any level from provinsi down to a
 * (synthetic) RW.
 *
 * <p>Canonical (dotted) forms, one per {@link RegionLevel}:
 *
 * <pre>
 *   PROVINSI   33
 *   KABKOTA    33.75
 *   KECAMATAN  33.75.01
 *   KELURAHAN  33.75.01.1002            (DDDD starts with 1 = kelurahan, 2 = desa)
 *   RW         33.75.01.1002.RW003      (RW number 1..999, always 3 digits)
 * </pre>
 *
 * <p>{@link #parse(String)} also accepts the undotted forms ({@code 3375011002},
 * {@code 3375011002RW003}, {@code 3375011002.RW003}) and RW numbers with 1 to 3 digits and a
 * case-insensitive {@code rw} prefix; everything is normalized to the canonical form. Surrounding
 * whitespace is trimmed; nothing else is forgiven.
 *
 * <p>Instances are immutable. {@link #equals}, {@link #hashCode} and {@link #compareTo} are defined on
 * {@link #dotted()}, so a parent sorts before its descendants and siblings sort by code.
 */
public final class RegionCode implements Comparable<RegionCode> {

    private static final int MIN_RW_NUMBER = 1;
    private static final int MAX_RW_NUMBER = 999;

    /** Digits per component: PP, KK, CC, DDDD. */
    private static final int[] COMPONENT_DIGITS = {2, 2, 2, 4};
    /** Total digits of the undotted form, by number of components (index 1..4). */
    private static final int[] UNDOTTED_LENGTHS = {0, 2, 4, 6, 10};

    private static final String RW_PREFIX = "RW";

    private final String[] components;
    private final int rwNumber; // 0 when not an RW
    private final String dotted;

    private RegionCode(String[] components, int rwNumber) {
        this.components = components;
        this.rwNumber = rwNumber;
        String base = String.join(".", components);
        this.dotted = rwNumber == 0 ? base : base + "." + rwSuffix(rwNumber);
    }

    /**
     * Parses a kode wilayah in any accepted form (see the class documentation).
     *
     * @param input the code, e.g. {@code "33.75.01.1002"}, {@code "3375011002"} or {@code "33.75.01.1002.rw3"}
     * @return the parsed code, in canonical form
     * @throws InvalidRegionCodeException if {@code input} is null, blank or malformed; the message says why
     */
    public static RegionCode parse(String input) {
        if (input == null) {
            throw new InvalidRegionCodeException(null, "input is null");
        }
        String text = input.trim();
        if (text.isEmpty()) {
            throw new InvalidRegionCodeException(input, "input is blank");
        }
        int rwAt = text.toUpperCase(Locale.ROOT).indexOf(RW_PREFIX);
        if (rwAt < 0) {
            return new RegionCode(parseBase(input, text), 0);
        }
        String base = text.substring(0, rwAt);
        String rwDigits = text.substring(rwAt + RW_PREFIX.length());
        boolean dotBeforeRw = base.endsWith(".");
        if (dotBeforeRw) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            throw new InvalidRegionCodeException(input, "an RW key needs a kelurahan/desa code before 'RW'");
        }
        String[] components = parseBase(input, base);
        if (components.length != COMPONENT_DIGITS.length) {
            throw new InvalidRegionCodeException(
                    input, "an RW key needs a full kelurahan/desa code (PP.KK.CC.DDDD) before 'RW'");
        }
        if (base.indexOf('.') >= 0 && !dotBeforeRw) {
            throw new InvalidRegionCodeException(input, "in a dotted RW key 'RW' must follow a '.'");
        }
        return new RegionCode(components, parseRwNumber(input, rwDigits));
    }

    /**
     * Returns whether {@link #parse(String)} would accept {@code input}.
     *
     * @param input candidate code, may be {@code null}
     * @return {@code true} if {@code input} is a valid kode wilayah in an accepted form
     */
    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidRegionCodeException e) {
            return false;
        }
    }

    /**
     * Builds the key of RW number {@code rwNumber} inside a kelurahan/desa.
     *
     * @param kelurahan a code of level {@link RegionLevel#KELURAHAN}
     * @param rwNumber RW number, 1..999
     * @return e.g. {@code 33.75.01.1002.RW003} for {@code (33.75.01.1002, 3)}
     * @throws IllegalArgumentException if {@code kelurahan} is not a kelurahan/desa or the number is out of range
     */
    public static RegionCode rw(RegionCode kelurahan, int rwNumber) {
        if (kelurahan == null || kelurahan.level() != RegionLevel.KELURAHAN) {
            throw new IllegalArgumentException(
                    "an RW must belong to a kelurahan/desa code (PP.KK.CC.DDDD), got " + kelurahan);
        }
        if (rwNumber < MIN_RW_NUMBER || rwNumber > MAX_RW_NUMBER) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "RW number must be %d..%d, got %d (kelurahan %s)",
                    MIN_RW_NUMBER,
                    MAX_RW_NUMBER,
                    rwNumber,
                    kelurahan));
        }
        return new RegionCode(kelurahan.components, rwNumber);
    }

    /** Canonical dotted form, e.g. {@code 33.75.01.1002} or {@code 33.75.01.1002.RW003}. */
    public String dotted() {
        return dotted;
    }

    /** Undotted form, e.g. {@code 3375011002} or {@code 3375011002RW003}. */
    public String undotted() {
        String base = String.join("", components);
        return rwNumber == 0 ? base : base + rwSuffix(rwNumber);
    }

    /** The administrative level of this code. */
    public RegionLevel level() {
        return rwNumber != 0 ? RegionLevel.RW : RegionLevel.values()[components.length - 1];
    }

    /** The enclosing region (RW → kelurahan → kecamatan → kabkota → provinsi), or empty for a provinsi. */
    public Optional<RegionCode> parent() {
        if (rwNumber != 0) {
            return Optional.of(new RegionCode(components, 0));
        }
        if (components.length == 1) {
            return Optional.empty();
        }
        return Optional.of(new RegionCode(Arrays.copyOf(components, components.length - 1), 0));
    }

    /** Dotted kabupaten/kota code (e.g. {@code "33.75"}) for levels KABKOTA and below; empty for a provinsi. */
    public Optional<String> kabkotaCode() {
        return components.length < 2 ? Optional.empty() : Optional.of(components[0] + "." + components[1]);
    }

    /** The RW number (1..999) for level {@link RegionLevel#RW}; empty otherwise. */
    public OptionalInt rwNumber() {
        return rwNumber == 0 ? OptionalInt.empty() : OptionalInt.of(rwNumber);
    }

    /**
     * Returns whether this region lies within {@code ancestor}.
     *
     * @param ancestor a possibly enclosing region
     * @return {@code true} if this code equals {@code ancestor} or is one of its descendants
     * @throws NullPointerException if {@code ancestor} is null
     */
    public boolean isWithin(RegionCode ancestor) {
        return dotted.equals(ancestor.dotted) || dotted.startsWith(ancestor.dotted + ".");
    }

    @Override
    public int compareTo(RegionCode other) {
        return dotted.compareTo(other.dotted);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegionCode code && dotted.equals(code.dotted);
    }

    @Override
    public int hashCode() {
        return dotted.hashCode();
    }

    /** Same as {@link #dotted()}. */
    @Override
    public String toString() {
        return dotted;
    }

    // ---------------------------------------------------------------------------------------------

    private static String rwSuffix(int rwNumber) {
        return String.format(Locale.ROOT, "RW%03d", rwNumber);
    }

    /** Parses the PP[.KK[.CC[.DDDD]]] part (dotted or undotted) into validated components. */
    private static String[] parseBase(String input, String base) {
        String[] components = base.indexOf('.') >= 0 ? splitDotted(input, base) : splitUndotted(input, base);
        for (int i = 0; i < components.length; i++) {
            validateComponent(input, components[i], i);
        }
        return components;
    }

    private static String[] splitDotted(String input, String base) {
        String[] parts = base.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new InvalidRegionCodeException(input, "empty component (stray '.')");
            }
        }
        if (parts.length > COMPONENT_DIGITS.length) {
            throw new InvalidRegionCodeException(
                    input, "too many components (" + parts.length + "), at most 4 before an RW");
        }
        for (int i = 0; i < parts.length; i++) {
            if (!isAsciiDigits(parts[i])) {
                throw new InvalidRegionCodeException(input, "component '" + parts[i] + "' must contain digits only");
            }
            if (parts[i].length() != COMPONENT_DIGITS[i]) {
                throw new InvalidRegionCodeException(
                        input, "component '" + parts[i] + "' must have " + COMPONENT_DIGITS[i] + " digits");
            }
        }
        return parts;
    }

    private static String[] splitUndotted(String input, String base) {
        if (!isAsciiDigits(base)) {
            throw new InvalidRegionCodeException(input, "'" + base + "' must contain digits only");
        }
        int count = -1;
        for (int n = 1; n < UNDOTTED_LENGTHS.length; n++) {
            if (UNDOTTED_LENGTHS[n] == base.length()) {
                count = n;
            }
        }
        if (count < 0) {
            throw new InvalidRegionCodeException(
                    input, "an undotted code must have 2, 4, 6 or 10 digits, got " + base.length());
        }
        String[] parts = new String[count];
        int from = 0;
        for (int i = 0; i < count; i++) {
            parts[i] = base.substring(from, from + COMPONENT_DIGITS[i]);
            from += COMPONENT_DIGITS[i];
        }
        return parts;
    }

    private static void validateComponent(String input, String component, int index) {
        if (component.chars().allMatch(c -> c == '0')) {
            throw new InvalidRegionCodeException(input, "component '" + component + "' must not be all zeros");
        }
        if (index == 3 && component.charAt(0) != '1' && component.charAt(0) != '2') {
            throw new InvalidRegionCodeException(
                    input, "a kelurahan/desa code starts with 1 or 2, got '" + component + "'");
        }
    }

    private static int parseRwNumber(String input, String digits) {
        if (digits.isEmpty() || digits.length() > 3 || !isAsciiDigits(digits)) {
            throw new InvalidRegionCodeException(input, "the RW number must be 1 to 3 digits, got '" + digits + "'");
        }
        int number = Integer.parseInt(digits);
        if (number < MIN_RW_NUMBER) {
            throw new InvalidRegionCodeException(input, "the RW number must be 1..999, got '" + digits + "'");
        }
        return number;
    }

    private static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
