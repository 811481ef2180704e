package id.ilpatlas.api.cases.aggregate;

import id.ilpatlas.api.cases.importing.ImportFormat;
import java.time.LocalDate;

/** How completely the imports of a register cover a period of a kab/kota (the indicators' DataAvailability). */
public interface RegisterCoverage {

    /** Why a count of the register is missing for {@code from}..{@code to}: null when the period is covered. */
    MissingReason reason(String kabkota, ImportFormat register, LocalDate from, LocalDate to);
}
