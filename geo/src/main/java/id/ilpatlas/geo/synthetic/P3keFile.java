package id.ilpatlas.geo.synthetic;

import java.io.Writer;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the P3KE family list: only households of desil 1–4, as P3KE holds them. Per RW and desil the number
 * of households is Poisson with mean {@code people share x population x scale x weight / mean size}, people
 * shares 1, 3, 5, 7 % for desil 1–4 and weights {@code burden^1.2, ^0.8, ^0.5, ^0.2} (normalised), so the
 * poorest are the most clustered. Household size is {@code 2 + Binomial(7, p)} (2–9) with means 5.4, 5.0, 4.6
 * and 4.2. {@code No KK}: six kecamatan digits and ten random digits (last four never {@code 0000}), unique in
 * the file. Every row has {@code Sumber} = {@code P3KE} and the same {@code Tgl Data}: the last day of the
 * quarter before the reference date.
 */
final class P3keFile {

    static final String[] HEADER = CsvOut.columns(
            "No KK", "Nama Kepala Keluarga", CsvOut.ADDRESS_COLUMNS, "Desil", "Jumlah Anggota", "Sumber", "Tgl Data");

    static final double[] PEOPLE_SHARE = {SyntheticCases.DESIL_1_PEOPLE_SHARE, 0.03, 0.05, 0.07};
    static final double[] MEAN_SIZE = {5.4, 5.0, 4.6, 4.2};
    private static final double[] BURDEN_EXPONENT = {1.2, 0.8, 0.5, 0.2};

    private final SyntheticCases cases;
    private final Set<Long> familyCards = new HashSet<>();

    private long people;
    private long desil1Households;
    private long desil1People;
    private long pointOutside;
    private long unknownRw;

    P3keFile(SyntheticCases cases) {
        this.cases = cases;
    }

    /** The as-of date of every row: the last day of the quarter before the reference date's quarter. */
    static LocalDate asOf(LocalDate today) {
        int firstMonthOfQuarter = (today.getMonthValue() - 1) / 3 * 3 + 1;
        return LocalDate.of(today.getYear(), firstMonthOfQuarter, 1).minusDays(1);
    }

    P3keSummary write(Writer writer) {
        CsvOut out = new CsvOut(writer);
        out.header(HEADER);
        LocalDate asOf = asOf(cases.today());
        StringBuilder asOfText = CsvOut.date(new StringBuilder(), asOf);
        double[][] weights = new double[4][];
        for (int d = 0; d < 4; d++) {
            weights[d] = cases.weights(BURDEN_EXPONENT[d]);
        }
        for (int i = 0; i < cases.sites().size(); i++) {
            Site site = cases.sites().get(i);
            SplittableRandom random = Draw.stream(cases.seed(), SyntheticCases.SALT_P3KE, site.code, 0);
            for (int d = 0; d < 4; d++) {
                double meanPeople = PEOPLE_SHARE[d] * site.population * cases.scale() * weights[d][i];
                long households = Draw.poisson(meanPeople / MEAN_SIZE[d], random);
                for (long h = 0; h < households; h++) {
                    writeHousehold(out, site, d + 1, asOfText, random);
                }
            }
        }
        out.finish();
        double population = cases.scaledPopulation();
        return new P3keSummary(
                out.rows(),
                people,
                desil1Households,
                desil1People,
                population > 0 ? desil1People / population : 0,
                asOf,
                pointOutside,
                unknownRw);
    }

    private void writeHousehold(CsvOut out, Site site, int desil, CharSequence asOf, SplittableRandom random) {
        double p = (MEAN_SIZE[desil - 1] - 2) / 7;
        int size = 2;
        for (int k = 0; k < 7; k++) {
            size += random.nextDouble() < p ? 1 : 0;
        }
        long card;
        do {
            card = Long.parseLong(site.nikPrefix) * 10_000_000_000L + random.nextLong(10_000_000_000L);
        } while (card % 10_000 == 0 || !familyCards.add(card));
        boolean womanHead = random.nextDouble() < 0.2;
        String head = Names.adult(womanHead, cases.today().getYear() - Draw.between(25, 75, random), random);
        Address address = Address.draw(site, true, random);

        people += size;
        if (desil == 1) {
            desil1Households++;
            desil1People += size;
        }
        pointOutside += address.kind() == Address.POINT_OUTSIDE ? 1 : 0;
        unknownRw += address.kind() == Address.UNKNOWN_RW ? 1 : 0;

        StringBuilder row = out.row();
        row.append(card).append(';');
        CsvOut.text(row, head).append(';').append(address.fields()).append(';');
        row.append(desil).append(';').append(size).append(";P3KE;").append(asOf);
        out.endRow();
    }
}
