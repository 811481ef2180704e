package id.ilpatlas.geo.synthetic;

/**
 * What one e-PPGBM file holds. Shares are of the written measurement rows and come from the generator's own
 * z-scores (before rounding to 0,1 cm / 0,1 kg).
 *
 * @param rows data rows written (one per child and measurement; the header is not counted)
 * @param children distinct children with at least one row
 * @param childrenWithoutNik children written with a name only
 * @param intendedStuntedShare the calibration target (SSGI 2024 Kota Pekalongan: 0.177)
 * @param stuntedShare share of rows with length/height-for-age z &lt; -2
 * @param wastedShare share of rows with weight-for-length/height z &lt; -2
 * @param underweightShare share of rows with weight-for-age z &lt; -2
 * @param lowBirthWeightChildren children with a written birth weight below 2500 g
 * @param wrongPositionRows rows measured in the position not expected for the age (lying from 24 months,
 *     standing at 9–23 months); the value is consistent with the position written
 * @param rowsWithPoint rows with {@code Lintang}/{@code Bujur}
 * @param rowsPointOutsideRw deliberate quirk: rows whose point lies slightly outside the stated RW
 * @param rowsUnknownRwNumber deliberate quirk: rows whose RW number does not exist in the kelurahan (no point)
 */
public record EppgbmSummary(
        long rows,
        long children,
        long childrenWithoutNik,
        double intendedStuntedShare,
        double stuntedShare,
        double wastedShare,
        double underweightShare,
        long lowBirthWeightChildren,
        long wrongPositionRows,
        long rowsWithPoint,
        long rowsPointOutsideRw,
        long rowsUnknownRwNumber) {}
