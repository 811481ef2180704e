package id.ilpatlas.geo.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TileIdTest {

    @Test
    void worldTileSpansTheMercatorSquare() {
        TileId.Bounds b = TileId.lonLatBounds(0, 0, 0);
        assertThat(b.minX()).isCloseTo(-180, within(1e-9));
        assertThat(b.maxX()).isCloseTo(180, within(1e-9));
        assertThat(b.maxY()).isCloseTo(85.0511287798, within(1e-9));
        assertThat(b.minY()).isCloseTo(-85.0511287798, within(1e-9));
    }

    @Test
    void pekalonganAtZoom12() {
        // Alun-alun Pekalongan, lon 109.675, lat -6.889: tile 12/3295/2126 (as in any slippy-map calculator).
        TileId t = TileId.containing(12, 109.675, -6.889);
        assertThat(t).isEqualTo(new TileId(12, 3295, 2126));
        assertThat(t.lonLatBounds().contains(109.675, -6.889)).isTrue();
    }

    @Test
    void containingAndBoundsAgreeOnRandomPoints() {
        long seed = 20261130L;
        Random random = new Random(seed);
        for (int n = 0; n < 10_000; n++) {
            int z = random.nextInt(TileId.MAX_ZOOM + 1);
            double lon = random.nextDouble() * 359.9 - 179.95;
            double lat = random.nextDouble() * 170 - 85;
            TileId t = TileId.containing(z, lon, lat);
            assertThat(t.lonLatBounds().contains(lon, lat))
                    .as("seed %d, %f %f at z%d", seed, lon, lat, z)
                    .isTrue();
        }
    }

    @Test
    void rejectsTilesOutsideTheGrid() {
        assertThatThrownBy(() -> new TileId(2, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileId(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileId(23, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileId(3, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
