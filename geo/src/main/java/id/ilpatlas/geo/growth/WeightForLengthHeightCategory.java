package id.ilpatlas.geo.growth;

/**
 * Weight-for-length/height (BB/PB or BB/TB) and BMI-for-age (IMT/U) categories for children 0–60
 * months, per Peraturan Menteri Kesehatan Republik Indonesia Nomor 2 Tahun 2020 tentang Standar
 * Antropometri Anak (Lampiran, Tabel "Kategori dan Ambang Batas Status Gizi Anak"); the regulation
 * uses the same six categories and cut-offs for both indices.
 *
 * <p>Boundaries, on the z-score rounded to two decimals: {@link #GIZI_BURUK} z &lt; -3; {@link
 * #GIZI_KURANG} -3 ≤ z &lt; -2; {@link #GIZI_BAIK} -2 ≤ z ≤ +1; {@link #BERISIKO_GIZI_LEBIH} +1
 * &lt; z ≤ +2; {@link #GIZI_LEBIH} +2 &lt; z ≤ +3; {@link #OBESITAS} z &gt; +3.
 */
public enum WeightForLengthHeightCategory implements GrowthCategory {
    /** Gizi buruk (severely wasted): z &lt; -3. */
    GIZI_BURUK(Band.below(-3, "Gizi buruk", "severely wasted")),
    /** Gizi kurang (wasted): -3 ≤ z &lt; -2. */
    GIZI_KURANG(Band.below(-2, "Gizi kurang", "wasted")),
    /** Gizi baik (normal): -2 ≤ z ≤ +1. */
    GIZI_BAIK(Band.upTo(1, "Gizi baik", "normal")),
    /** Berisiko gizi lebih (possible risk of overweight): +1 &lt; z ≤ +2. */
    BERISIKO_GIZI_LEBIH(Band.upTo(2, "Berisiko gizi lebih", "possible risk of overweight")),
    /** Gizi lebih (overweight): +2 &lt; z ≤ +3. */
    GIZI_LEBIH(Band.upTo(3, "Gizi lebih", "overweight")),
    /** Obesitas (obese): z &gt; +3. */
    OBESITAS(Band.above("Obesitas", "obese"));

    private final Band band;

    WeightForLengthHeightCategory(Band band) {
        this.band = band;
    }

    @Override
    public Band band() {
        return band;
    }

    /**
     * The category of a z-score.
     *
     * @param z the weight-for-length/height or BMI-for-age z-score, already rounded to two decimals
     * @return the category
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    public static WeightForLengthHeightCategory of(double z) {
        return GrowthCategory.of(z, values());
    }
}
