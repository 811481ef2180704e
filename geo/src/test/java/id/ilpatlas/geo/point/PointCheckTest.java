package id.ilpatlas.geo.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointCheckTest {

    @ParameterizedTest(name = "[{index}] {0} ({1}, {2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
      Pekalongan                              | 109.6487  | -6.8937   | OK
      Jakarta                                 | 106.8456  | -6.2088   | OK
      Jayapura                                | 140.7181  | -2.5916   | OK
      Banda Aceh                              | 95.3238   | 5.5483    | OK
      Singapore (inside the coarse bbox)      | 103.82    | 1.35      | OK
      Kuala Lumpur (inside the coarse bbox)   | 101.6869  | 3.1390    | OK
      box corner SW                           | 94.7      | -11.2     | OK
      box corner NE                           | 141.2     | 6.3       | OK
      Pekalongan swapped                      | -6.8937   | 109.6487  | SWAPPED_AXES
      Jakarta swapped                         | -6.2088   | 106.8456  | SWAPPED_AXES
      swapped, latitude in range              | 3.0       | 95.0      | SWAPPED_AXES
      swapped box corner                      | -11.2     | 94.7      | SWAPPED_AXES
      Sydney                                  | 151.2093  | -33.8688  | OUTSIDE_INDONESIA
      Manila                                  | 120.9842  | 14.5995   | OUTSIDE_INDONESIA
      Null Island                             | 0         | 0         | OUTSIDE_INDONESIA
      just west of the box                    | 94.69     | 0         | OUTSIDE_INDONESIA
      just north of the box                   | 120       | 6.31      | OUTSIDE_INDONESIA
      longitude too large                     | 200       | 5         | OUT_OF_RANGE
      longitude too small                     | -180.5    | 0         | OUT_OF_RANGE
      latitude too large (not a swap)         | 0         | 91        | OUT_OF_RANGE
      latitude too large, lon outside bbox    | 109.6487  | 109.6487  | OUT_OF_RANGE
      latitude -90 is in range                | 0         | -90       | OUTSIDE_INDONESIA
      longitude 180 is in range               | 180       | 0         | OUTSIDE_INDONESIA
      longitude NaN                           | NaN       | -6.8937   | NOT_FINITE
      latitude NaN                            | 109.6487  | NaN       | NOT_FINITE
      longitude infinite                      | Infinity  | 0         | NOT_FINITE
      latitude -infinite, lon out of range    | 500       | -Infinity | NOT_FINITE
      """)
    void checks(String place, double longitude, double latitude, String expected) {
        Optional<PointProblem> expectedProblem =
                expected.equals("OK") ? Optional.empty() : Optional.of(PointProblem.valueOf(expected));

        assertThat(PointCheck.check(longitude, latitude)).as(place).isEqualTo(expectedProblem);
    }

    @Test
    void describesSwappedAxesWithSuggestion() {
        assertThat(PointCheck.describe(PointProblem.SWAPPED_AXES, -6.8937, 109.6487))
                .isEqualTo(
                        "longitude -6.8937 and latitude 109.6487 look swapped: Indonesia lies at longitude 94.7..141.2 and"
                                + " latitude -11.2..6.3; did you mean longitude 109.6487, latitude -6.8937?");
    }

    @Test
    void swappedSuggestionPassesTheCheck() {
        double longitude = -6.8937;
        double latitude = 109.6487;

        assertThat(PointCheck.check(longitude, latitude)).contains(PointProblem.SWAPPED_AXES);
        assertThat(PointCheck.check(latitude, longitude)).isEmpty();
    }

    @Test
    void describesOutsideIndonesia() {
        assertThat(PointCheck.describe(PointProblem.OUTSIDE_INDONESIA, 151.2093, -33.8688))
                .isEqualTo("longitude 151.2093 and latitude -33.8688 lie outside Indonesia: Indonesia lies at longitude"
                        + " 94.7..141.2 and latitude -11.2..6.3");
    }

    @Test
    void describesOutOfRangeWithoutTrailingZeros() {
        assertThat(PointCheck.describe(PointProblem.OUT_OF_RANGE, 200, 5))
                .isEqualTo(
                        "longitude 200 and latitude 5 are out of range: longitude must be -180..180 and latitude -90..90");
    }

    @Test
    void describesNotFinite() {
        assertThat(PointCheck.describe(PointProblem.NOT_FINITE, Double.NaN, Double.NEGATIVE_INFINITY))
                .isEqualTo("longitude NaN and latitude -Infinity must both be finite numbers");
    }

    @Test
    void describePrintsZeroPlainly() {
        assertThat(PointCheck.describe(PointProblem.OUTSIDE_INDONESIA, 0.0, -0.0))
                .startsWith("longitude 0 and latitude 0 lie outside Indonesia");
    }

    @Test
    void describeRejectsNullProblem() {
        assertThatThrownBy(() -> PointCheck.describe(null, 0, 0)).isInstanceOf(NullPointerException.class);
    }
}
