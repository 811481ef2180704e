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
    default String label() {
        return band().label();
    }

    /**
     * The English label the regulation gives in parentheses, e.g. {@code "severely stunted"}.
     *
     * @return the English label, lower case
     */
    default String englishLabel() {
        return band().englishLabel();
    }

    /**
     * The category's row of the cut-off table: its labels and the z-scores it covers.
     *
     * @return the band of this category
     */
    Band band();

    /**
     * One row of a cut-off table: a category's labels and the upper end of the z-scores it covers.
     * The categories of an index are listed from the lowest z-score up; each covers the z-scores
     * above the previous category's cut-off up to its own. A cut-off belongs to the band nearer to
     * normal, as the regulation's "-2 ≤ z ≤ +1" reads: below normal a band ends just before its
     * cut-off ({@link #below}), from normal up it ends at its cut-off inclusive ({@link #upTo}), and
     * the highest band has no upper end ({@link #above}).
     *
     * @param label the Indonesian label as printed in the regulation
     * @param englishLabel the English label, lower case
     * @param upperCutOff the z-score where the band ends ({@code +Infinity} for the highest band)
     * @param upperCutOffIncluded whether a z-score equal to {@code upperCutOff} lies in the band
     */
    record Band(String label, String englishLabel, double upperCutOff, boolean upperCutOffIncluded) {

        /** A band of z-scores {@code < cutOff}. */
        static Band below(double cutOff, String label, String englishLabel) {
            return new Band(label, englishLabel, cutOff, false);
        }

        /** A band of z-scores {@code ≤ cutOff}. */
        static Band upTo(double cutOff, String label, String englishLabel) {
            return new Band(label, englishLabel, cutOff, true);
        }

        /** The highest band: every z-score above the previous cut-off. */
        static Band above(String label, String englishLabel) {
            return new Band(label, englishLabel, Double.POSITIVE_INFINITY, true);
        }

        boolean covers(double z) {
            return upperCutOffIncluded ? z <= upperCutOff : z < upperCutOff;
        }
    }

    /**
     * The category of a z-score: the first of {@code ascending} whose band covers it.
     *
     * @param z the z-score, already rounded to two decimals
     * @param ascending the categories of one index, lowest z-score first (an enum's {@code values()})
     * @param <C> the category type
     * @return the category
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    static <C extends GrowthCategory> C of(double z, C[] ascending) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z-score must not be NaN");
        }
        for (C category : ascending) {
            if (category.band().covers(z)) {
                return category;
            }
        }
        throw new IllegalStateException("the highest band covers every z-score: " + ascending.length);
    }
}
