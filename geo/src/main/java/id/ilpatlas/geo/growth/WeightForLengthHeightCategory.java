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
  GIZI_BURUK("Gizi buruk", "severely wasted"),
  /** Gizi kurang (wasted): -3 ≤ z &lt; -2. */
  GIZI_KURANG("Gizi kurang", "wasted"),
  /** Gizi baik (normal): -2 ≤ z ≤ +1. */
  GIZI_BAIK("Gizi baik", "normal"),
  /** Berisiko gizi lebih (possible risk of overweight): +1 &lt; z ≤ +2. */
  BERISIKO_GIZI_LEBIH("Berisiko gizi lebih", "possible risk of overweight"),
  /** Gizi lebih (overweight): +2 &lt; z ≤ +3. */
  GIZI_LEBIH("Gizi lebih", "overweight"),
  /** Obesitas (obese): z &gt; +3. */
  OBESITAS("Obesitas", "obese");

  private final String label;
  private final String englishLabel;

  WeightForLengthHeightCategory(String label, String englishLabel) {
    this.label = label;
    this.englishLabel = englishLabel;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String englishLabel() {
    return englishLabel;
  }

  /**
   * The category of a z-score.
   *
   * @param z the weight-for-length/height or BMI-for-age z-score, already rounded to two decimals
   * @return the category
   * @throws IllegalArgumentException if {@code z} is NaN
   */
  public static WeightForLengthHeightCategory of(double z) {
    LengthHeightForAgeCategory.requireNotNaN(z);
    if (z < -3) {
      return GIZI_BURUK;
    }
    if (z < -2) {
      return GIZI_KURANG;
    }
    if (z <= 1) {
      return GIZI_BAIK;
    }
    if (z <= 2) {
      return BERISIKO_GIZI_LEBIH;
    }
    return z <= 3 ? GIZI_LEBIH : OBESITAS;
  }
}
