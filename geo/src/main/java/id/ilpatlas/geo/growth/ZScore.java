package id.ilpatlas.geo.growth;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One z-score of a {@link GrowthAssessment}: the value rounded to two decimals, its Permenkes
 * category and the WHO implausibility flag, or "not available" (NA).
 *
 * @param <C> the category type of the index
 * @param z the z-score rounded to two decimals, or {@code null} when it cannot be computed (NA:
 *     missing or non-positive measurement, no or out-of-range age, oedema for weight-based indices,
 *     length or height outside the weight-for-length/height table)
 * @param category the category of {@code z}; {@code null} exactly when {@code z} is null
 * @param flagged whether {@code z} is outside the WHO plausibility range of the index (see {@link
 *     GrowthStandards}); always {@code false} when {@code z} is null. A flagged z-score is still
 *     returned, together with its category.
 * @param unavailable why {@code z} is null; {@code null} exactly when {@code z} is not
 */
public record ZScore<C extends GrowthCategory>(Double z, C category, boolean flagged, Unavailable unavailable) {

    /**
     * Why a z-score is NA.
     *
     * @param reason the kind of reason
     * @param message a sentence naming the input and, for a range, the range of the WHO table
     */
    public record Unavailable(UnavailableReason reason, String message) {

        /**
         * Checks that both parts are given.
         *
         * @throws NullPointerException if {@code reason} or {@code message} is null
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    /**
     * Checks the invariants.
     *
     * @throws IllegalArgumentException if {@code z} is NaN or infinite, if exactly one of {@code z}
     *     and {@code category} is null, if an NA z-score is flagged or has no reason, or if a z-score
     *     has one
     */
    public ZScore {
        if (z == null) {
            if (category != null || flagged) {
                throw new IllegalArgumentException("an NA z-score has no category and is not flagged");
            }
            if (unavailable == null) {
                throw new IllegalArgumentException("an NA z-score needs a reason");
            }
        } else {
            if (unavailable != null) {
                throw new IllegalArgumentException("a z-score has no reason for being NA");
            }
            if (!Double.isFinite(z)) {
                throw new IllegalArgumentException("z must be finite, got " + z);
            }
            if (category == null) {
                throw new IllegalArgumentException("a z-score needs a category");
            }
        }
    }

    /**
     * A computed z-score.
     *
     * @param z the rounded z-score
     * @param category its category
     * @param flagged whether it is implausible
     */
    public ZScore(Double z, C category, boolean flagged) {
        this(z, category, flagged, null);
    }

    /**
     * An NA z-score.
     *
     * @param <C> the category type of the index
     * @param reason why it is NA
     * @param message a sentence saying why, naming the input and the range of the WHO table
     * @return a z-score with null value and category, not flagged
     */
    public static <C extends GrowthCategory> ZScore<C> notAvailable(UnavailableReason reason, String message) {
        return new ZScore<>(null, null, false, new Unavailable(reason, message));
    }

    /**
     * Whether a z-score could be computed.
     *
     * @return {@code z() != null}
     */
    public boolean isAvailable() {
        return z != null;
    }

    /**
     * The z-score as an optional.
     *
     * @return the rounded z-score, or empty for NA
     */
    public OptionalDouble value() {
        return z == null ? OptionalDouble.empty() : OptionalDouble.of(z);
    }
}
