package id.ilpatlas.geo.region;

/**
 * Thrown when a string is not a valid kode wilayah. The message states what was wrong and the expected
 * format; {@link #input()} returns the rejected input unchanged (possibly {@code null}).
 */
public class InvalidRegionCodeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Human-readable description of the accepted formats, appended to every message. */
    static final String EXPECTED_FORMAT =
            "expected PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD (e.g. 33.75.01.1002; undotted 3375011002 also accepted)"
                    + " or an RW key PP.KK.CC.DDDD.RWnnn (e.g. 33.75.01.1002.RW003)";

    private final String input;

    /**
     * @param input the rejected input, as given (may be {@code null})
     * @param reason short specific reason, e.g. {@code "component '1' must have 2 digits"}
     */
    public InvalidRegionCodeException(String input, String reason) {
        super(message(input, reason));
        this.input = input;
    }

    /** The rejected input exactly as it was passed to the parser (may be {@code null}). */
    public String input() {
        return input;
    }

    private static String message(String input, String reason) {
        String subject = input == null ? "null" : "'" + input + "'";
        return subject + " is not a valid kode wilayah: " + reason + "; " + EXPECTED_FORMAT;
    }
}
