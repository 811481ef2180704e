package id.ilpatlas.api.calendar;

import java.time.LocalDate;

/**
 * A day off as GraphQL serves it.
 *
 * @param kind {@code LIBUR_NASIONAL}, {@code CUTI_BERSAMA} or {@code LIBUR_DAERAH}
 * @param kabkotaCode the kab/kota of a {@code LIBUR_DAERAH}; null for a national day off
 */
public record DayOff(LocalDate date, String kind, String name, String source, String kabkotaCode) {

    /** Collective leave: planning skips it unless asked to work on it. */
    public boolean cutiBersama() {
        return "CUTI_BERSAMA".equals(kind);
    }
}
