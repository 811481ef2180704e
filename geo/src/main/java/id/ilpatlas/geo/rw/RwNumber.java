package id.ilpatlas.geo.rw;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number of an RW as real layers write it. {@code RW 004}, {@code RW 04}, {@code RW.4}, {@code Rw-04},
 * {@code rw4}, {@code R.W. 04}, {@code 004} and {@code 4} are all RW 4, keyed {@code RW004}; a longer label naming
 * exactly one RW ({@code RW 02 Buaran}, {@code RT 001 RW 004}) is that RW. Numbers run from 1 to 999.
 *
 * <pre>
 *   RwNumber.parse("RW 04")        = 4
 *   RwNumber.parse("RT 001 RW 004") = 4
 *   RwNumber.parse("RW 4 / RW 5")  = empty (two RWs)
 *   RwNumber.key(4)                = "RW004"
 * </pre>
 */
public final class RwNumber {

    /** The whole text is an RW number, with or without the RW prefix. */
    private static final Pattern WHOLE =
            Pattern.compile("^(?:R\\s*\\.?\\s*W\\s*\\.?\\s*[.:\\-/#]?)?\\s*0*([0-9]{1,3})$", Pattern.CASE_INSENSITIVE);

    /** An RW named inside a longer label. */
    private static final Pattern INSIDE =
            Pattern.compile("\\bR\\.?\\s*W\\.?\\s*[.:\\-/#]?\\s*0*([0-9]{1,3})(?![0-9])", Pattern.CASE_INSENSITIVE);

    private static final int MAX = 999;

    private RwNumber() {}

    /**
     * The RW number written in {@code text}, or empty when it names no RW, several RWs, RW 0 or a number above 999.
     */
    public static OptionalInt parse(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String trimmed = text.strip();
        Matcher whole = WHOLE.matcher(trimmed);
        if (whole.matches()) {
            return valid(whole.group(1));
        }
        Matcher inside = INSIDE.matcher(trimmed);
        TreeSet<Integer> found = new TreeSet<>();
        while (inside.find()) {
            found.add(Integer.parseInt(inside.group(1)));
        }
        return found.size() == 1 ? valid(String.valueOf(found.first())) : OptionalInt.empty();
    }

    /** The key suffix of an RW: {@code RW004}. */
    public static String key(int number) {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("RW number must be 1.." + MAX + ", was " + number);
        }
        return String.format(Locale.ROOT, "RW%03d", number);
    }

    private static OptionalInt valid(String digits) {
        int number = digits.isEmpty() ? 0 : Integer.parseInt(digits);
        return number >= 1 && number <= MAX ? OptionalInt.of(number) : OptionalInt.empty();
    }
}
