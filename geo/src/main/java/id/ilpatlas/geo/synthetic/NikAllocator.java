package id.ilpatlas.geo.synthetic;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out well-formed, unique synthetic NIKs: {@code KKKKKK DDMMYY SSSS} with the six kecamatan digits, the
 * birth date (day + 40 for women and girls) and a serial counted up per kecamatan, birth date and sex inside
 * this allocator's serial range. Each file uses its own range, so people from different files never share a
 * NIK. One allocator per written file: output must not depend on what was written before.
 */
final class NikAllocator {

    private final int firstSerial;
    private final int lastSerial;
    private final Map<String, Integer> next = new HashMap<>();

    /**
     * @param firstSerial first serial of the range, {@code >= 1}
     * @param lastSerial last serial of the range, {@code <= 9999}
     */
    NikAllocator(int firstSerial, int lastSerial) {
        this.firstSerial = firstSerial;
        this.lastSerial = lastSerial;
    }

    /** The birth-date part {@code DDMMYY}, the day plus 40 for women and girls. */
    static String birthPart(LocalDate birth, boolean female) {
        StringBuilder sb = new StringBuilder(6);
        CsvOut.pad(sb, birth.getDayOfMonth() + (female ? 40 : 0), 2);
        CsvOut.pad(sb, birth.getMonthValue(), 2);
        CsvOut.pad(sb, birth.getYear() % 100, 2);
        return sb.toString();
    }

    /** A new NIK, or {@code null} when the serial range of this group is used up (the person goes without). */
    String next(String kecamatanDigits, LocalDate birth, boolean female) {
        String group = kecamatanDigits + birthPart(birth, female);
        int serial = next.getOrDefault(group, firstSerial);
        if (serial > lastSerial) {
            return null;
        }
        next.put(group, serial + 1);
        StringBuilder sb = new StringBuilder(16).append(group);
        return CsvOut.pad(sb, serial, 4).toString();
    }
}
