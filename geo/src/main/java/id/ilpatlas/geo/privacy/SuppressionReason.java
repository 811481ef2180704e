package id.ilpatlas.geo.privacy;

/**
 * Why a cell is withheld.
 *
 * <p><b>Internal only.</b> Never show the reason to an aggregate-only caller: "primary" would tell
 * them the count is 1..k-1, and "secondary" that it is 0 or at least k, which is exactly what
 * suppression hides. Callers see only {@code count = null, suppressed = true}.
 */
public enum SuppressionReason {
    /** The cell's own count is small: 0 &lt; count &lt; k. */
    PRIMARY,
    /**
     * The cell is not small itself (it may even be 0) but is withheld so that small cells cannot be
     * derived by differencing published totals.
     */
    SECONDARY
}
