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
  SANGAT_PENDEK("Sangat pendek", "severely stunted"),
  /** Pendek (stunted): -3 ≤ z &lt; -2. */
  PENDEK("Pendek", "stunted"),
  /** Normal: -2 ≤ z ≤ +3. */
  NORMAL("Normal", "normal"),
  /**
   * Tinggi (tall): z &gt; +3. The regulation notes that tallness is rarely a problem unless
   * extreme, which may point to an endocrine disorder.
   */
  TINGGI("Tinggi", "tall");

  private final String label;
  private final String englishLabel;

  LengthHeightForAgeCategory(String label, String englishLabel) {
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
   * @param z the length/height-for-age z-score, already rounded to two decimals
   * @return the category
   * @throws IllegalArgumentException if {@code z} is NaN
   */
  public static LengthHeightForAgeCategory of(double z) {
    requireNotNaN(z);
    if (z < -3) {
      return SANGAT_PENDEK;
    }
    if (z < -2) {
      return PENDEK;
    }
    return z <= 3 ? NORMAL : TINGGI;
  }

  static void requireNotNaN(double z) {
    if (Double.isNaN(z)) {
      throw new IllegalArgumentException("z-score must not be NaN");
    }
  }
}
