package id.ilpatlas.geo.synthetic;

import java.io.Writer;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes the PERMAISURI pregnancy cohort: pregnancies with HPHT from {@code today - 644} to {@code today - 56}
 * days, i.e. everything due in the 365 days up to the reference date plus the ongoing pregnancies that are at
 * least 8 weeks along. Poisson per RW with mean {@code 0.016 x population x scale x burden^0.3 x 589 / 365}.
 *
 * <p>Mothers and risks: see {@link PregnancyRisks} (the Indonesian 4T definition, the draws and the shares that
 * follow: 4T 30 %, KEK 17 % (LiLA around an RW mean lower where the burden is higher, the city offset solved
 * here so the expected share is exact), anaemia 28 %, high-risk 64.5 %). ANC contacts on a schedule of eight
 * (weeks 8 to 38), each kept with the mother's own probability. Birth at term 259–294 days after HPHT (37+0 to
 * 42+0 weeks; 280 ± 8 bounded) or preterm (9 %, 238–258 days); a pregnancy whose birth date is after the
 * reference date is ongoing (no birth, weight, visits or deaths written), so an ongoing pregnancy is never older
 * than 42 weeks. Birth weight in grams (about 8 % BBLR; KEK and preterm lighter); BBLR babies have 0–4 KRISNNA
 * home visits done, never more than the weeks the baby lived. Deaths: maternal 180 per 100k births within 42 days
 * of birth; infant 16 per 1000 (five times likelier for BBLR, 60 % neonatal), written only when the date is on or
 * before the reference date. {@code Faskes Rujukan}: for 65 % of the pregnancies with a risk (4T, KEK or another
 * factor), the code of the puskesmas of the mother's kelurahan (only facilities of the input are named, so the
 * importer can always resolve them).
 */
final class PermaisuriFile {

    static final String[] HEADER = CsvOut.columns(
            "NIK Ibu",
            "Nama Ibu",
            "Tgl Lahir Ibu",
            CsvOut.ADDRESS_COLUMNS,
            "HPHT",
            "Taksiran Persalinan",
            "Kehamilan Ke",
            "Jarak Kehamilan",
            "LiLA",
            "Kunjungan ANC",
            "Faktor Risiko Lain",
            "Faskes Rujukan",
            "Tgl Persalinan",
            "Tempat Persalinan",
            "BB Bayi Lahir",
            "Kunjungan Rumah Selesai",
            "Tgl Kematian Ibu",
            "Tgl Kematian Bayi",
            "Tempat Kematian");

    /** First and last HPHT, days before the reference date. */
    static final int OLDEST_HPHT_DAYS = 280 + 364;

    static final int NEWEST_HPHT_DAYS = 56;
    static final double MATERNAL_DEATHS_PER_BIRTH = 0.0018;
    static final double INFANT_DEATHS_PER_BIRTH = 0.016;
    private static final double BBLR_INFANT_RISK_RATIO = 5;

    /** Term births: 37+0 to 42+0 weeks after HPHT; preterm ones 34+0 to 36+6. */
    static final int TERM_FROM_DAYS = 259;

    static final int TERM_TO_DAYS = 294;
    static final int PRETERM_FROM_DAYS = 238;
    static final int PRETERM_TO_DAYS = 258;
    static final double PRETERM_SHARE = 0.09;
    /** SD of LiLA around the RW mean, cm. */
    static final double MUAC_SD_CM = 2.2;

    private static final double[] AGE_BANDS = Draw.cumulative(PregnancyRisks.AGE_BAND_SHARES);
    private static final double[] GRAVIDA = Draw.cumulative(PregnancyRisks.GRAVIDA_SHARES);
    private static final int[] ANC_WEEKS = {8, 12, 16, 24, 30, 34, 36, 38};
    private static final String[] BIRTH_PLACES = {"Rumah Sakit", "Puskesmas", "Praktik Mandiri Bidan", "Klinik", "Rumah"
    };
    private static final double[] BIRTH_PLACE_WEIGHTS = Draw.cumulative(45, 25, 22, 6, 2);

    private final SyntheticCases cases;
    private final NikAllocator niks = new NikAllocator(8000, 9999);
    private final double pNormalInfantDeath;
    private final double muacOffsetCm;

    private long births;
    private long lowBirthWeight;
    private long maternalDeaths;
    private long infantDeaths;
    private long kek;
    private long under20;
    private long over35;
    private long tooClose;
    private long withFourT;
    private long anaemia;
    private long highRisk;
    private long pointOutside;
    private long unknownRw;

    PermaisuriFile(SyntheticCases cases) {
        this.cases = cases;
        this.pNormalInfantDeath = INFANT_DEATHS_PER_BIRTH / (0.92 + 0.08 * BBLR_INFANT_RISK_RATIO);
        this.muacOffsetCm = muacOffset(cases.weights(0.3));
    }

    /**
     * The city offset of the RW mean LiLA ({@code offset - 0.4 ln(burden)}) for which the expected share of
     * pregnancies with KEK, weighted by each RW's expected pregnancies, is exactly {@link PregnancyRisks#KEK_SHARE}.
     * A LiLA is written rounded to 0.1 cm, so KEK (written value below 23.5) means a drawn value below 23.45.
     */
    private double muacOffset(double[] weights) {
        double low = 15;
        double high = 35;
        for (int iteration = 0; iteration < 60; iteration++) {
            double offset = (low + high) / 2;
            if (expectedKek(offset, weights) > PregnancyRisks.KEK_SHARE) {
                low = offset;
            } else {
                high = offset;
            }
        }
        return (low + high) / 2;
    }

    /** Expected KEK share for a city offset (each RW weighted by its expected pregnancies). */
    private double expectedKek(double offset, double[] weights) {
        double pregnancies = 0;
        double kekPregnancies = 0;
        for (int i = 0; i < weights.length; i++) {
            Site site = cases.sites().get(i);
            double expected = site.population * weights[i];
            pregnancies += expected;
            kekPregnancies += expected
                    * Normal.cdf((PregnancyRisks.KEK_BELOW_MUAC_CM - 0.05 - muacMean(site, offset)) / MUAC_SD_CM);
        }
        return pregnancies > 0 ? kekPregnancies / pregnancies : PregnancyRisks.KEK_SHARE;
    }

    private static double muacMean(Site site, double offset) {
        return offset - 0.4 * Math.log(site.burden);
    }

    PermaisuriSummary write(Writer writer) {
        CsvOut out = new CsvOut(writer);
        out.header(HEADER);
        double[] weights = cases.weights(0.3);
        double years = (OLDEST_HPHT_DAYS - NEWEST_HPHT_DAYS + 1) / 365.0;
        for (int i = 0; i < cases.sites().size(); i++) {
            Site site = cases.sites().get(i);
            SplittableRandom random = Draw.stream(cases.seed(), SyntheticCases.SALT_PERMAISURI, site.code, 0);
            double mean = SyntheticCases.CRUDE_BIRTH_RATE * site.population * cases.scale() * weights[i] * years;
            long count = Draw.poisson(mean, random);
            for (long p = 0; p < count; p++) {
                writePregnancy(out, site, random);
            }
        }
        out.finish();
        return new PermaisuriSummary(
                out.rows(),
                births,
                SyntheticCases.CRUDE_BIRTH_RATE * cases.scaledPopulation(),
                out.rows() - births,
                lowBirthWeight,
                maternalDeaths,
                infantDeaths,
                kek,
                under20,
                over35,
                tooClose,
                withFourT,
                anaemia,
                highRisk,
                pointOutside,
                unknownRw);
    }

    private void writePregnancy(CsvOut out, Site site, SplittableRandom random) {
        LocalDate today = cases.today();
        LocalDate hpht = today.minusDays(Draw.between(NEWEST_HPHT_DAYS, OLDEST_HPHT_DAYS, random));
        int band = Draw.pick(AGE_BANDS, random);
        int age = Draw.between(PregnancyRisks.AGE_FROM[band], PregnancyRisks.AGE_TO[band], random);
        LocalDate motherBirth = hpht.minusYears(age).minusDays(random.nextInt(365));
        boolean young = age < PregnancyRisks.TOO_YOUNG_BELOW_YEARS;
        int gravida = young
                ? (random.nextDouble() < PregnancyRisks.YOUNG_FIRST_PREGNANCY ? 1 : 2)
                : 1 + Draw.pick(GRAVIDA, random);
        int spacingMonths = -1;
        if (gravida > 1) {
            // a mother of 15 or 16 cannot have given birth 24 months ago: her spacing is capped (she is 4T by age)
            int maxMonths = Math.max(10, (age - 15) * 12);
            spacingMonths = random.nextDouble() < PregnancyRisks.TOO_CLOSE_SHARE
                    ? Draw.between(10, PregnancyRisks.TOO_CLOSE_BELOW_MONTHS - 1, random)
                    : Math.min(maxMonths, Draw.between(PregnancyRisks.TOO_CLOSE_BELOW_MONTHS, 120, random));
        }
        double lila = Math.max(17, Math.min(38, muacMean(site, muacOffsetCm) + MUAC_SD_CM * random.nextGaussian()));
        lila = Math.round(lila * 10) / 10.0;
        StringBuilder risks = new StringBuilder();
        for (int k = 0; k < PregnancyRisks.OTHER_RISKS.length; k++) {
            if (random.nextDouble() < PregnancyRisks.OTHER_RISK_SHARES[k]) {
                risks.append(risks.length() > 0 ? "," : "").append(PregnancyRisks.OTHER_RISKS[k]);
            }
        }
        if (gravida > 1 && random.nextDouble() < PregnancyRisks.PREVIOUS_CAESAREAN_SHARE_OF_MULTIGRAVIDA) {
            risks.append(risks.length() > 0 ? "," : "").append(PregnancyRisks.PREVIOUS_CAESAREAN);
        }
        boolean isKek = lila < PregnancyRisks.KEK_BELOW_MUAC_CM;
        boolean fourT = PregnancyRisks.fourT(age, gravida, spacingMonths >= 0 ? spacingMonths : null);
        boolean risky = fourT || isKek || risks.length() > 0;
        // bumil risti as the importer derives it: KEK and anaemia alone do not make a pregnancy high-risk
        boolean risti = fourT
                || java.util.Arrays.stream(risks.toString().split(","))
                        .anyMatch(r -> !r.isEmpty() && !r.equals(PregnancyRisks.ANAEMIA));
        String referral = "";
        if (risky && site.puskesmas.length > 0 && random.nextDouble() < 0.65) {
            referral = Draw.oneOf(site.puskesmas, random);
        }

        boolean preterm = random.nextDouble() < PRETERM_SHARE;
        int gestationDays = preterm
                ? Draw.between(PRETERM_FROM_DAYS, PRETERM_TO_DAYS, random)
                : (int) Math.max(TERM_FROM_DAYS, Math.min(TERM_TO_DAYS, Math.round(280 + 8 * random.nextGaussian())));
        LocalDate birth = hpht.plusDays(gestationDays);
        boolean born = !birth.isAfter(today);
        LocalDate ancUntil = born ? birth : today;
        double keepRate = random.nextDouble() < 0.02 ? 0 : 0.7 + 0.3 * random.nextDouble();
        int anc = 0;
        for (int week : ANC_WEEKS) {
            if (!hpht.plusDays(7L * week).isAfter(ancUntil) && random.nextDouble() < keepRate) {
                anc++;
            }
        }
        long birthWeight = 0;
        String birthPlace = "";
        int homeVisits = -1;
        LocalDate motherDeath = null;
        LocalDate infantDeath = null;
        String deathPlace = "";
        if (born) {
            double grams = 3200 - (isKek ? 150 : 0) - (preterm ? 450 : 0) + 430 * random.nextGaussian();
            birthWeight = Math.max(600, Math.min(5200, 10 * Math.round(grams / 10)));
            birthPlace = BIRTH_PLACES[Draw.pick(BIRTH_PLACE_WEIGHTS, random)];
            boolean bblr = birthWeight < 2500;
            if (random.nextDouble() < MATERNAL_DEATHS_PER_BIRTH) {
                LocalDate date = birth.plusDays(random.nextInt(43));
                if (!date.isAfter(today)) {
                    motherDeath = date;
                    double place = random.nextDouble();
                    deathPlace = place < 0.7 ? "Rumah Sakit" : place < 0.85 ? "Rumah" : "Perjalanan";
                }
            }
            double infantRisk = pNormalInfantDeath * (bblr ? BBLR_INFANT_RISK_RATIO : 1);
            if (random.nextDouble() < infantRisk) {
                int ageAtDeath = random.nextDouble() < 0.6 ? random.nextInt(29) : Draw.between(29, 364, random);
                LocalDate date = birth.plusDays(ageAtDeath);
                if (!date.isAfter(today)) {
                    infantDeath = date;
                    if (deathPlace.isEmpty()) {
                        deathPlace = random.nextDouble() < 0.6 ? "Rumah Sakit" : "Rumah";
                    }
                }
            }
            if (bblr) {
                // visits are done to a living baby: no more than the weeks from birth to today or to its death
                LocalDate visitsUntil = infantDeath != null ? infantDeath : today;
                long weeksLived = (visitsUntil.toEpochDay() - birth.toEpochDay()) / 7;
                homeVisits = Draw.between(0, (int) Math.min(4, weeksLived), random);
            }
            births++;
            lowBirthWeight += bblr ? 1 : 0;
        }
        String nik = random.nextDouble() < 0.05 ? null : niks.next(site.nikPrefix, motherBirth, true);
        String name = Names.adult(true, motherBirth.getYear(), random);
        Address address = Address.draw(site, false, random);
        boolean writeDueDate = random.nextDouble() < 0.7;

        maternalDeaths += motherDeath != null ? 1 : 0;
        infantDeaths += infantDeath != null ? 1 : 0;
        kek += isKek ? 1 : 0;
        under20 += age < 20 ? 1 : 0;
        over35 += age > 35 ? 1 : 0;
        tooClose += spacingMonths >= 0 && spacingMonths < PregnancyRisks.TOO_CLOSE_BELOW_MONTHS ? 1 : 0;
        withFourT += fourT ? 1 : 0;
        anaemia += risks.indexOf(PregnancyRisks.ANAEMIA) >= 0 ? 1 : 0;
        highRisk += risti ? 1 : 0;
        pointOutside += address.kind() == Address.POINT_OUTSIDE ? 1 : 0;
        unknownRw += address.kind() == Address.UNKNOWN_RW ? 1 : 0;

        StringBuilder row = out.row();
        if (nik != null) {
            row.append(nik);
        }
        row.append(';');
        CsvOut.text(row, name).append(';');
        CsvOut.date(row, motherBirth).append(';').append(address.fields()).append(';');
        CsvOut.date(row, hpht).append(';');
        if (writeDueDate) {
            CsvOut.date(row, hpht.plusDays(280));
        }
        row.append(';').append(gravida).append(';');
        if (spacingMonths >= 0) {
            row.append(spacingMonths);
        }
        row.append(';');
        CsvOut.decimal(row, lila, 1).append(';').append(anc).append(';');
        CsvOut.text(row, risks.toString()).append(';');
        CsvOut.text(row, referral).append(';');
        if (born) {
            CsvOut.date(row, birth);
        }
        row.append(';').append(birthPlace).append(';');
        if (born) {
            row.append(birthWeight);
        }
        row.append(';');
        if (homeVisits >= 0) {
            row.append(homeVisits);
        }
        row.append(';');
        if (motherDeath != null) {
            CsvOut.date(row, motherDeath);
        }
        row.append(';');
        if (infantDeath != null) {
            CsvOut.date(row, infantDeath);
        }
        row.append(';').append(deathPlace);
        out.endRow();
    }
}
