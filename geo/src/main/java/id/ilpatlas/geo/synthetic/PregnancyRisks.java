package id.ilpatlas.geo.synthetic;

/**
 * How the synthetic PERMAISURI register draws a pregnancy's risk factors, and the shares that follow, calibrated to
 * the national figures in {@code high_risk_pregnancy_reference.md} (beside this class in the resources, with its
 * {@code SOURCE.md}): section 6 of that file suggests P(at least one 4T factor) = 0.30, P(KEK) = 0.17 and
 * P(anaemia) = 0.28.
 *
 * <p><b>4T ("4 terlalu") is the Indonesian definition</b>, not the DHS one (&lt; 18, &gt; 34, birth order &gt; 3),
 * and it is what the importer computes from the file: terlalu muda = mother under 20 years at HPHT; terlalu tua =
 * over 35; terlalu dekat = {@code Jarak Kehamilan} under 24 months (a second or later pregnancy); terlalu banyak =
 * {@code Kehamilan Ke} 4 or more (more than 3 children once this one is born; some sources, citing BKKBN 2020, use
 * more than 4). KEK = LiLA below 23.5 cm; anaemia (Hb below 11 g/dL) is written as {@code Anemia} in
 * {@code Faktor Risiko Lain}, as the file has no haemoglobin column.
 *
 * <p>Draws: age band 15–19 (7 %), 20–24 (21 %), 25–29 (31 %), 30–35 (30 %), 36–44 (11 %), uniform age within the
 * band; a mother under 20 is in her first pregnancy (85 %) or second; from 20, gravida 1–6 with 33, 34, 24, 5, 2.5,
 * 1.5 %, and a second or later pregnancy follows the previous birth within 24 months in 10 % of cases. So a
 * pregnancy carries a 4T factor with probability {@code 0.07 + 0.11 + 0.82 x (0.09 + 0.58 x 0.10) = 0.3014}
 * ({@link #fourTShare()}). KEK: LiLA is normal with SD 2.2 cm around an RW mean {@code offset - 0.4 ln(burden)}; the
 * city offset is solved so that the expected share below 23.5 cm (after rounding to 0.1 cm) is exactly
 * {@link #KEK_SHARE} (see {@code PermaisuriFile}). Anaemia {@link #ANAEMIA_SHARE}. The other factors of the file,
 * not in the reference (no published share was read for them): hypertension 5 %, pre-eclampsia 2.5 %, diabetes
 * 1.5 %, and a previous caesarean section in 11 % of second or later pregnancies (about 7 % of all).
 *
 * <p>The factors are drawn independently (except that a previous caesarean needs a previous birth): the reference
 * notes that KEK, young age and anaemia co-occur in real data, but no published joint distribution was found, so
 * independence is the assumption. The register's {@code high_risk} (bumil risti) is any factor but the nutrition
 * ones, KEK and anaemia, which the programme follows as indicators of their own (the importer's rule):
 * {@code 1 - (1 - 0.05)(1 - 0.025)(1 - 0.015) x P(no 4T and no previous caesarean)} = 0.405
 * ({@link #highRiskShare()}), a 4T share of 0.30 (published 0.25-0.37) plus the obstetric and medical risks.
 */
public final class PregnancyRisks {

    /** Terlalu muda: mother under this age (years at HPHT). */
    public static final int TOO_YOUNG_BELOW_YEARS = 20;
    /** Terlalu tua: mother over this age (years at HPHT). */
    public static final int TOO_OLD_ABOVE_YEARS = 35;
    /** Terlalu dekat: fewer months than this since the previous birth. */
    public static final int TOO_CLOSE_BELOW_MONTHS = 24;
    /** Terlalu banyak: this pregnancy is the fourth or later. */
    public static final int TOO_MANY_FROM_GRAVIDA = 4;
    /** KEK: LiLA below this, cm. */
    public static final double KEK_BELOW_MUAC_CM = 23.5;

    /** Target share with KEK (Riskesdas 2018: 17.3 %; range 15–24 %). */
    public static final double KEK_SHARE = 0.17;
    /** Share with anaemia (SKI 2023: 27.7 %; range 27.7–48.9 %). */
    public static final double ANAEMIA_SHARE = 0.28;

    /** Published ranges of the reference (sections 2-4), for the checks: 4T, KEK, anaemia (inclusive, shares). */
    static final double[] FOUR_T_RANGE = {0.25, 0.37};

    static final double[] KEK_RANGE = {0.15, 0.24};
    static final double[] ANAEMIA_RANGE = {0.277, 0.489};

    static final int[] AGE_FROM = {15, 20, 25, 30, 36};
    static final int[] AGE_TO = {19, 24, 29, 35, 44};
    static final double[] AGE_BAND_SHARES = {0.07, 0.21, 0.31, 0.30, 0.11};
    /** Gravida 1..6 of mothers aged 20 or more. */
    static final double[] GRAVIDA_SHARES = {0.33, 0.34, 0.24, 0.05, 0.025, 0.015};
    /** A mother under 20: share in her first pregnancy (else her second). */
    static final double YOUNG_FIRST_PREGNANCY = 0.85;
    /** Second or later pregnancy (mother 20 or more) within 24 months of the previous birth. */
    static final double TOO_CLOSE_SHARE = 0.10;

    /** The factors of {@code Faktor Risiko Lain}, with their probabilities (the caesarean one of multigravida). */
    static final String ANAEMIA = "Anemia";

    static final String[] OTHER_RISKS = {ANAEMIA, "Hipertensi", "Preeklampsia", "Diabetes"};
    static final double[] OTHER_RISK_SHARES = {ANAEMIA_SHARE, 0.05, 0.025, 0.015};
    static final String PREVIOUS_CAESAREAN = "Riwayat SC";
    static final double PREVIOUS_CAESAREAN_SHARE_OF_MULTIGRAVIDA = 0.11;

    private PregnancyRisks() {}

    /** Whether a pregnancy carries at least one 4T factor (the importer's rule; spacing {@code null} = none). */
    public static boolean fourT(int ageYears, int gravida, Integer spacingMonths) {
        return ageYears < TOO_YOUNG_BELOW_YEARS
                || ageYears > TOO_OLD_ABOVE_YEARS
                || gravida >= TOO_MANY_FROM_GRAVIDA
                || (gravida > 1 && spacingMonths != null && spacingMonths < TOO_CLOSE_BELOW_MONTHS);
    }

    /** Expected share of pregnancies with at least one 4T factor, from the draws above. */
    public static double fourTShare() {
        return AGE_BAND_SHARES[0] + AGE_BAND_SHARES[4] + middleAgeShare() * middleAgeFourT();
    }

    /**
     * Expected share of high-risk pregnancies (bumil risti: a 4T factor, or an obstetric or medical one of the file;
     * not KEK or anaemia alone).
     */
    public static double highRiskShare() {
        double noOther = 1;
        for (int i = 0; i < OTHER_RISKS.length; i++) {
            if (!OTHER_RISKS[i].equals(ANAEMIA)) {
                noOther *= 1 - OTHER_RISK_SHARES[i];
            }
        }
        double g1 = GRAVIDA_SHARES[0];
        double g23 = GRAVIDA_SHARES[1] + GRAVIDA_SHARES[2];
        // neither a 4T factor nor a previous caesarean: a mother aged 20-35, gravida 1, or gravida 2-3 not too close
        double noFourTNoCaesarean =
                middleAgeShare() * (g1 + g23 * (1 - TOO_CLOSE_SHARE) * (1 - PREVIOUS_CAESAREAN_SHARE_OF_MULTIGRAVIDA));
        return 1 - noOther * noFourTNoCaesarean;
    }

    private static double middleAgeShare() {
        return 1 - AGE_BAND_SHARES[0] - AGE_BAND_SHARES[4];
    }

    /** P(4T | aged 20-35) = P(gravida 4 or more) + P(gravida 2-3) x P(too close). */
    private static double middleAgeFourT() {
        double many = 0;
        for (int g = TOO_MANY_FROM_GRAVIDA; g <= GRAVIDA_SHARES.length; g++) {
            many += GRAVIDA_SHARES[g - 1];
        }
        double multiNotMany = 1 - GRAVIDA_SHARES[0] - many;
        return many + multiNotMany * TOO_CLOSE_SHARE;
    }
}
