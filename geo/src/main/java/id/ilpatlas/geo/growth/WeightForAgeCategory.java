package id.ilpatlas.geo.growth;

/**
 * Weight-for-age (BB/U) categories for children 0–60 months, per Peraturan Menteri Kesehatan
 * Republik Indonesia Nomor 2 Tahun 2020 tentang Standar Antropometri Anak (Lampiran, Tabel
 * "Kategori dan Ambang Batas Status Gizi Anak").
 *
 * <p>Boundaries, on the z-score rounded to two decimals: {@link #BERAT_BADAN_SANGAT_KURANG} z &lt;
 * -3; {@link #BERAT_BADAN_KURANG} -3 ≤ z &lt; -2; {@link #BERAT_BADAN_NORMAL} -2 ≤ z ≤ +1; {@link
 * #RISIKO_BERAT_BADAN_LEBIH} z &gt; +1.
 */
public enum WeightForAgeCategory implements GrowthCategory {
    /** Berat badan sangat kurang (severely underweight): z &lt; -3. */
    BERAT_BADAN_SANGAT_KURANG(Band.below(-3, "Berat badan sangat kurang", "severely underweight")),
    /** Berat badan kurang (underweight): -3 ≤ z &lt; -2. */
    BERAT_BADAN_KURANG(Band.below(-2, "Berat badan kurang", "underweight")),
    /** Berat badan normal: -2 ≤ z ≤ +1. */
    BERAT_BADAN_NORMAL(Band.upTo(1, "Berat badan normal", "normal weight")),
    /**
     * Risiko berat badan lebih (risk of overweight): z &gt; +1. The regulation notes that such a
     * child may have a growth problem that is better assessed with weight-for-length/height or
     * BMI-for-age.
     */
    RISIKO_BERAT_BADAN_LEBIH(Band.above("Risiko berat badan lebih", "risk of overweight"));

    private final Band band;

    WeightForAgeCategory(Band band) {
        this.band = band;
    }

    @Override
    public Band band() {
        return band;
    }

    /**
     * The category of a z-score.
     *
     * @param z the weight-for-age z-score, already rounded to two decimals
     * @return the category
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    public static WeightForAgeCategory of(double z) {
        return GrowthCategory.of(z, values());
    }
}
