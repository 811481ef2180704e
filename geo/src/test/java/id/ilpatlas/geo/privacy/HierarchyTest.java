package id.ilpatlas.geo.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.geo.region.RegionCode;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class HierarchyTest {

    @Test
    void preOrderWithSiblingsByKeyWhateverTheInsertionOrder() {
        Hierarchy h = Hierarchy.builder("r")
                .add("r", "b")
                .add("r", "a")
                .add("b", "b2")
                .add("b", "b1")
                .build();

        assertThat(h.keys()).containsExactly("r", "a", "b", "b1", "b2");
        assertThat(h.leaves()).containsExactly("a", "b1", "b2");
        assertThat(h.children("b")).containsExactly("b1", "b2");
        assertThat(h.parent("b1")).contains("b");
        assertThat(h.parent("r")).isEmpty();
        assertThat(h.depth("b2")).isEqualTo(2);
        assertThat(h.isLeaf("a")).isTrue();
        assertThat(h.isLeaf("b")).isFalse();
        assertThat(h.indexOf("b1")).isEqualTo(3);
        assertThat(h.subtreeEnd(h.indexOf("b"))).isEqualTo(5);
        assertThat(h)
                .isEqualTo(Hierarchy.builder("r")
                        .add("r", "a")
                        .add("r", "b")
                        .add("b", "b1")
                        .add("b", "b2")
                        .add("b", "b1")
                        .build());
    }

    @Test
    void rejectsMalformedTrees() {
        assertThatThrownBy(() -> Hierarchy.builder(" ")).hasMessageContaining("rootKey");
        Hierarchy.Builder b = Hierarchy.builder("r").add("r", "a");
        assertThatThrownBy(() -> b.add("x", "y")).hasMessageContaining("parent 'x' of 'y' is not a node yet");
        assertThatThrownBy(() -> b.add("a", "r")).hasMessageContaining("is the root");
        b.add("r", "c");
        assertThatThrownBy(() -> b.add("c", "a")).hasMessageContaining("'a' is already a child of 'r'");
        assertThatThrownBy(() -> b.build().indexOf("zz")).hasMessageContaining("'zz' is not a node");
    }

    @Test
    void areaTreeFromRwsAddsAncestorsAndOneUnassignedLeafPerKelurahan() {
        Hierarchy areas = Hierarchies.areas(
                RegionCode.parse("33.75"),
                List.of(
                        RegionCode.parse("33.75.01.1002.RW3"),
                        RegionCode.parse("3375011002RW001"),
                        RegionCode.parse("33.75.02.2001"))); // a desa without RWs

        assertThat(areas.keys())
                .containsExactly(
                        "33.75",
                        "33.75.01",
                        "33.75.01.1002",
                        "33.75.01.1002.RW001",
                        "33.75.01.1002.RW003",
                        "33.75.01.1002.UNASSIGNED",
                        "33.75.02",
                        "33.75.02.2001",
                        "33.75.02.2001.UNASSIGNED");
        assertThat(Hierarchies.areaLeafKey(RegionCode.parse("33.75.01.1002"))).isEqualTo("33.75.01.1002.UNASSIGNED");
        assertThat(Hierarchies.areaLeafKey(RegionCode.parse("33.75.01.1002.RW003")))
                .isEqualTo("33.75.01.1002.RW003");
        assertThatThrownBy(() -> Hierarchies.areas(RegionCode.parse("33.75"), List.of(RegionCode.parse("33.26.01"))))
                .hasMessage("33.26.01 does not lie within 33.75");
        assertThatThrownBy(() -> Hierarchies.unassignedKey(RegionCode.parse("33.75.01")))
                .hasMessageContaining("kelurahan/desa");
    }

    @Test
    void periodTreeIsYearQuartersMonths() {
        Hierarchy periods = Hierarchies.periods(2025);

        assertThat(periods.size()).isEqualTo(17);
        assertThat(periods.root()).isEqualTo("2025");
        assertThat(periods.children("2025")).containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
        assertThat(periods.children("2025-Q2")).containsExactly("2025-04", "2025-05", "2025-06");
        assertThat(periods.leaves()).hasSize(12).startsWith("2025-01").endsWith("2025-12");
        assertThat(Hierarchies.quarterKey(YearMonth.of(2025, 11))).isEqualTo("2025-Q4");
        assertThat(Hierarchies.monthKey(YearMonth.of(2025, 3))).isEqualTo("2025-03");
        assertThatThrownBy(() -> Hierarchies.quarterKey(2025, 5)).hasMessageContaining("quarter must be 1..4");
    }
}
