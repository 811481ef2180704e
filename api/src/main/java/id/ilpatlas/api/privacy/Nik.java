package id.ilpatlas.api.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Nomor Induk Kependudukan (16 digits: PPKKCC + DDMMYY of birth, +40 on the day for women, + 4-digit serial)
 * as the database keeps it: never in clear. {@link #hash} is a keyed HMAC-SHA256 for matching records of the same
 * person; {@link #mask} is what a screen shows. The key comes from configuration ({@code atlas.privacy.nik-key},
 * never in git); without the key a hash cannot be brute-forced from the small NIK space.
 */
public final class Nik {

    static final int MIN_KEY_BYTES = 32;

    private static final Pattern SIXTEEN_DIGITS = Pattern.compile("\\d{16}");

    private final SecretKeySpec key;
    /** One initialised MAC per thread: {@code Mac.getInstance} and {@code init} cost more than hashing 16 digits. */
    private final ThreadLocal<Mac> macs;

    public Nik(String key) {
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the NIK hashing key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Why a NIK is malformed, or null when it is well formed: 16 digits, a plausible region prefix and birth date.
     * The message never repeats the NIK.
     */
    public static String problem(String nik) {
        if (nik == null || !SIXTEEN_DIGITS.matcher(nik).matches()) {
            return "a NIK has exactly 16 digits";
        }
        if (nik.startsWith("00")
                || nik.substring(2, 4).equals("00")
                || nik.substring(4, 6).equals("00")) {
            return "the first 6 digits of a NIK are a province, kab/kota and kecamatan code";
        }
        int day = Integer.parseInt(nik.substring(6, 8));
        int month = Integer.parseInt(nik.substring(8, 10));
        if (day > 40) {
            day -= 40; // women
        }
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return "digits 7-12 of a NIK are the birth date DDMMYY (day + 40 for women)";
        }
        if (nik.endsWith("0000")) {
            return "the last 4 digits of a NIK are a serial number from 0001";
        }
        return null;
    }

    /** Keyed hash (hex) for matching; the NIK must be well formed. */
    public String hash(String nik) {
        String problem = problem(nik);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return keyed(nik);
    }

    /**
     * Keyed hash (hex) of any identifying text: a family card number, or the name, birth date and kelurahan that
     * stand in for a missing NIK. Without the key it cannot be reversed by guessing.
     */
    public String keyed(String text) {
        // doFinal resets the MAC to its initialised state, ready for the next text.
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Display form: region prefix and last two digits, 16 characters, e.g. {@code 337501********01}. */
    public static String mask(String nik) {
        String problem = problem(nik);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return maskDigits(nik);
    }

    /** The same display form for any 16-digit number of the civil registry (a family card number, No KK). */
    public static String maskDigits(String digits) {
        if (digits == null || !SIXTEEN_DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("expected 16 digits");
        }
        return digits.substring(0, 6) + "*".repeat(8) + digits.substring(14);
    }
}
