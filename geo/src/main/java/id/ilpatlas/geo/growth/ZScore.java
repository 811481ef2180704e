package id.ilpatlas.geo.growth;

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
 */
public record ZScore<C extends GrowthCategory>(Double z, C category, boolean flagged) {

  private static final ZScore<?> NOT_AVAILABLE = new ZScore<>(null, null, false);

  /**
   * Checks the invariants.
   *
   * @throws IllegalArgumentException if {@code z} is NaN or infinite, if exactly one of {@code z}
   *     and {@code category} is null, or if an NA z-score is flagged
   */
  public ZScore {
    if (z == null) {
      if (category != null || flagged) {
        throw new IllegalArgumentException("an NA z-score has no category and is not flagged");
      }
    } else {
      if (!Double.isFinite(z)) {
        throw new IllegalArgumentException("z must be finite, got " + z);
      }
      if (category == null) {
        throw new IllegalArgumentException("a z-score needs a category");
      }
    }
  }

  /**
   * The NA z-score.
   *
   * @param <C> the category type of the index
   * @return a z-score with null value and category, not flagged
   */
  @SuppressWarnings("unchecked")
  public static <C extends GrowthCategory> ZScore<C> notAvailable() {
    return (ZScore<C>) NOT_AVAILABLE;
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
