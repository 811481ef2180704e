package id.ilpatlas.geo.growth;

/**
 * Head-circumference-for-age (LK/U) categories. Permenkes RI No. 2 Tahun 2020 (Standar Antropometri
 * Anak) gives no categories for this index; these use the usual WHO screening cut-off of ±2 SD.
 *
 * <p>Boundaries, on the z-score rounded to two decimals: {@link #MIKROSEFALI} z &lt; -2; {@link
 * #NORMAL} -2 ≤ z ≤ +2; {@link #MAKROSEFALI} z &gt; +2.
 */
public enum HeadCircumferenceForAgeCategory implements GrowthCategory {
    /** Mikrosefali (microcephaly): z &lt; -2. */
    MIKROSEFALI(Band.below(-2, "Mikrosefali", "microcephaly")),
    /** Normal: -2 ≤ z ≤ +2. */
    NORMAL(Band.upTo(2, "Normal", "normal")),
    /** Makrosefali (macrocephaly): z &gt; +2. */
    MAKROSEFALI(Band.above("Makrosefali", "macrocephaly"));

    private final Band band;

    HeadCircumferenceForAgeCategory(Band band) {
        this.band = band;
    }

    @Override
    public Band band() {
        return band;
    }

    /**
     * The category of a z-score.
     *
     * @param z the head-circumference-for-age z-score, already rounded to two decimals
     * @return the category
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    public static HeadCircumferenceForAgeCategory of(double z) {
        return GrowthCategory.of(z, values());
    }
}
