package id.ilpatlas.geo.privacy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What may be published for one cell: either its exact count, or nothing with a suppressed flag.
 *
 * <p>An API maps {@code count} to a nullable number and {@link #suppressed()} to the {@code
 * suppressed} flag. {@link #reason()} is for audit logs only, see {@link SuppressionReason}.
 *
 * @param area area key
 * @param period period key
 * @param count the exact count when published, empty when suppressed
 * @param reason empty when published, otherwise why the cell is suppressed
 */
public record CellOutcome(String area, String period, OptionalLong count, Optional<SuppressionReason> reason) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if exactly one of {@code count} and {@code reason} is present
     */
    public CellOutcome {
        Objects.requireNonNull(area, "area must not be null");
        Objects.requireNonNull(period, "period must not be null");
        Objects.requireNonNull(count, "count must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        if (count.isPresent() == reason.isPresent()) {
            throw new IllegalArgumentException("a cell has either a count or a suppression reason, not "
                    + (count.isPresent() ? "both" : "neither") + ": (" + area + ", " + period + ")");
        }
    }

    /** {@code true} when the count is withheld. */
    public boolean suppressed() {
        return count.isEmpty();
    }
}
