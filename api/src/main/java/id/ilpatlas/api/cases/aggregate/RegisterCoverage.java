package id.ilpatlas.api.cases.aggregate;

import id.ilpatlas.api.cases.importing.ImportFormat;
import java.time.LocalDate;
import java.util.Map;

/** How completely the imports of a register cover a period of a kab/kota (the indicators' DataAvailability). */
public interface RegisterCoverage {

    /** Whether the code is a kab/kota of the region table (an unknown one is an error, not a city without data). */
    boolean knows(String kabkota);

    /**
     * Why the counts of each register are missing for {@code from}..{@code to}: the registers that do not cover the
     * period completely, with their reason (one read of the kab/kota's coverage for every register).
     */
    Map<ImportFormat, MissingReason> reasons(String kabkota, LocalDate from, LocalDate to);
}
