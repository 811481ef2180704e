package id.ilpatlas.geo.growth;

/**
 * A nutritional-status category for one anthropometric index, named as in Peraturan Menteri
 * Kesehatan Republik Indonesia Nomor 2 Tahun 2020 tentang Standar Antropometri Anak (except {@link
 * HeadCircumferenceForAgeCategory}, which that regulation does not define).
 */
public sealed interface GrowthCategory
    permits LengthHeightForAgeCategory,
        WeightForAgeCategory,
        WeightForLengthHeightCategory,
        HeadCircumferenceForAgeCategory {

  /**
   * The constant name, a stable code for storage and APIs, e.g. {@code "SANGAT_PENDEK"} (every
   * category is an enum constant).
   *
   * @return the enum constant name
   */
  String name();

  /**
   * The Indonesian label, e.g. {@code "Sangat pendek"}.
   *
   * @return the label as printed in the regulation
   */
  String label();

  /**
   * The English label the regulation gives in parentheses, e.g. {@code "severely stunted"}.
   *
   * @return the English label, lower case
   */
  String englishLabel();
}
