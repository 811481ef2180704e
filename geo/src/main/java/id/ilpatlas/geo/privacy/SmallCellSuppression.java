package id.ilpatlas.geo.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Small-cell suppression with protection against differencing, for aggregate-only callers.
 *
 * <p>Input is a {@link CellTable}: exact counts for every cell {@code (area, period)} of a lattice
 * whose two axes are hierarchies (kota → kecamatan → kelurahan → RW, and year → quarter → month),
 * with every parent the exact sum of its children along each axis. Output is a {@link
 * SuppressionResult}: for each cell its count, or "suppressed". Deterministic: the same table always
 * gives the same result.
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li><b>Primary.</b> Every cell with {@code 0 < count < k} is suppressed ({@link
 *       SuppressionReason#PRIMARY}).
 *   <li><b>Zeros are published.</b> A 0 is not a small count of people: it identifies nobody, and
 *       health statistics (Dinkes, CDC) show it. A published 0 does tell that everything below it is 0,
 *       and the secondary step below treats published zeros as known values, never relying on a zero
 *       to hide anything that a published 0 above it would give away. The price: zeros around a
 *       suppressed cell show <em>where</em> the small counts are (one case in the whole kota leaves
 *       exactly its RW-month and the eleven cells above it suppressed, everything else 0), though
 *       not how many. Suppressing zeros as well would hide that, at the cost of most of a sparse
 *       table.
 *   <li><b>Group rule.</b> For every equation <em>parent = Σ children</em> along either axis whose
 *       parent is published, the suppressed children are none, or at least two whose counts sum to at
 *       least {@code k}: differencing the parent and the published siblings reveals only a total of at
 *       least {@code k} spread over at least two cells. When the sum falls short, the published child
 *       with the smallest non-zero count (then the first in key order) is added; every non-zero
 *       published child has a count of at least {@code k}, so one addition closes the gap.
 *   <li><b>Witness rule.</b> The group rule alone is not enough: equations chain across both axes and
 *       non-negativity lets an attacker pin cells the local rule considers safe (a suppressed total
 *       whose children are all published, a 2×2 block whose diagonal is 0, ...). So every suppressed
 *       cell must have a <em>witness</em>: a second non-negative integer table, differing from the true
 *       one in that cell, that agrees with every published cell. The witnesses used are "rectangle
 *       moves" {@code ±(e_r1 − e_r2) ⊗ (e_m1 − e_m2)} on leaf cells (RW × month), where {@code r2} or
 *       {@code m2} may be absent (then the whole ancestor path of {@code r1} or {@code m1} up to the
 *       root moves). Such a move changes exactly the cells {@code U × V}, where {@code U} are the areas
 *       containing exactly one of {@code r1, r2} and {@code V} the periods containing exactly one of
 *       {@code m1, m2}; it keeps all other cells, so it is a valid witness for every cell of {@code U ×
 *       V} as long as they are all suppressed and the leaves it decrements are at least 1. For a
 *       suppressed cell without a witness, the rectangle adding the least information loss (sum of
 *       {@code count + 1} over the cells it newly suppresses) is chosen and its cells are suppressed
 *       ({@link SuppressionReason#SECONDARY}). A feasible rectangle always exists (at worst the whole
 *       ancestor path up to the lattice total).
 *   <li><b>Insider rule</b> (only with {@link InsiderScope insider scopes}). Users with case access
 *       know the cells of their own scope exactly: a lurah her kelurahan, a kader the RWs of his
 *       posyandu. A witness that changes a leaf such an insider knows is useless against him (the
 *       kader who knows RW A reads RW B off a published kelurahan total). So for every suppressed
 *       cell and every scope {@code S} its area is not inside, one of its witnesses must touch no
 *       leaf of {@code S}; it then changes no cell the insider knows, and gives him a second table too.
 *       Every move found is recorded against all cells it changes; a cell keeps the set of scopes that
 *       all its moves so far touch, and while that set is not empty the cheapest rectangle avoiding
 *       all of them (or, if no leaf below the cell escapes them all, the first of them) is added like
 *       any witness. A feasible one always exists: some leaf below the cell is outside {@code S}, and
 *       its ancestor path works. For a kelurahan cell this typically brings in a third kelurahan,
 *       since the lurah of the partner kelurahan knows the partner.
 *   <li>The group rule and the witness rule (with the insider rule) alternate until neither adds a
 *       cell.
 * </ol>
 *
 * <p>Consequences: (a) no suppressed cell can be derived exactly, by differencing or by any
 * reasoning (interval propagation, linear or integer programming) over the published cells and the
 * lattice's equations, because a second consistent table exists; (b) in every published-parent group
 * with a suppressed child there are at least two suppressed children (a witness changing one child
 * must change another to keep the parent) summing to at least {@code k}; (c) a suppressed parent
 * always has a suppressed child along each axis; (d) with insider scopes, (a) holds for each insider
 * too: knowing every cell inside his scope and the published ones, he cannot derive any suppressed
 * cell outside it (though (b) is for outsiders: after subtracting his own cells he may learn that
 * several cells together hold fewer than {@code k}). Insiders pooling their knowledge are not covered
 * unless their union is passed as a scope. Note that protection is "not exactly derivable", not a
 * guaranteed interval width: an attacker may still learn, e.g., that a cell is between 2 and 8. Nor
 * is an attacker modelled who knows this algorithm and replays it on candidate tables.
 *
 * <h2>Scope</h2>
 *
 * <p>Protection holds only within one lattice. Everything an aggregate-only caller can obtain must be
 * a cell of it: publishing a total outside it (a province total over several kota, a multi-year
 * total, an arbitrary date range, a sum over indicators) reopens differencing; make the root of the
 * area tree the largest published area instead. Counts that are related (one is part of another,
 * like TB treatment successes of TB notifications) must be suppressed together with {@link
 * #applyRelated}, or their orderings pin cells that each count alone would protect. Likewise, re-publishing a lattice after its counts
 * changed (late reports) lets the two versions be differenced; that is not handled here. The period axis is enumerated exhaustively per cell
 * (all leaf pairs), which is meant for the 12 months of a year, not for hundreds of periods.
 */
public final class SmallCellSuppression {

    /** Default threshold {@code k}: counts 1..4 are suppressed. */
    public static final int DEFAULT_THRESHOLD = 5;

    /** Which rules to run; the reduced modes exist only to show, in tests, why the full one is needed. */
    enum Mode {
        /** Primary, group rule (sum), witness rule: the documented behaviour. */
        FULL,
        /** Primary suppression only. */
        PRIMARY_ONLY,
        /**
         * Primary plus the literal group rule ("at least two and sum ≥ k" where the parent is
         * published, smallest count first, zeros included), without witnesses.
         */
        GROUP_RULE_ONLY
    }

    private final int threshold;
    private final Mode mode;
    private final List<InsiderScope> insiders;

    /** Suppression with the {@link #DEFAULT_THRESHOLD default threshold} {@code k = 5}. */
    public SmallCellSuppression() {
        this(DEFAULT_THRESHOLD);
    }

    /**
     * Suppression with threshold {@code k}.
     *
     * @param threshold {@code k}: counts {@code 1..k-1} are suppressed; {@code 1} suppresses nothing
     * @throws IllegalArgumentException if {@code threshold < 1}
     */
    public SmallCellSuppression(int threshold) {
        this(threshold, Mode.FULL, List.of());
    }

    /**
     * Suppression with threshold {@code k} that also protects against insiders: for every scope {@code
     * S} in {@code insiders}, someone who knows every cell inside {@code S} exactly (see {@link
     * InsiderScope}) and sees the published cells still cannot derive any suppressed cell outside
     * {@code S}. Pass the scopes of every user with case access to this area (lurah, camat, puskesmas,
     * kader, ...); an empty list gives exactly {@link #SmallCellSuppression(int)}.
     *
     * @param threshold {@code k}: counts {@code 1..k-1} are suppressed; {@code 1} suppresses nothing
     * @param insiders the insider scopes; their keys must be areas of the tables passed to {@link
     *     #apply} (restrict the list to the lattice's region first)
     * @throws IllegalArgumentException if {@code threshold < 1}
     * @throws NullPointerException if {@code insiders} or an element is null
     */
    public SmallCellSuppression(int threshold, List<InsiderScope> insiders) {
        this(threshold, Mode.FULL, insiders);
    }

    SmallCellSuppression(int threshold, Mode mode) {
        this(threshold, mode, List.of());
    }

    SmallCellSuppression(int threshold, Mode mode, List<InsiderScope> insiders) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold k must be >= 1, got " + threshold);
        }
        this.threshold = threshold;
        this.mode = Objects.requireNonNull(mode, "mode must not be null");
        this.insiders = List.copyOf(Objects.requireNonNull(insiders, "insiders must not be null"));
    }

    /** The threshold {@code k}. */
    public int threshold() {
        return threshold;
    }

    /** The insider scopes protected against, empty if none. */
    public List<InsiderScope> insiders() {
        return insiders;
    }

    /**
     * Decides, for every cell of {@code table}, whether its count may be published.
     *
     * @param table exact counts
     * @return published counts and suppressed cells
     * @throws NullPointerException if {@code table} is null
     * @throws IllegalArgumentException if an insider scope names a key that is not an area of {@code
     *     table}
     */
    public SuppressionResult apply(CellTable table) {
        Objects.requireNonNull(table, "table must not be null");
        return new Run(List.of(table), List.of(new int[] {0}), threshold, mode, insiders)
                .run()
                .get(0);
    }

    /**
     * Suppresses a family of <em>related</em> counts of one lattice together, so that an attacker who
     * holds all of them and knows how they relate still cannot derive a suppressed cell.
     *
     * <p>The family is given as disjoint non-negative <em>atoms</em> (e.g. for TB: cases treated
     * successfully, cases with another outcome, cases without an outcome yet) and the published
     * counts as sums of atoms (notified = all three, with an outcome = the first two, successes = the
     * first). Orderings such as "successes ≤ with an outcome ≤ notified" are then facts about atoms
     * (each is at least 0), and an attacker may use all of them.
     *
     * <p>Each count has its own suppression pattern, and each rule runs for every count: primary (a
     * count in {@code 1..k-1}), the group rule on that count's equations, and the witness rule: for
     * every suppressed cell of a count, a rectangle move that adds to one of the count's atoms and takes
     * the same from one atom outside it (or from none), keeps both atoms non-negative, and touches only
     * cells suppressed in every count it changes (the counts holding exactly one of the two atoms; the
     * others see no change). Applied to the atoms, it gives a second family of non-negative atoms whose
     * published cells are all unchanged, in which that count differs at that cell; so the count is not
     * derivable from the published cells, the lattice equations and every relation between the atoms.
     * Moving between atoms keeps the damage local: TB successes move between "cured" and "another
     * outcome" without touching the notified count, so a few successes do not hide the notifications.
     * The insider rule holds per count as in {@link #apply}.
     *
     * @param atoms the atom tables, on the same two axes
     * @param counts the published counts, each as the indexes of its atoms (non-empty, no repeats)
     * @return one result per count, in the order of {@code counts}
     * @throws IllegalArgumentException if the tables' axes differ, or a count names no or an unknown
     *     atom
     */
    public List<SuppressionResult> applyRelated(List<CellTable> atoms, List<int[]> counts) {
        Objects.requireNonNull(atoms, "atoms must not be null");
        Objects.requireNonNull(counts, "counts must not be null");
        if (atoms.isEmpty() || counts.isEmpty()) {
            throw new IllegalArgumentException("give at least one atom and one count");
        }
        for (CellTable atom : atoms) {
            if (!atom.areas().equals(atoms.get(0).areas())
                    || !atom.periods().equals(atoms.get(0).periods())) {
                throw new IllegalArgumentException("all atoms must share the lattice's axes");
            }
        }
        for (int[] count : counts) {
            if (count.length == 0
                    || Arrays.stream(count).distinct().count() != count.length
                    || Arrays.stream(count).anyMatch(a -> a < 0 || a >= atoms.size())) {
                throw new IllegalArgumentException(
                        "count " + Arrays.toString(count) + " must name distinct atoms among 0.." + (atoms.size() - 1));
            }
        }
        return new Run(atoms, counts, threshold, mode, insiders).run();
    }

    // ===============================================================================================

    /** One application of the rules to one family of counts; holds all mutable state. */
    private static final class Run {

        private static final byte PUBLISHED = 0;
        private static final long INFEASIBLE = Long.MAX_VALUE / 4;

        private final Hierarchy areas;
        private final Hierarchy periods;
        private final int np;
        private final int cells;
        /** Per atom, per cell: its count (parents are sums, as in the {@link CellTable}). */
        private final long[][] atom;
        /** Per published count: the atoms it sums. */
        private final int[][] members;
        /** Per published count, per cell: the sum of its atoms. */
        private final long[][] total;

        private final int k;
        private final Mode mode;
        /**
         * Per count: the atom pairs its witnesses may move, in tiers: first those that change the fewest other counts,
         * then the rest.
         */
        private final List<List<AtomPair>> tiers = new ArrayList<>();

        /** Per count, per cell: {@link #PUBLISHED} or a {@link SuppressionReason} ordinal + 1. */
        private final byte[][] state;
        /** Per count, per cell: index into {@link #moves} of its witness, or -1. */
        private final int[][] witness;

        private final List<int[]> moves = new ArrayList<>();
        private final PeriodOption[][] periodOptions;

        // Insiders. Scope sets are bitsets of `words` longs: one bit per scope.
        private final List<InsiderScope> insiders;
        private final int words;
        /** Per area: the scopes it lies inside (all its leaves covered); for a leaf, those covering it. */
        private final long[] inside;
        /**
         * Per count, per cell with a witness: the scopes {@code S} (with the cell's area not inside {@code
         * S}) that every witness found so far touches, so that the cell still needs a witness avoiding
         * {@code S}.
         */
        private final long[][] open;
        /** Scopes whose leaves the current search must not use; {@link #avoiding} says whether any. */
        private final long[] avoid;

        private boolean avoiding;
        private final long[] blocked;
        /** Every move covering a cell, per count, as linked lists: head per cell, then (move, next). */
        private final int[][] coverHead;

        private int[] coverMove = new int[64];
        private int[] coverNext = new int[64];
        private int covers;

        // Scratch for the area search.
        private final int[] mark;
        private int markStamp;
        private int lastLeaf;
        /** The atoms the current search moves up ({@link #plus}) and down ({@link #minus}, or null). */
        private long[] plus;

        private long[] minus;
        /** The counts the current atom pair changes (those holding exactly one of the two atoms). */
        private int[] affected;

        // Best rectangle found so far for the cell being certified.
        private long bestCost;
        private int bestR1;
        private int bestR2;
        private int bestSign;
        private AtomPair bestPair;
        private PeriodOption bestPeriod;

        Run(List<CellTable> tables, List<int[]> counts, int k, Mode mode, List<InsiderScope> insiders) {
            this.areas = tables.get(0).areas();
            this.periods = tables.get(0).periods();
            this.np = periods.size();
            this.k = k;
            this.mode = mode;
            this.cells = tables.get(0).cellCount();
            this.atom = new long[tables.size()][cells];
            for (int a = 0; a < tables.size(); a++) {
                for (int c = 0; c < cells; c++) {
                    atom[a][c] = tables.get(a).countAt(c);
                }
            }
            this.members = counts.stream().map(int[]::clone).toArray(int[][]::new);
            this.total = new long[members.length][cells];
            for (int i = 0; i < members.length; i++) {
                for (int a : members[i]) {
                    for (int c = 0; c < cells; c++) {
                        total[i][c] += atom[a][c];
                    }
                }
                tiers.add(pairs(i));
            }
            this.state = new byte[members.length][cells];
            this.witness = new int[members.length][cells];
            for (int[] w : witness) {
                Arrays.fill(w, -1);
            }
            this.periodOptions = new PeriodOption[np][];
            this.mark = new int[areas.size()];
            this.insiders = insiders;
            this.words = (insiders.size() + 63) / 64;
            this.inside = insideBits();
            this.open = new long[members.length][cells * words];
            this.avoid = new long[words];
            this.blocked = new long[words];
            this.coverHead = new int[members.length][cells];
            for (int[] head : coverHead) {
                Arrays.fill(head, -1);
            }
        }

        /**
         * The atom pairs a witness of count {@code i} may move: an atom of the count up, and an atom outside it down
         * (or none). Such a move changes the count, and every other count holding exactly one of the two atoms. Listed
         * with the pairs changing the fewest counts first (tier 0); the rest follow as tier 1.
         */
        private List<AtomPair> pairs(int i) {
            List<AtomPair> all = new ArrayList<>();
            int fewest = Integer.MAX_VALUE;
            for (int a : members[i]) {
                for (int b = -1; b < atom.length; b++) {
                    if (b < 0 || !contains(members[i], b)) {
                        int[] changed = changedCounts(a, b);
                        fewest = Math.min(fewest, changed.length);
                        all.add(new AtomPair(a, b, 0, changed));
                    }
                }
            }
            List<AtomPair> result = new ArrayList<>();
            for (int tier = 0; tier <= 1; tier++) {
                for (AtomPair pair : all) {
                    if ((pair.changed().length == fewest) == (tier == 0)) {
                        result.add(new AtomPair(pair.plus(), pair.minus(), tier, pair.changed()));
                    }
                }
            }
            return result;
        }

        /**
         * A witness's atoms: {@code plus} gains what {@code minus} (-1: none) loses; {@code changed} are the counts this
         * changes (those holding exactly one of the two).
         */
        private record AtomPair(int plus, int minus, int tier, int[] changed) {}

        /** The counts holding exactly one of atoms {@code a} and {@code b} ({@code b} may be -1: none). */
        private int[] changedCounts(int a, int b) {
            return java.util.stream.IntStream.range(0, members.length)
                    .filter(j -> contains(members[j], a) != (b >= 0 && contains(members[j], b)))
                    .toArray();
        }

        /** The {@link #inside} bitsets: leaves below a scope's keys, then areas all of whose children are. */
        private long[] insideBits() {
            long[] bits = new long[areas.size() * words];
            for (int s = 0; s < insiders.size(); s++) {
                InsiderScope scope = insiders.get(s);
                for (String key : scope.areas()) {
                    if (!areas.contains(key)) {
                        throw new IllegalArgumentException("insider scope '" + scope.label() + "': '" + key
                                + "' is not an area of the lattice rooted at " + areas.root());
                    }
                    int x = areas.indexOf(key);
                    for (int leaf = x; leaf < areas.subtreeEnd(x); leaf++) {
                        if (areas.isLeafIndex(leaf)) {
                            bits[leaf * words + (s >>> 6)] |= 1L << s;
                        }
                    }
                }
            }
            // Reverse pre-order: children (higher indexes) are final before their parent.
            for (int a = areas.size() - 1; a >= 0; a--) {
                int[] kids = areas.childIndexes(a);
                for (int w = 0; w < words && kids.length > 0; w++) {
                    long all = -1L;
                    for (int kid : kids) {
                        all &= bits[kid * words + w];
                    }
                    bits[a * words + w] = all;
                }
            }
            return bits;
        }

        List<SuppressionResult> run() {
            for (int i = 0; i < members.length; i++) {
                for (int c = 0; c < cells; c++) {
                    if (total[i][c] > 0 && total[i][c] < k) {
                        state[i][c] = (byte) (SuppressionReason.PRIMARY.ordinal() + 1);
                    }
                }
            }
            switch (mode) {
                case PRIMARY_ONLY -> {}
                case GROUP_RULE_ONLY -> groupRule(true);
                case FULL -> {
                    do {
                        groupRule(false);
                    } while (certifyAll());
                }
                default -> throw new IllegalStateException(mode.toString());
            }
            List<SuppressionResult> results = new ArrayList<>();
            int[] moveTo = Arrays.copyOf(coverMove, covers);
            int[] next = Arrays.copyOf(coverNext, covers);
            for (int i = 0; i < members.length; i++) {
                results.add(new SuppressionResult(
                        areas,
                        periods,
                        k,
                        total[i],
                        state[i],
                        witness[i],
                        moves,
                        insiders,
                        coverHead[i],
                        moveTo,
                        next));
            }
            return results;
        }

        // --- group rule --------------------------------------------------------------------------------

        /** Applies the group rule to every equation of every count until nothing changes. */
        private void groupRule(boolean literal) {
            int[] kids = new int[Math.max(areas.size(), np)];
            boolean changed;
            do {
                changed = false;
                for (int i = 0; i < members.length; i++) {
                    long[] count = total[i];
                    byte[] st = state[i];
                    for (int a = 0; a < areas.size(); a++) {
                        int[] areaKids = areas.childIndexes(a);
                        for (int p = 0; p < np; p++) {
                            int parent = a * np + p;
                            if (areaKids.length > 0 && st[parent] == PUBLISHED) {
                                for (int x = 0; x < areaKids.length; x++) {
                                    kids[x] = areaKids[x] * np + p;
                                }
                                changed |= fixGroup(count, st, kids, areaKids.length, literal);
                            }
                            int[] periodKids = periods.childIndexes(p);
                            if (periodKids.length > 0 && st[parent] == PUBLISHED) {
                                for (int x = 0; x < periodKids.length; x++) {
                                    kids[x] = a * np + periodKids[x];
                                }
                                changed |= fixGroup(count, st, kids, periodKids.length, literal);
                            }
                        }
                    }
                }
            } while (changed);
        }

        /**
         * Makes one published-parent group of one count satisfy the rule: no suppressed child, or at least
         * two with sum ≥ k ({@code literal}), or sum ≥ k (non-literal: "at least two" follows from the
         * witnesses).
         */
        private boolean fixGroup(long[] count, byte[] state, int[] kids, int n, boolean literal) {
            boolean changed = false;
            while (true) {
                int suppressed = 0;
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    if (state[kids[i]] != PUBLISHED) {
                        suppressed++;
                        sum += count[kids[i]];
                    }
                }
                boolean ok = suppressed == 0 || (sum >= k && (!literal || suppressed >= 2));
                if (ok) {
                    return changed;
                }
                int pick = -1;
                for (int i = 0; i < n; i++) {
                    int c = kids[i];
                    boolean candidate = state[c] == PUBLISHED && (literal || count[c] > 0);
                    if (candidate && (pick < 0 || count[c] < count[pick])) {
                        pick = c;
                    }
                }
                if (pick < 0) {
                    // Only possible for a published 0 over suppressed zeros, which the witness rule never builds.
                    return changed;
                }
                state[pick] = (byte) (SuppressionReason.SECONDARY.ordinal() + 1);
                changed = true;
            }
        }

        // --- witness rule ------------------------------------------------------------------------------

        /**
         * Gives every suppressed cell of every count a witness, and for every insider scope not
         * containing it one that avoids the scope's leaves; returns whether any cell was newly suppressed.
         */
        private boolean certifyAll() {
            boolean added = false;
            for (int c = 0; c < cells; c++) {
                for (int i = 0; i < members.length; i++) {
                    if (state[i][c] == PUBLISHED) {
                        continue;
                    }
                    if (witness[i][c] < 0) {
                        avoiding = false;
                        added |= certify(i, c / np, c % np);
                    }
                    // Each move found avoids the first open scope, so it leaves the open set: this terminates.
                    for (int s = firstOpen(i, c); s >= 0; s = firstOpen(i, c)) {
                        avoidOpenScopes(i, c, s);
                        added |= certify(i, c / np, c % np);
                    }
                }
            }
            return added;
        }

        private int firstOpen(int count, int cell) {
            for (int w = 0; w < words; w++) {
                long bits = open[count][cell * words + w];
                if (bits != 0) {
                    return w * 64 + Long.numberOfTrailingZeros(bits);
                }
            }
            return -1;
        }

        /**
         * Sets up the search for a witness of {@code cell} avoiding scope {@code s}: the search avoids
         * all of the cell's open scopes when one move can (cheaper in moves), else just {@code s}.
         */
        private void avoidOpenScopes(int count, int cell, int s) {
            avoiding = true;
            System.arraycopy(open[count], cell * words, avoid, 0, words);
            if (!hasAvoidableLeaf(cell / np)) {
                Arrays.fill(avoid, 0);
                avoid[s >>> 6] = 1L << s;
            }
        }

        /** Whether some leaf below {@code a} lies in none of the {@link #avoid avoided} scopes. */
        private boolean hasAvoidableLeaf(int a) {
            if (excluded(a)) {
                return false;
            }
            for (int x = a; x < areas.subtreeEnd(a); x++) {
                if (areas.isLeafIndex(x) && !excluded(x)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether area {@code x} lies inside one of the avoided scopes (its leaves are off limits). */
        private boolean excluded(int x) {
            int base = x * words;
            for (int w = 0; w < words; w++) {
                if ((inside[base + w] & avoid[w]) != 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Finds and applies the cheapest witness of count {@code i} at cell (a, p) over its atom pairs: the
         * first tier, then (only if none is feasible) the second.
         */
        private boolean certify(int i, int a, int p) {
            bestCost = INFEASIBLE;
            int tier = 0;
            search:
            for (AtomPair pair : tiers.get(i)) {
                if (pair.tier() != tier) {
                    if (bestCost < INFEASIBLE) {
                        break;
                    }
                    tier = pair.tier();
                }
                plus = atom[pair.plus()];
                minus = pair.minus() < 0 ? null : atom[pair.minus()];
                affected = pair.changed();
                for (PeriodOption option : periodOptions(p)) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        long before = bestCost;
                        searchAreas(a, option, sign);
                        if (bestCost < before) {
                            bestPair = pair;
                        }
                        if (bestCost == 0) {
                            break search;
                        }
                    }
                }
            }
            if (bestCost >= INFEASIBLE) {
                throw new IllegalStateException("no witness for cell " + a + "," + p); // cannot happen
            }
            affected = bestPair.changed();
            return applyMove();
        }

        /**
         * For a fixed period part {@code v} and sign, finds the cheapest area part: {@code r1} below
         * {@code a}, and {@code r2} below another child of some ancestor {@code L} of {@code a} (or no
         * {@code r2}: the path from {@code r1} to the root). Updates the best rectangle.
         */
        private void searchAreas(int a, PeriodOption v, int sign) {
            // Leaf-months where the move takes 1 from an atom must hold at least one case of it (see class docs):
            // at r1 the plus atom moves by sign in m1 and by -sign in m2 (the minus atom the other way); at r2
            // reversed.
            long path = bestDown(a, v, sign, bestCost);
            if (path >= bestCost) {
                return;
            }
            int r1 = lastLeaf;
            int child = a;
            for (int l = areas.parentIndex(a); l >= 0; child = l, l = areas.parentIndex(l)) {
                for (int sibling : areas.childIndexes(l)) {
                    if (path >= bestCost) {
                        return;
                    }
                    if (sibling != child) {
                        long below = bestDown(sibling, v, -sign, bestCost - path);
                        if (below < INFEASIBLE) {
                            remember(path + below, r1, lastLeaf, sign, v);
                        }
                    }
                }
                path += periodCost(l, v);
            }
            if (path < bestCost) {
                remember(path, r1, -1, sign, v);
            }
        }

        private void remember(long cost, int r1, int r2, int sign, PeriodOption v) {
            bestCost = cost;
            bestR1 = r1;
            bestR2 = r2;
            bestSign = sign;
            bestPeriod = v;
        }

        /**
         * Whether the leaves below {@code x} may hold the corner of a move that changes the plus atom by
         * {@code s} in month m1 and by {@code -s} in m2 (the minus atom the other way): some case of the
         * atom taken from, in each month where one is taken (a necessary condition at an inner node,
         * sufficient at a leaf).
         */
        private boolean feasible(int x, PeriodOption v, int s) {
            int base = x * np;
            if (s < 0 ? plus[base + v.m1] == 0 : minus != null && minus[base + v.m1] == 0) {
                return false;
            }
            return v.m2 < 0 || !(s > 0 ? plus[base + v.m2] == 0 : minus != null && minus[base + v.m2] == 0);
        }

        /**
         * Cheapest path from a leaf {@code r} of {@code x}'s subtree up to {@code x} (inclusive) where a
         * corner with sign {@code s} is {@link #feasible}, by branch and bound: returns its cost if below
         * {@code budget}, else {@link #INFEASIBLE}. The leaf is left in {@link #lastLeaf}; among equally
         * cheap leaves the first in pre-order wins. A node's cost is {@link #periodCost}.
         */
        private long bestDown(int x, PeriodOption v, int s, long budget) {
            if (!feasible(x, v, s)) {
                return INFEASIBLE; // no leaf below x has the cases this corner takes away
            }
            if (avoiding && excluded(x)) {
                return INFEASIBLE; // every leaf below x is known to an insider the witness must not touch
            }
            long own = periodCost(x, v);
            if (own >= budget) {
                return INFEASIBLE;
            }
            int[] kids = areas.childIndexes(x);
            if (kids.length == 0) {
                lastLeaf = x;
                return own;
            }
            long best = INFEASIBLE;
            int leaf = -1;
            for (int kid : kids) {
                long below = bestDown(kid, v, s, Math.min(budget, best) - own);
                if (below < INFEASIBLE && own + below < best) {
                    best = own + below;
                    leaf = lastLeaf;
                }
            }
            lastLeaf = leaf;
            return best;
        }

        /**
         * Information lost by suppressing the cells {@code {area} × V} of the counts the current pair
         * changes: Σ (count + 1) over the published ones.
         */
        private long periodCost(int area, PeriodOption v) {
            long cost = 0;
            int base = area * np;
            for (int j : affected) {
                byte[] st = state[j];
                long[] count = total[j];
                for (int p : v.nodes) {
                    if (st[base + p] == PUBLISHED) {
                        cost += count[base + p] + 1;
                    }
                }
            }
            return cost;
        }

        /**
         * Suppresses the best rectangle's cells in every count it changes, makes it their witness where
         * they have none, and removes from their open insider scopes those it does not touch.
         */
        private boolean applyMove() {
            int id = moves.size();
            moves.add(
                    new int[] {bestSign, bestR1, bestR2, bestPeriod.m1, bestPeriod.m2, bestPair.plus(), bestPair.minus()
                    });
            for (int w = 0; w < words; w++) {
                blocked[w] = inside[bestR1 * words + w] | (bestR2 < 0 ? 0 : inside[bestR2 * words + w]);
            }
            boolean added = false;
            for (int area : symmetricPath(bestR1, bestR2)) {
                for (int p : bestPeriod.nodes) {
                    int c = area * np + p;
                    for (int j : affected) {
                        if (state[j][c] == PUBLISHED) {
                            state[j][c] = (byte) (SuppressionReason.SECONDARY.ordinal() + 1);
                            added = true;
                        }
                        if (witness[j][c] < 0) {
                            witness[j][c] = id;
                            for (int w = 0; w < words; w++) {
                                open[j][c * words + w] = blocked[w] & ~inside[area * words + w];
                            }
                        } else {
                            for (int w = 0; w < words; w++) {
                                open[j][c * words + w] &= blocked[w];
                            }
                        }
                        cover(j, c, id);
                    }
                }
            }
            return added;
        }

        private static boolean contains(int[] values, int value) {
            for (int v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }

        private void cover(int count, int cell, int move) {
            if (covers == coverMove.length) {
                coverMove = Arrays.copyOf(coverMove, covers * 2);
                coverNext = Arrays.copyOf(coverNext, covers * 2);
            }
            coverMove[covers] = move;
            coverNext[covers] = coverHead[count][cell];
            coverHead[count][cell] = covers++;
        }

        /** Areas containing exactly one of {@code r1}, {@code r2} (all ancestors of r1 if r2 < 0). */
        private List<Integer> symmetricPath(int r1, int r2) {
            List<Integer> result = new ArrayList<>();
            markStamp++;
            for (int n = r2; n >= 0; n = areas.parentIndex(n)) {
                mark[n] = markStamp;
            }
            int lca = -1;
            for (int n = r1; n >= 0; n = areas.parentIndex(n)) {
                if (mark[n] == markStamp) {
                    lca = n;
                    break;
                }
                result.add(n);
            }
            for (int n = r2; n >= 0 && n != lca; n = areas.parentIndex(n)) {
                result.add(n);
            }
            return result;
        }

        // --- period options ----------------------------------------------------------------------------

        /** The period parts usable for a cell in period {@code p}, built once per period node. */
        private PeriodOption[] periodOptions(int p) {
            if (periodOptions[p] == null) {
                List<PeriodOption> options = new ArrayList<>();
                int[] leaves = periods.leafIndexes();
                for (int m1 : leaves) {
                    if (m1 < p || m1 >= periods.subtreeEnd(p)) {
                        continue;
                    }
                    for (int m2 : leaves) {
                        if (m2 < p || m2 >= periods.subtreeEnd(p)) {
                            options.add(new PeriodOption(m1, m2, periodPath(m1, m2)));
                        }
                    }
                    options.add(new PeriodOption(m1, -1, periodPath(m1, -1)));
                }
                periodOptions[p] = options.toArray(new PeriodOption[0]);
            }
            return periodOptions[p];
        }

        /** Periods containing exactly one of {@code m1}, {@code m2} (all ancestors of m1 if m2 < 0). */
        private int[] periodPath(int m1, int m2) {
            boolean[] inM2 = new boolean[np];
            for (int n = m2; n >= 0; n = periods.parentIndex(n)) {
                inM2[n] = true;
            }
            List<Integer> nodes = new ArrayList<>();
            int lca = -1;
            for (int n = m1; n >= 0; n = periods.parentIndex(n)) {
                if (inM2[n]) {
                    lca = n;
                    break;
                }
                nodes.add(n);
            }
            for (int n = m2; n >= 0 && n != lca; n = periods.parentIndex(n)) {
                nodes.add(n);
            }
            return nodes.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * The period part {@code e_m1 − e_m2} (or {@code e_m1} when {@code m2 < 0}) of a rectangle move;
         * {@code nodes} are the periods it changes.
         */
        private record PeriodOption(int m1, int m2, int[] nodes) {}
    }
}
