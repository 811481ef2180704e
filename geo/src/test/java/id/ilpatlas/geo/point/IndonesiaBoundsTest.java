package id.ilpatlas.geo.point;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndonesiaBoundsTest {

    @ParameterizedTest(name = "[{index}] ({0}, {1}) -> {2}")
    @CsvSource(textBlock = """
      109.6487, -6.8937, true
      94.7,     -11.2,   true
      94.7,     6.3,     true
      141.2,    -11.2,   true
      141.2,    6.3,     true
      94.7,     0,       true
      141.2,    0,       true
      120,      -11.2,   true
      120,      6.3,     true
      94.69,    0,       false
      141.21,   0,       false
      120,      -11.21,  false
      120,      6.31,    false
      -6.8937,  109.6487, false
      NaN,      0,       false
      120,      NaN,     false
      """)
    void containsIsInclusiveOnAllEdges(double longitude, double latitude, boolean inside) {
        assertThat(IndonesiaBounds.contains(longitude, latitude)).isEqualTo(inside);
    }

    @ParameterizedTest(name = "[{index}] just outside ({0}, {1})")
    @CsvSource(textBlock = """
      W, 0
      E, 0
      S, 120
      N, 120
      """)
    void nextDoubleBeyondEachEdgeIsOutside(char edge, double other) {
        boolean inside = switch (edge) {
            case 'W' -> IndonesiaBounds.contains(Math.nextDown(IndonesiaBounds.WEST), other);
            case 'E' -> IndonesiaBounds.contains(Math.nextUp(IndonesiaBounds.EAST), other);
            case 'S' -> IndonesiaBounds.contains(other, Math.nextDown(IndonesiaBounds.SOUTH));
            default -> IndonesiaBounds.contains(other, Math.nextUp(IndonesiaBounds.NORTH));
        };
        assertThat(inside).isFalse();
    }
}
