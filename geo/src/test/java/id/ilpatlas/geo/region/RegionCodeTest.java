package id.ilpatlas.geo.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionCodeTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1} ({2})")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
      33|33|PROVINSI
      33.75|33.75|KABKOTA
      3375|33.75|KABKOTA
      33.75.01|33.75.01|KECAMATAN
      337501|33.75.01|KECAMATAN
      33.75.01.1002|33.75.01.1002|KELURAHAN
      3375011002|33.75.01.1002|KELURAHAN
      33.26.01.2001|33.26.01.2001|KELURAHAN
      '  33.75.01.1002\t'|33.75.01.1002|KELURAHAN
      33.75.01.1002.RW003|33.75.01.1002.RW003|RW
      33.75.01.1002.RW03|33.75.01.1002.RW003|RW
      33.75.01.1002.RW3|33.75.01.1002.RW003|RW
      33.75.01.1002.rw3|33.75.01.1002.RW003|RW
      33.75.01.1002.Rw12|33.75.01.1002.RW012|RW
      33.75.01.1002.RW999|33.75.01.1002.RW999|RW
      3375011002RW003|33.75.01.1002.RW003|RW
      3375011002rw7|33.75.01.1002.RW007|RW
      3375011002.RW003|33.75.01.1002.RW003|RW
      ' 3375011002.rw010 '|33.75.01.1002.RW010|RW
      """)
    void parsesAcceptedForms(String input, String dotted, RegionLevel level) {
        RegionCode code = RegionCode.parse(input);

        assertThat(code.dotted()).isEqualTo(dotted);
        assertThat(code.toString()).isEqualTo(dotted);
        assertThat(code.level()).isEqualTo(level);
        assertThat(RegionCode.isValid(input)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
      33|33
      33.75|3375
      33.75.01|337501
      33.75.01.1002|3375011002
      33.75.01.1002.RW003|3375011002RW003
      """)
    void undottedForm(String dotted, String undotted) {
        assertThat(RegionCode.parse(dotted).undotted()).isEqualTo(undotted);
        assertThat(RegionCode.parse(undotted).dotted()).isEqualTo(dotted);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' rejected: {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
      33.75.1|component '1' must have 2 digits
      33.7501|component '7501' must have 2 digits
      3375.01|component '3375' must have 2 digits
      3.375|component '3' must have 2 digits
      33.75.01.102|component '102' must have 4 digits
      33.75.01.10020|component '10020' must have 4 digits
      33.75.01.1002.01|too many components
      33..75|empty component
      33.75.|empty component
      .33|empty component
      33.7a|digits only
      33. 75|digits only
      33.75.01.3002|a kelurahan/desa code starts with 1 or 2
      33.75.01.0002|a kelurahan/desa code starts with 1 or 2
      3375013002|a kelurahan/desa code starts with 1 or 2
      00|must not be all zeros
      33.00|must not be all zeros
      33.75.00.1002|must not be all zeros
      0000000000|must not be all zeros
      3|2, 4, 6 or 10 digits
      337|2, 4, 6 or 10 digits
      33750110|2, 4, 6 or 10 digits
      33750110021|2, 4, 6 or 10 digits
      33750x|digits only
      ３３|digits only
      33.75.01.1002.RW000|RW number must be 1..999
      33.75.01.1002.RW0|RW number must be 1..999
      33.75.01.1002.RW1000|RW number must be 1 to 3 digits
      33.75.01.1002.RW|RW number must be 1 to 3 digits
      33.75.01.1002.RW 3|RW number must be 1 to 3 digits
      33.75.01.1002.RW-3|RW number must be 1 to 3 digits
      33.75.01.1002.RWA|RW number must be 1 to 3 digits
      33.75.01.1002RW003|must follow a '.'
      33.75.01.RW003|full kelurahan/desa code
      337501RW003|full kelurahan/desa code
      RW003|needs a kelurahan/desa code
      .RW003|needs a kelurahan/desa code
      33.75.01.1002.R003|too many components
      33.75.01.1002..RW003|empty component
      33-75-01-1002|digits only
      """)
    void rejectsMalformedInput(String input, String reason) {
        assertThat(RegionCode.isValid(input)).isFalse();
        assertThatThrownBy(() -> RegionCode.parse(input))
                .isInstanceOf(InvalidRegionCodeException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + input + "' is not a valid kode wilayah: ")
                .hasMessageContaining(reason)
                .hasMessageContaining("expected PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD")
                .hasMessageContaining("33.75.01.1002.RW003")
                .satisfies(e ->
                        assertThat(((InvalidRegionCodeException) e).input()).isEqualTo(input));
    }

    @Test
    void messageMatchesTheDocumentedExample() {
        assertThatThrownBy(() -> RegionCode.parse("33.75.1"))
                .hasMessage("'33.75.1' is not a valid kode wilayah: component '1' must have 2 digits;"
                        + " expected PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD (e.g. 33.75.01.1002; undotted 3375011002"
                        + " also accepted) or an RW key PP.KK.CC.DDDD.RWnnn (e.g. 33.75.01.1002.RW003)");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void rejectsNullAndBlank(String input) {
        assertThat(RegionCode.isValid(input)).isFalse();
        assertThatThrownBy(() -> RegionCode.parse(input))
                .isInstanceOf(InvalidRegionCodeException.class)
                .hasMessageContaining(input == null ? "input is null" : "input is blank")
                .hasMessageContaining("expected PP, PP.KK")
                .satisfies(e ->
                        assertThat(((InvalidRegionCodeException) e).input()).isEqualTo(input));
    }

    @Test
    void parentChainGoesUpToProvinsi() {
        List<String> chain = new ArrayList<>();
        Optional<RegionCode> code = Optional.of(RegionCode.parse("33.75.01.1002.RW003"));
        while (code.isPresent()) {
            chain.add(code.get().dotted());
            code = code.get().parent();
        }

        assertThat(chain).containsExactly("33.75.01.1002.RW003", "33.75.01.1002", "33.75.01", "33.75", "33");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
      33.75|33.75
      33.75.01|33.75
      33.75.01.1002|33.75
      33.75.01.1002.RW003|33.75
      """)
    void kabkotaCode(String code, String kabkota) {
        assertThat(RegionCode.parse(code).kabkotaCode()).contains(kabkota);
    }

    @Test
    void provinsiHasNoKabkotaCode() {
        assertThat(RegionCode.parse("33").kabkotaCode()).isEmpty();
    }

    @Test
    void rwNumberOnlyForRw() {
        assertThat(RegionCode.parse("33.75.01.1002.RW012").rwNumber()).isEqualTo(OptionalInt.of(12));
        assertThat(RegionCode.parse("33.75.01.1002").rwNumber()).isEmpty();
        assertThat(RegionCode.parse("33").rwNumber()).isEmpty();
    }

    @Test
    void rwFactoryBuildsKeyInsideKelurahan() {
        RegionCode kelurahan = RegionCode.parse("33.75.01.1002");

        RegionCode rw = RegionCode.rw(kelurahan, 3);

        assertThat(rw.dotted()).isEqualTo("33.75.01.1002.RW003");
        assertThat(rw.undotted()).isEqualTo("3375011002RW003");
        assertThat(rw.level()).isEqualTo(RegionLevel.RW);
        assertThat(rw.parent()).contains(kelurahan);
        assertThat(RegionCode.rw(kelurahan, 999).dotted()).isEqualTo("33.75.01.1002.RW999");
        assertThat(RegionCode.rw(kelurahan, 1)).isEqualTo(RegionCode.parse("3375011002rw1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1000})
    void rwFactoryRejectsNumbersOutOfRange(int number) {
        RegionCode kelurahan = RegionCode.parse("33.75.01.1002");

        assertThatThrownBy(() -> RegionCode.rw(kelurahan, number))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..999")
                .hasMessageContaining(String.valueOf(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"33", "33.75", "33.75.01", "33.75.01.1002.RW001"})
    void rwFactoryRejectsNonKelurahan(String code) {
        assertThatThrownBy(() -> RegionCode.rw(RegionCode.parse(code), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kelurahan/desa")
                .hasMessageContaining(code);
    }

    @Test
    void rwFactoryRejectsNull() {
        assertThatThrownBy(() -> RegionCode.rw(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0} within {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
      33.75.01.1002.RW003|33.75.01.1002.RW003|true
      33.75.01.1002.RW003|33.75.01.1002|true
      33.75.01.1002.RW003|33.75|true
      33.75.01.1002.RW003|33|true
      33.75.01.1002|33.75.01|true
      33.75|33.75|true
      33.75|33.75.01|false
      33|33.75|false
      33.75.01.1002.RW003|33.75.01.1002.RW004|false
      33.75.01.1002|33.75.01.1003|false
      33.75.01.1002|33.75.01.1002.RW001|false
      33.75.01|34|false
      33.75.01.1002|33.75.02|false
      """)
    void isWithin(String code, String ancestor, boolean within) {
        assertThat(RegionCode.parse(code).isWithin(RegionCode.parse(ancestor))).isEqualTo(within);
    }

    @Test
    void equalityUsesCanonicalForm() {
        RegionCode dotted = RegionCode.parse("33.75.01.1002.RW003");
        RegionCode undotted = RegionCode.parse(" 3375011002rw3 ");

        assertThat(undotted).isEqualTo(dotted).hasSameHashCodeAs(dotted);
        assertThat(undotted.compareTo(dotted)).isZero();
        assertThat(RegionCode.parse("33.75")).isNotEqualTo(RegionCode.parse("33.75.01"));
    }

    @Test
    void sortsParentsBeforeChildrenAndSiblingsByCode() {
        List<RegionCode> codes = new ArrayList<>(List.of(
                RegionCode.parse("33.75.01.1002.RW010"),
                RegionCode.parse("33.75.02"),
                RegionCode.parse("33.75.01.1002.RW002"),
                RegionCode.parse("33.75.01.1002"),
                RegionCode.parse("33.75"),
                RegionCode.parse("33.75.01"),
                RegionCode.parse("33")));
        Collections.shuffle(codes, new Random(7));

        Collections.sort(codes);

        assertThat(codes)
                .extracting(RegionCode::dotted)
                .containsExactly(
                        "33",
                        "33.75",
                        "33.75.01",
                        "33.75.01.1002",
                        "33.75.01.1002.RW002",
                        "33.75.01.1002.RW010",
                        "33.75.02");
    }
}
