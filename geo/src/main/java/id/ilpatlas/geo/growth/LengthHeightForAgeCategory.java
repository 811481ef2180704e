package id.ilpatlas.geo.growth;

/**
 * Length/height-for-age (PB/U or TB/U) categories for children 0–60 months, per Peraturan Menteri
 * Kesehatan Republik Indonesia Nomor 2 Tahun 2020 tentang Standar Antropometri Anak (Lampiran,
 * Tabel "Kategori dan Ambang Batas Status Gizi Anak").
 *
 * <p>Boundaries, on the z-score rounded to two decimals: {@link #SANGAT_PENDEK} z &lt; -3; {@link
 * #PENDEK} -3 ≤ z &lt; -2; {@link #NORMAL} -2 ≤ z ≤ +3; {@link #TINGGI} z &gt; +3.
 */
public enum LengthHeightForAgeCategory implements GrowthCategory {
    /** Sangat pendek (severely stunted): z &lt; -3. */
    SANGAT_PENDEK(Band.below(-3, "Sangat pendek", "severely stunted")),
    /** Pendek (stunted): -3 ≤ z &lt; -2. */
    PENDEK(Band.below(-2, "Pendek", "stunted")),
    /** Normal: -2 ≤ z ≤ +3. */
    NORMAL(Band.upTo(3, "Normal", "normal")),
    /**
     * Tinggi (tall): z &gt; +3. The regulation notes that tallness is rarely a problem unless
     * extreme, which may point to an endocrine disorder.
     */
    TINGGI(Band.above("Tinggi", "tall"));

    private final Band band;

    LengthHeightForAgeCategory(Band band) {
        this.band = band;
    }

    @Override
    public Band band() {
        return band;
    }

    /**
     * The category of a z-score.
     *
     * @param z the length/height-for-age z-score, already rounded to two decimals
     * @return the category
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    public static LengthHeightForAgeCategory of(double z) {
        return GrowthCategory.of(z, values());
    }
}
