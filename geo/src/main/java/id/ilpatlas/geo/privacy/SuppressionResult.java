package id.ilpatlas.geo.privacy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of {@link SmallCellSuppression#apply}: for every cell of the lattice, its published
 * count or "suppressed". Immutable.
 *
 * <p>Serve aggregate-only callers from {@link #cell} / {@link #cells()}, mapping an empty count to
 * {@code null} with {@code suppressed = true}. Do not serve them {@link CellOutcome#reason()}.
 */
public final class SuppressionResult {

    private final Hierarchy areas;
    private final Hierarchy periods;
    private final int threshold;
    private final long[] count;
    private final byte[] state;
    private final int[] witness;
    private final List<int[]> moves;
    private final List<InsiderScope> insiders;
    private final int[] coverHead;
    private final int[] coverMove;
    private final int[] coverNext;

    SuppressionResult(
            Hierarchy areas,
            Hierarchy periods,
            int threshold,
            long[] count,
            byte[] state,
            int[] witness,
            List<int[]> moves,
            List<InsiderScope> insiders,
            int[] coverHead,
            int[] coverMove,
            int[] coverNext) {
        this.areas = areas;
        this.periods = periods;
        this.threshold = threshold;
        this.count = count;
        this.state = state;
        this.witness = witness;
        this.moves = moves;
        this.insiders = insiders;
        this.coverHead = coverHead;
        this.coverMove = coverMove;
        this.coverNext = coverNext;
    }

    /** The area axis. */
    public Hierarchy areas() {
        return areas;
    }

    /** The period axis. */
    public Hierarchy periods() {
        return periods;
    }

    /** The threshold {@code k} that was applied. */
    public int threshold() {
        return threshold;
    }

    /** The insider scopes that were protected against, empty if none. */
    public List<InsiderScope> insiders() {
        return insiders;
    }

    /**
     * The outcome of one cell.
     *
     * @param area an area key
     * @param period a period key
     * @return its count, or suppressed
     * @throws IllegalArgumentException if a key is not a node of its axis
     */
    public CellOutcome cell(String area, String period) {
        return outcome(areas.indexOf(area) * periods.size() + periods.indexOf(period));
    }

    /**
     * The published count of one cell.
     *
     * @param area an area key
     * @param period a period key
     * @return the count, or empty when suppressed
     * @throws IllegalArgumentException if a key is not a node of its axis
     */
    public OptionalLong published(String area, String period) {
        return cell(area, period).count();
    }

    /**
     * Returns whether one cell is suppressed.
     *
     * @param area an area key
     * @param period a period key
     * @return {@code true} if its count is withheld
     * @throws IllegalArgumentException if a key is not a node of its axis
     */
    public boolean isSuppressed(String area, String period) {
        return state[areas.indexOf(area) * periods.size() + periods.indexOf(period)] != 0;
    }

    /** All cells: areas in pre-order, and within an area the periods in pre-order. */
    public List<CellOutcome> cells() {
        List<CellOutcome> result = new ArrayList<>(count.length);
        for (int c = 0; c < count.length; c++) {
            result.add(outcome(c));
        }
        return Collections.unmodifiableList(result);
    }

    /** Number of suppressed cells. */
    public int suppressedCount() {
        int n = 0;
        for (byte s : state) {
            n += s != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Number of cells suppressed for {@code reason}.
     *
     * @param reason primary or secondary
     * @return how many cells
     */
    public int suppressedCount(SuppressionReason reason) {
        int n = 0;
        for (byte s : state) {
            n += s == reason.ordinal() + 1 ? 1 : 0;
        }
        return n;
    }

    /** Number of cells in the lattice. */
    public int cellCount() {
        return count.length;
    }

    /** E.g. {@code SuppressionResult[k=5, cells=5100, suppressed=812 (primary 430, secondary 382)]}. */
    @Override
    public String toString() {
        return "SuppressionResult[k=" + threshold + ", cells=" + count.length + ", suppressed="
                + suppressedCount() + " (primary " + suppressedCount(SuppressionReason.PRIMARY) + ", secondary "
                + suppressedCount(SuppressionReason.SECONDARY) + ")]";
    }

    private CellOutcome outcome(int cell) {
        String area = areas.key(cell / periods.size());
        String period = periods.key(cell % periods.size());
        if (state[cell] == 0) {
            return new CellOutcome(area, period, OptionalLong.of(count[cell]), Optional.empty());
        }
        return new CellOutcome(
                area, period, OptionalLong.empty(), Optional.of(SuppressionReason.values()[state[cell] - 1]));
    }

    /**
     * The witness of a suppressed cell, for audits and tests only: it shows which leaves hold cases,
     * so it must never leave the server.
     *
     * @return empty for a published cell, or when the mode used no witnesses
     */
    Optional<Witness> witness(String area, String period) {
        int w = witness[areas.indexOf(area) * periods.size() + periods.indexOf(period)];
        if (w < 0) {
            return Optional.empty();
        }
        return Optional.of(move(w));
    }

    /**
     * Every witness of a suppressed cell (each move found that changes it), for audits and tests only,
     * like {@link #witness}: with insider scopes, a cell has one avoiding each scope that does not
     * contain it.
     *
     * @return the witnesses, the first-found last; empty for a published cell
     */
    List<Witness> witnesses(String area, String period) {
        List<Witness> result = new ArrayList<>();
        int cell = areas.indexOf(area) * periods.size() + periods.indexOf(period);
        for (int e = coverHead[cell]; e >= 0; e = coverNext[e]) {
            result.add(move(coverMove[e]));
        }
        return result;
    }

    private Witness move(int id) {
        int[] m = moves.get(id);
        return new Witness(
                m[0],
                areas.key(m[1]),
                m[2] < 0 ? null : areas.key(m[2]),
                periods.key(m[3]),
                m[4] < 0 ? null : periods.key(m[4]),
                m[5],
                m[6]);
    }

    /**
     * A rectangle move {@code sign · (e_areaPlus − e_areaMinus) ⊗ (e_periodPlus − e_periodMinus)} on
     * leaf cells; a null minus key means that term is absent. Adding it to the true leaf counts gives
     * another non-negative table with the same published cells. With {@link
     * SmallCellSuppression#applyRelated related counts}, the move adds itself to atom {@code atom} and
     * subtracts itself from atom {@code atomMinus} (-1: none); for a single table, atom 0 alone.
     */
    record Witness(
            int sign,
            String areaPlus,
            String areaMinus,
            String periodPlus,
            String periodMinus,
            int atom,
            int atomMinus) {}
}
