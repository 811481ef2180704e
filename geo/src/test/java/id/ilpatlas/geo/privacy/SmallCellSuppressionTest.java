package id.ilpatlas.geo.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.geo.region.RegionCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest {

    private static final SmallCellSuppression K5 = new SmallCellSuppression();

    /** One small cell (RW002, March = 2) among counts of 5..9; unassigned leaves are all 0. */
    static final CellTable ONE_SMALL_CELL = Lattices.ascii("""
                           Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
      33.75.01.1001.RW001    6   7   5   8   6   9   7   6   5   8   7   6
      33.75.01.1001.RW002    5   6   2   7   8   5   6   9   7   5   6   8
      33.75.01.1001.RW003    7   5   6   6   7   8   5   7   6   9   5   7
      33.75.01.1002.RW001    9   8   7   6   5   7   8   6   9   7   6   5
      33.75.01.1002.RW002    6   7   8   5   9   6   7   8   5   6   7   9
      """);

    /** Two RWs, cases only in January and February; the 2 is the only small cell. */
    private static final CellTable SPARSE = Lattices.ascii("""
                           Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
      33.75.01.1001.RW001    2   6   0   0   0   0   0   0   0   0   0   0
      33.75.01.1001.RW002    6   0   0   0   0   0   0   0   0   0   0   0
      """);

    @Test
    void aSingleSmallCellIsHiddenInARectangleOfFourCells() {
        SuppressionResult result = K5.apply(ONE_SMALL_CELL);

        // Columns: year, then per quarter: quarter, month, month, month.
        assertThat(Lattices.mask(result)).isEqualTo("""
        33.75                     . .... .... .... ....
        33.75.01                  . .... .... .... ....
        33.75.01.1001             . .... .... .... ....
        33.75.01.1001.RW001       . .x.x .... .... ....
        33.75.01.1001.RW002       . .x.x .... .... ....
        33.75.01.1001.RW003       . .... .... .... ....
        33.75.01.1001.UNASSIGNED  . .... .... .... ....
        33.75.01.1002             . .... .... .... ....
        33.75.01.1002.RW001       . .... .... .... ....
        33.75.01.1002.RW002       . .... .... .... ....
        33.75.01.1002.UNASSIGNED  . .... .... .... ....
        """);
        assertThat(result.cell("33.75.01.1001.RW002", "2025-03"))
                .isEqualTo(new CellOutcome(
                        "33.75.01.1001.RW002",
                        "2025-03",
                        OptionalLong.empty(),
                        Optional.of(SuppressionReason.PRIMARY)));
        assertThat(result.cell("33.75.01.1001.RW001", "2025-01").reason()).contains(SuppressionReason.SECONDARY);
        // The kelurahan's March (13) minus the published RW003 (6) and unassigned (0) leaves 7 for two cells.
        assertThat(result.published("33.75.01.1001", "2025-03")).hasValue(13);
        assertThat(result.published("33.75.01.1001.RW003", "2025-03")).hasValue(6);
        assertThat(result.toString())
                .isEqualTo("SuppressionResult[k=5, cells=187, suppressed=4 (primary 1, secondary 3)]");
    }

    @Test
    void zerosArePublishedAndOnlyOneToKMinusOneIsPrimary() {
        CellTable table = Lattices.ascii("""
                             Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
        33.75.01.1001.RW001    0   5   0  12   0   0   9   0   0   0   0  40
        33.75.01.1001.RW002    0   0   0   0   7   0   0   0   0   0   0   0
        """);
        SuppressionResult result = K5.apply(table);

        assertThat(result.suppressedCount()).isZero();
        assertThat(result.published("33.75.01.1001.RW002", "2025-01")).hasValue(0);
        assertThat(result.published("33.75.01.1001.RW001", "2025-02")).hasValue(5);

        for (int k = 1; k <= 12; k++) {
            CellTable random = Lattices.randomKota(k);
            for (CellOutcome cell : new SmallCellSuppression(k).apply(random).cells()) {
                long count = random.count(cell.area(), cell.period());
                assertThat(cell.reason()
                                .filter(r -> r == SuppressionReason.PRIMARY)
                                .isPresent())
                        .as("k=%d %s|%s = %d", k, cell.area(), cell.period(), count)
                        .isEqualTo(count > 0 && count < k);
            }
        }
    }

    @Test
    void oneCaseInTheWholeKotaSuppressesExactlyItsTwelveEnclosingCells() {
        CellTable table = Lattices.ascii("""
        33.75.01.1001.RW001    0   0   0   0   0   0   0   0   0   0   1   0
        33.75.01.1001.RW002    0   0   0   0   0   0   0   0   0   0   0   0
        33.75.02.2001.RW001    0   0   0   0   0   0   0   0   0   0   0   0
        """);
        SuppressionResult result = K5.apply(table);

        assertThat(Lattices.mask(result)).isEqualTo("""
        33.75                     x .... .... .... x.x.
        33.75.01                  x .... .... .... x.x.
        33.75.01.1001             x .... .... .... x.x.
        33.75.01.1001.RW001       x .... .... .... x.x.
        33.75.01.1001.RW002       . .... .... .... ....
        33.75.01.1001.UNASSIGNED  . .... .... .... ....
        33.75.02                  . .... .... .... ....
        33.75.02.2001             . .... .... .... ....
        33.75.02.2001.RW001       . .... .... .... ....
        33.75.02.2001.UNASSIGNED  . .... .... .... ....
        """);
        assertThat(result.suppressedCount(SuppressionReason.PRIMARY)).isEqualTo(12);
        assertThat(result.suppressedCount(SuppressionReason.SECONDARY)).isZero();
    }

    @Test
    void zerosAreNeverUsedWhereAPublishedZeroWouldGiveThemAway() {
        // The literal rule ("smallest count first") hides the 2 behind zeros, which the
        // published zero totals of March and of the unassigned leaf then reveal.
        SuppressionResult literal =
                new SmallCellSuppression(5, SmallCellSuppression.Mode.GROUP_RULE_ONLY).apply(SPARSE);
        assertThat(DifferencingAttacker.attack(literal).recovered(literal))
                .contains("33.75.01.1001.RW001|2025-03=0", "33.75.01.1001.UNASSIGNED|2025-01=0");

        SuppressionResult result = K5.apply(SPARSE);
        assertThat(Lattices.mask(result)).isEqualTo("""
        33.75                     . .... .... .... ....
        33.75.01                  . .... .... .... ....
        33.75.01.1001             . .... .... .... ....
        33.75.01.1001.RW001       . .xx. .... .... ....
        33.75.01.1001.RW002       . .xx. .... .... ....
        33.75.01.1001.UNASSIGNED  . .... .... .... ....
        """);
        // RW002's February is a suppressed 0, but it is protected: 2+6 / 6+0 could also be 3+5 / 5+1.
        DifferencingAttacker attacker = DifferencingAttacker.attack(result);
        assertThat(attacker.recovered(result)).isEmpty();
        assertThat(attacker.lo("33.75.01.1001.RW001", "2025-01")).isEqualTo(2);
        assertThat(attacker.hi("33.75.01.1001.RW001", "2025-01")).isEqualTo(8);
    }

    @Test
    void isDeterministicAndIndependentOfRegisterOrder() {
        Random random = new Random(7);
        List<RegionCode> register = Lattices.randomRegister(random);
        List<RegionCode> shuffled = new ArrayList<>(register);
        Collections.shuffle(shuffled, random);
        CellTable.Builder a = CellTable.builder(Hierarchies.areas(Lattices.KOTA, register), Hierarchies.periods(2025));
        CellTable.Builder b = CellTable.builder(Hierarchies.areas(Lattices.KOTA, shuffled), Hierarchies.periods(2025));
        for (RegionCode rw : register) {
            for (int m = 1; m <= 12; m++) {
                long count = Lattices.poisson(random, 0.7);
                a.add(rw.dotted(), Lattices.month(m), count);
                b.add(rw.dotted(), Lattices.month(m), count);
            }
        }

        List<CellOutcome> first = K5.apply(a.build()).cells();
        assertThat(K5.apply(a.build()).cells()).isEqualTo(first);
        assertThat(K5.apply(b.build()).cells()).isEqualTo(first);
        assertThat(first).anyMatch(CellOutcome::suppressed);
    }

    @Test
    void thresholdOneSuppressesNothing() {
        assertThat(new SmallCellSuppression(1).apply(Lattices.randomKota(3)).suppressedCount())
                .isZero();
        assertThat(K5.threshold())
                .isEqualTo(SmallCellSuppression.DEFAULT_THRESHOLD)
                .isEqualTo(5);
        assertThatThrownBy(() -> new SmallCellSuppression(0)).hasMessage("threshold k must be >= 1, got 0");
    }

    @Test
    void outcomeHasEitherACountOrAReason() {
        assertThatThrownBy(() -> new CellOutcome("a", "p", OptionalLong.of(3), Optional.of(SuppressionReason.PRIMARY)))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new CellOutcome("a", "p", OptionalLong.empty(), Optional.empty()))
                .hasMessageContaining("not neither");
        assertThat(new CellOutcome("a", "p", OptionalLong.empty(), Optional.of(SuppressionReason.SECONDARY))
                        .suppressed())
                .isTrue();
    }
}
