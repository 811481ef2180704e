package id.ilpatlas.api.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.api.region.RwImportOptions.AssignBy;
import id.ilpatlas.api.region.RwImportOptions.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags of {@code ./atlas import rw FILE ...}, as the command line gives them. */
class RwImportOptionsTest {

    @Test
    void defaultsClipWithTenPercentToleranceAndWholeKelurahan() {
        assertThat(RwImportOptions.parse(List.of()))
                .isEqualTo(RwImportOptions.DEFAULTS)
                .isEqualTo(new RwImportOptions(Mode.CLIP, 0.10, 100, false, AssignBy.OVERLAP));
        assertThat(RwImportOptions.DEFAULTS.describe())
                .isEqualTo("CLIP to our kelurahan, outside tolerance 10%, "
                        + "minimum area 100 m², assigned by majority overlap, whole kelurahan only");
    }

    @Test
    void everyFlagInBothSpellings() {
        RwImportOptions options = RwImportOptions.parse(List.of(
                "--mode",
                "ADOPT",
                "--outside-tolerance=2.5%",
                "--min-area-m2",
                "50",
                "--partial",
                "--assign-by=attribute"));
        assertThat(options).isEqualTo(new RwImportOptions(Mode.ADOPT, 0.025, 50, true, AssignBy.ATTRIBUTE));
        assertThat(options.describe())
                .isEqualTo(
                        "ADOPT the layer's kelurahan boundaries, minimum area 50 m², "
                                + "assigned by the kelurahan attribute (overlap where it names none), partial kelurahan imported");
        assertThat(RwImportOptions.parse(List.of("--outside-tolerance", "25")).outsideTolerance())
                .isEqualTo(0.25);
    }

    @Test
    void badFlagsAreNamed() {
        assertThatThrownBy(() -> RwImportOptions.parse(List.of("--mode", "merge")))
                .hasMessage("--mode must be one of [clip, adopt], was 'merge'");
        assertThatThrownBy(() -> RwImportOptions.parse(List.of("--outside-tolerance", "120%")))
                .hasMessage("--outside-tolerance must be between 0% and 100%, was '120%'");
        assertThatThrownBy(() -> RwImportOptions.parse(List.of("--min-area-m2", "-1")))
                .hasMessage("--min-area-m2 must be a non-negative number, was '-1'");
        assertThatThrownBy(() -> RwImportOptions.parse(List.of("--min-area-m2")))
                .hasMessage("--min-area-m2 needs a value");
        assertThatThrownBy(() -> RwImportOptions.parse(List.of("--tolerance", "5%")))
                .hasMessageStartingWith("unknown option '--tolerance' (known: --mode clip|adopt");
        assertThatThrownBy(() -> RwImportOptions.parse(List.of("--partial=yes")))
                .hasMessage("--partial takes no value");
    }
}
