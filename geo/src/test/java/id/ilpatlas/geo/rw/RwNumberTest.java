package id.ilpatlas.geo.rw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RwNumberTest {

    @ParameterizedTest(name = "''{0}'' is RW {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "RW 004|4",
                "RW 04|4",
                "rw4|4",
                "004|4",
                "4|4",
                "RW004|4",
                "RW.04|4",
                "Rw-4|4",
                "R.W. 04|4",
                "RW: 12|12",
                "  RW 7  |7",
                "999|999",
                "RW 100|100",
                "RW 02 Buaran|2",
                "RT 001 RW 004|4",
                "Kel. Jenggot RW 11|11",
                "RW 5 (RW 005)|5",
                "RW4RT2|4"
            })
    void realStylesAreTheSameRw(String text, int number) {
        assertThat(RwNumber.parse(text)).hasValue(number);
    }

    @ParameterizedTest(name = "''{0}'' is no RW")
    @ValueSource(
            strings = {
                "",
                "  ",
                "RW",
                "0",
                "RW 000",
                "1000",
                "RW 1000",
                "RT 004",
                "4a",
                "RW 4 / RW 5",
                "four",
                "-4",
                "4.5"
            })
    void anythingElseIsNoRw(String text) {
        assertThat(RwNumber.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1,RW001", "4,RW004", "42,RW042", "999,RW999"})
    void keysHaveThreeDigits(int number, String key) {
        assertThat(RwNumber.key(number)).isEqualTo(key);
    }
}
