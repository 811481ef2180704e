package id.ilpatlas.geo.synthetic;

/**
 * What one SITB file holds (one row per TB episode notified in the 365 days up to the reference date).
 *
 * @param rows data rows written
 * @param targetCases expected notified cases: incidence 385 per 100k per year x 58 % notified x population
 * @param bacteriological {@code Terkonfirmasi Bakteriologis} rows
 * @param extrapulmonary {@code Ekstra Paru} rows
 * @param newCases {@code Baru} rows
 * @param hivPositive {@code Positif} rows
 * @param resistant {@code RO} rows
 * @param withOutcome rows with a {@code Hasil Akhir}
 * @param success rows with {@code Sembuh} or {@code Pengobatan Lengkap}
 * @param rowsPointOutsideRw deliberate quirk: point slightly outside the stated RW
 * @param rowsUnknownRwNumber deliberate quirk: RW number that does not exist in the kelurahan
 */
public record SitbSummary(
        long rows,
        double targetCases,
        long bacteriological,
        long extrapulmonary,
        long newCases,
        long hivPositive,
        long resistant,
        long withOutcome,
        long success,
        long rowsPointOutsideRw,
        long rowsUnknownRwNumber) {}
