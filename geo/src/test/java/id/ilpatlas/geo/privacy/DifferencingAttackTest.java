package id.ilpatlas.geo.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Attacks published lattices with {@link DifferencingAttacker} (interval propagation over every
 * equation of both axes) and checks every suppressed cell exactly with its witness ({@link
 * Audits#witnessViolations}: a second non-negative integer table agreeing with all published cells).
 *
 * <p>Micro-check, not asserted (warm JIT, this dev container): a random kota of 305 areas × 17 periods
 * (5,185 cells, ~2,600 suppressed) takes a median of 1.1–1.4 ms per {@code apply}; a large kabupaten of
 * 3,626 areas × 17 periods (25 kecamatan × 12 desa × 10 RWs, 61,642 cells) takes 1–25 ms depending on
 * sparsity. Measured with {@code System.nanoTime()} around 100 repeated calls.
 */
@Slow
class DifferencingAttackTest {

    private static final int RANDOM_LATTICES = 200;

    @Test
    void fullSuppressionWithstandsTheAttackerOnRandomKotas() {
        int lattices = 0;
        long suppressed = 0;
        long primary = 0;
        for (long seed = 0; seed < RANDOM_LATTICES; seed++) {
            SuppressionResult result = assertProtected(Lattices.randomKota(seed), 5, "random kota seed " + seed);
            lattices++;
            suppressed += result.suppressedCount();
            primary += result.suppressedCount(SuppressionReason.PRIMARY);
        }
        for (int k : new int[] {2, 3, 10, 11}) {
            for (long seed = 1000L * k; seed < 1000L * k + 25; seed++) {
                suppressed += assertProtected(Lattices.randomKota(seed), k, "random kota seed " + seed + ", k=" + k)
                        .suppressedCount();
                lattices++;
            }
        }
        // 300 lattices; with k=5 alone: 343,094 suppressed cells (303,847 primary) out of 993,956.
        assertThat(lattices).isEqualTo(300);
        assertThat(primary).isGreaterThan(100_000);
        assertThat(suppressed).isGreaterThan(primary);
    }

    @Test
    void fullSuppressionWithstandsTheAttackerOnExtremeKotas() {
        extreme("all zeros", 0, b -> {});
        extreme("one case in total", 1, b -> b.add(leaf(b, 1, 17), Lattices.month(11), 1));
        extreme("a single RW with everything", 2, b -> {
            Random random = new Random(2);
            for (int m = 1; m <= 12; m++) {
                b.add(leaf(b, 2, 40), Lattices.month(m), random.nextInt(9));
            }
        });
        extreme("a single unassigned leaf with everything", 3, b -> {
            for (int m = 1; m <= 12; m++) {
                b.add(unassignedLeaf(b), Lattices.month(m), m % 4);
            }
        });
        for (int cases = 2; cases <= 4; cases++) {
            int n = cases;
            extreme("all cells < k: " + n + " scattered cases", 10 + n, b -> {
                Random random = new Random(n);
                for (int i = 0; i < n; i++) {
                    b.add(leaf(b, n, random.nextInt(1000)), Lattices.month(1 + random.nextInt(12)), 1);
                }
            });
        }
        extreme("every leaf 1", 20, b -> fillLeaves(b, (leaf, m) -> 1L));
        extreme("every leaf k-1", 21, b -> fillLeaves(b, (leaf, m) -> 4L));
        extreme("every leaf k", 22, b -> fillLeaves(b, (leaf, m) -> 5L));
        extreme("one RW-month per kelurahan", 23, b -> {
            List<String> leaves = b.areasForTest().leaves();
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i).endsWith(Hierarchies.UNASSIGNED_SUFFIX)) {
                    b.add(leaves.get(i - 1), Lattices.month(1 + i % 12), 1 + i % 4);
                }
            }
        });
        extreme("dense", 24, b -> {
            Random random = new Random(24);
            fillLeaves(b, (leaf, m) -> Lattices.poisson(random, 9));
        });
    }

    @Test
    void primaryOnlySuppressionIsBrokenByTheAttacker() {
        SuppressionResult naive = new SmallCellSuppression(5, SmallCellSuppression.Mode.PRIMARY_ONLY)
                .apply(SmallCellSuppressionTest.ONE_SMALL_CELL);
        // Kelurahan March 13, minus the published 5 (RW001), 6 (RW003) and 0 (unassigned).
        assertThat(DifferencingAttacker.attack(naive).recovered(naive))
                .containsExactly("33.75.01.1001.RW002|2025-03=2");

        long recovered = 0;
        for (long seed = 0; seed < RANDOM_LATTICES; seed++) {
            SuppressionResult result = new SmallCellSuppression(5, SmallCellSuppression.Mode.PRIMARY_ONLY)
                    .apply(Lattices.randomKota(seed));
            List<String> cells = DifferencingAttacker.attack(result).recovered(result);
            assertThat(cells)
                    .as("primary-only suppression of random kota seed %d", seed)
                    .isNotEmpty();
            recovered += cells.size();
        }
        assertThat(recovered).isEqualTo(24_873);
    }

    @Test
    void theIssuesLiteralGroupRuleIsNotEnough() {
        long recovered = 0;
        long recoveredSmall = 0;
        for (long seed = 0; seed < RANDOM_LATTICES; seed++) {
            CellTable table = Lattices.randomKota(seed);
            SuppressionResult result =
                    new SmallCellSuppression(5, SmallCellSuppression.Mode.GROUP_RULE_ONLY).apply(table);
            for (String cell : DifferencingAttacker.attack(result).recovered(result)) {
                recovered++;
                String[] key = cell.split("[|=]");
                long count = table.count(key[0], key[1]);
                assertThat(Long.parseLong(key[2])).isEqualTo(count);
                recoveredSmall += count > 0 && count < 5 ? 1 : 0;
            }
        }
        // Mostly zeros picked as complements (revealed by published zero totals, e.g. a published 0 for
        // the quarter over three suppressed 0 months, which the rule can then no longer repair) and
        // suppressed totals whose children are all published; but also genuine small counts.
        assertThat(recovered).isEqualTo(5_916);
        assertThat(recoveredSmall).isEqualTo(124);
    }

    // ---------------------------------------------------------------------------------------------

    private static SuppressionResult assertProtected(CellTable table, int k, String name) {
        SuppressionResult result = new SmallCellSuppression(k).apply(table);
        assertThat(Audits.ruleViolations(table, result)).as("rules, %s", name).isEmpty();
        assertThat(DifferencingAttacker.attack(result).recovered(result))
                .as("recovered cells, %s", name)
                .isEmpty();
        assertThat(Audits.witnessViolations(table, result))
                .as("witnesses, %s", name)
                .isEmpty();
        return result;
    }

    private static void extreme(String name, long seed, Consumer<TestBuilder> fill) {
        TestBuilder builder = new TestBuilder(seed);
        fill.accept(builder);
        SuppressionResult result = assertProtected(builder.build(), 5, name + " (register seed " + seed + ")");
        if (name.equals("all zeros") || name.equals("every leaf k")) {
            assertThat(result.suppressedCount()).as(name).isZero();
        } else {
            assertThat(result.suppressedCount()).as(name).isPositive();
        }
    }

    private static String leaf(TestBuilder b, long salt, int pick) {
        List<String> leaves = b.areasForTest().leaves();
        return leaves.get((int) ((pick + salt * 31) % leaves.size()));
    }

    private static String unassignedLeaf(TestBuilder b) {
        return b.areasForTest().leaves().stream()
                .filter(l -> l.endsWith(Hierarchies.UNASSIGNED_SUFFIX))
                .skip(3)
                .findFirst()
                .orElseThrow();
    }

    private static void fillLeaves(TestBuilder b, java.util.function.BiFunction<String, Integer, Long> count) {
        for (String leaf : b.areasForTest().leaves()) {
            for (int m = 1; m <= 12; m++) {
                b.add(leaf, Lattices.month(m), count.apply(leaf, m));
            }
        }
    }

    /** A {@link CellTable.Builder} over a random register that also exposes its area tree. */
    private static final class TestBuilder {
        private final CellTable.Builder builder;
        private final Hierarchy areas;

        TestBuilder(long seed) {
            this.areas = Hierarchies.areas(Lattices.KOTA, Lattices.randomRegister(new Random(seed)));
            this.builder = CellTable.builder(areas, Hierarchies.periods(Lattices.YEAR));
        }

        Hierarchy areasForTest() {
            return areas;
        }

        void add(String area, String period, long count) {
            builder.add(area, period, count);
        }

        CellTable build() {
            return builder.build();
        }
    }
}
