package id.ilpatlas.api.road;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.road.OsmTags.Direction;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How OSM tags read: road or not, class, direction, grade separation (no database). */
class OsmTagsTest {

    @Test
    void classesOfTheHighwayValuesIncludingLinksAndRoad() {
        assertThat(RoadClass.ofOsmHighway("motorway_link")).isEqualTo(RoadClass.ARTERI);
        assertThat(RoadClass.ofOsmHighway("trunk")).isEqualTo(RoadClass.ARTERI);
        assertThat(RoadClass.ofOsmHighway("primary_link")).isEqualTo(RoadClass.ARTERI);
        assertThat(RoadClass.ofOsmHighway("tertiary_link")).isEqualTo(RoadClass.KOLEKTOR);
        assertThat(RoadClass.ofOsmHighway("road")).isEqualTo(RoadClass.LOKAL);
        assertThat(RoadClass.ofOsmHighway("living_street")).isEqualTo(RoadClass.LINGKUNGAN);
        assertThat(RoadClass.ofOsmHighway("steps")).isEqualTo(RoadClass.SETAPAK);
        assertThat(RoadClass.ofOsmHighway("bus_stop")).isNull();
        // The free-word reading of the RTRW layers knows the links too.
        assertThat(RoadClass.ofFunction("secondary_link")).isEqualTo(RoadClass.KOLEKTOR);
    }

    @Test
    void waysThatAreNoRoadToTravelAreSkippedWithTheirReason() {
        assertThat(OsmTags.skipReason(tags("highway", "residential"))).isNull();
        for (String value : new String[] {
            "proposed", "construction", "abandoned", "platform", "raceway", "bus_guideway", "corridor", "elevator"
        }) {
            assertThat(OsmTags.skipReason(tags("highway", value)))
                    .as(value)
                    .isEqualTo("highway=" + value + " is not a road one travels along");
        }
        assertThat(OsmTags.skipReason(tags("highway", "bus_stop")))
                .isEqualTo("highway=bus_stop is not a known road class");
        assertThat(OsmTags.skipReason(tags("highway", "pedestrian", "area", "yes")))
                .isEqualTo("an area (area=yes), not a line");
        assertThat(OsmTags.skipReason(tags("building", "yes"))).isEqualTo("no highway tag");
    }

    @Test
    void onewayValuesRoundaboutsAndMotorways() {
        assertThat(OsmTags.direction(tags("highway", "residential"))).isEqualTo(Direction.BOTH);
        for (String yes : new String[] {"yes", "true", "1", "YES"}) {
            assertThat(OsmTags.direction(tags("highway", "residential", "oneway", yes)))
                    .as(yes)
                    .isEqualTo(Direction.FORWARD);
        }
        assertThat(OsmTags.direction(tags("highway", "residential", "oneway", "-1")))
                .isEqualTo(Direction.BACKWARD);
        assertThat(OsmTags.direction(tags("highway", "residential", "oneway", "reverse")))
                .isEqualTo(Direction.BACKWARD);
        assertThat(OsmTags.direction(tags("highway", "tertiary", "junction", "roundabout")))
                .isEqualTo(Direction.FORWARD);
        assertThat(OsmTags.direction(tags("highway", "motorway"))).isEqualTo(Direction.FORWARD);
        assertThat(OsmTags.direction(tags("highway", "motorway", "oneway", "no")))
                .isEqualTo(Direction.BOTH);
        assertThat(OsmTags.direction(tags("highway", "primary", "oneway", "reversible")))
                .isEqualTo(Direction.BOTH);
    }

    @Test
    void bridgesTunnelsAndLayers() {
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "bridge", "yes")))
                .isTrue();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "bridge", "viaduct")))
                .isTrue();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "bridge", "no")))
                .isFalse();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "tunnel", "yes")))
                .isTrue();
        assertThat(OsmTags.gradeSeparated(tags("highway", "service", "tunnel", "building_passage")))
                .isFalse();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "layer", "-1")))
                .isTrue();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "layer", "0")))
                .isFalse();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary", "layer", "high")))
                .isFalse();
        assertThat(OsmTags.gradeSeparated(tags("highway", "primary"))).isFalse();
    }

    private static Map<String, String> tags(String... keyValues) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.put(keyValues[i], keyValues[i + 1]);
        }
        return tags;
    }
}
