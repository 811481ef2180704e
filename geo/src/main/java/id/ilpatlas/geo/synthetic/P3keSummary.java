package id.ilpatlas.geo.synthetic;

import java.time.LocalDate;

/**
 * What one P3KE file holds (households of desil 1–4 only, as P3KE lists them).
 *
 * @param rows households written
 * @param people members of the written households
 * @param desil1Households households in desil 1 (extreme poverty)
 * @param desil1People members of desil-1 households
 * @param desil1PeopleShare {@code desil1People} / scaled population (target 0.01)
 * @param asOf the {@code Tgl Data} of every row
 * @param rowsPointOutsideRw deliberate quirk: point slightly outside the stated RW
 * @param rowsUnknownRwNumber deliberate quirk: RW number that does not exist in the kelurahan
 */
public record P3keSummary(
        long rows,
        long people,
        long desil1Households,
        long desil1People,
        double desil1PeopleShare,
        LocalDate asOf,
        long rowsPointOutsideRw,
        long rowsUnknownRwNumber) {}
