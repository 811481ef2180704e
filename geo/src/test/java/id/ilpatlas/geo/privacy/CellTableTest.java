package id.ilpatlas.geo.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.geo.region.RegionCode;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellTableTest {

    private static final CellTable TABLE = Lattices.ascii("""
                           Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
      33.75.01.1001.RW001    1   2   0   0   0   0   0   0   0   0   0   4
      33.75.01.1001.RW002    0   3   0   5   0   0   0   0   0   0   0   0
      33.75.01.1001          1   0   0   0   0   0   0   0   0   0   0   0
      33.75.02.1001.RW001    0   0   0   0   0   0   7   0   0   0   0   0
      """);

    @Test
    void sumsLeafCountsUpBothAxes() {
        assertThat(TABLE.count("33.75.01.1001.UNASSIGNED", "2025-01")).isEqualTo(1);
        assertThat(TABLE.count("33.75.01.1001", "2025-01")).isEqualTo(2);
        assertThat(TABLE.count("33.75.01.1001.RW001", "2025-Q1")).isEqualTo(3);
        assertThat(TABLE.count("33.75.01.1001", "2025-Q1")).isEqualTo(7);
        assertThat(TABLE.count("33.75.01", "2025-Q2")).isEqualTo(5);
        assertThat(TABLE.count("33.75.01", "2025")).isEqualTo(16);
        assertThat(TABLE.count("33.75", "2025-Q3")).isEqualTo(7);
        assertThat(TABLE.total()).isEqualTo(23);
    }

    @Test
    void everyCellIsTheSumOfItsChildrenAlongBothAxes() {
        CellTable table = Lattices.randomKota(42);
        Hierarchy areas = table.areas();
        Hierarchy periods = table.periods();
        for (String a : areas.keys()) {
            for (String p : periods.keys()) {
                if (!areas.isLeaf(a)) {
                    assertThat(areas.children(a).stream()
                                    .mapToLong(c -> table.count(c, p))
                                    .sum())
                            .as("%s|%s over areas", a, p)
                            .isEqualTo(table.count(a, p));
                }
                if (!periods.isLeaf(p)) {
                    assertThat(periods.children(p).stream()
                                    .mapToLong(c -> table.count(a, c))
                                    .sum())
                            .as("%s|%s over periods", a, p)
                            .isEqualTo(table.count(a, p));
                }
            }
        }
    }

    @Test
    void addCaseRoutesCasesWithoutRwToTheUnassignedLeaf() {
        RegionCode kel = RegionCode.parse("33.75.01.1001");
        Hierarchy areas = Hierarchies.areas(RegionCode.parse("33.75"), List.of(RegionCode.rw(kel, 1)));
        CellTable table = CellTable.builder(areas, Hierarchies.periods(2025))
                .addCase(kel, YearMonth.of(2025, 2))
                .addCase(RegionCode.rw(kel, 1), YearMonth.of(2025, 2))
                .addCase(RegionCode.rw(kel, 1), YearMonth.of(2025, 2))
                .build();

        assertThat(table.count("33.75.01.1001.UNASSIGNED", "2025-02")).isEqualTo(1);
        assertThat(table.count("33.75.01.1001.RW001", "2025-02")).isEqualTo(2);
        assertThat(table.count("33.75", "2025")).isEqualTo(3);
    }

    @Test
    void rejectsCountsAwayFromLeavesAndNegativeCounts() {
        CellTable.Builder builder = CellTable.builder(TABLE.areas(), TABLE.periods());
        assertThatThrownBy(() -> builder.add("33.75.01.1001", "2025-01", 1))
                .hasMessageContaining("area '33.75.01.1001' is not a leaf")
                .hasMessageContaining("<kelurahan>.UNASSIGNED");
        assertThatThrownBy(() -> builder.add("33.75.01.1001.RW001", "2025-Q1", 1))
                .hasMessageContaining("period '2025-Q1' is not a leaf");
        assertThatThrownBy(() -> builder.add("33.75.09.1001.RW001", "2025-01", 1))
                .hasMessageContaining("is not in the lattice");
        assertThatThrownBy(() -> builder.add("33.75.01.1001.RW001", "2025-01", -1))
                .hasMessageContaining("count must be >= 0");
    }
}
