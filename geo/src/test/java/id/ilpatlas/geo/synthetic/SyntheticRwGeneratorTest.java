package id.ilpatlas.geo.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

@Slow
class SyntheticRwGeneratorTest {

    private static final String CODE = "33.75.01.1002";
    private static final double TOLERANCE = 1e-9;

    /** About 1.1 km x 1.1 km near Pekalongan. */
    static final String SQUARE = "POLYGON((109.66 -6.90, 109.67 -6.90, 109.67 -6.89, 109.66 -6.89, 109.66 -6.90))";

    static final String L_SHAPE =
            "POLYGON((109.66 -6.90, 109.68 -6.90, 109.68 -6.89, 109.67 -6.89, 109.67 -6.88, 109.66 -6.88,"
                    + " 109.66 -6.90))";
    /** Concave: two prongs reaching north from a base. */
    static final String U_SHAPE =
            "POLYGON((109.66 -6.90, 109.69 -6.90, 109.69 -6.87, 109.68 -6.87, 109.68 -6.89, 109.67 -6.89,"
                    + " 109.67 -6.87, 109.66 -6.87, 109.66 -6.90))";

    static final String WITH_HOLE = "POLYGON((109.66 -6.90, 109.69 -6.90, 109.69 -6.87, 109.66 -6.87, 109.66 -6.90),"
            + " (109.67 -6.89, 109.68 -6.89, 109.68 -6.88, 109.67 -6.88, 109.67 -6.89))";
    /** A mainland square and a small island to the south-east. */
    static final String TWO_PARTS =
            "MULTIPOLYGON(((109.66 -6.90, 109.67 -6.90, 109.67 -6.89, 109.66 -6.89, 109.66 -6.90)),"
                    + " ((109.70 -6.92, 109.705 -6.92, 109.705 -6.915, 109.70 -6.915, 109.70 -6.92)))";
    /** A long, thin, slanted strip: an irregular real-world-like shape. */
    static final String SLANTED_STRIP =
            "POLYGON((109.60 -6.90, 109.70 -6.86, 109.701 -6.858, 109.601 -6.898, 109.60 -6.90))";

    private final SyntheticRwGenerator generator = new SyntheticRwGenerator(SyntheticRwGenerator.DEFAULT_SEED);

    static Stream<Arguments> shapesAndCounts() {
        List<Arguments> cases = new ArrayList<>();
        for (String shape : List.of("SQUARE", "L_SHAPE", "U_SHAPE", "WITH_HOLE", "TWO_PARTS", "SLANTED_STRIP")) {
            for (int rwCount : new int[] {1, 3, 7, 13}) {
                cases.add(Arguments.of(shape, rwCount));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} into {1} RWs")
    @MethodSource("shapesAndCounts")
    void rwsTileTheKelurahanExactly(String shapeName, int rwCount) {
        Geometry kelurahan = wkt(shape(shapeName));

        List<SyntheticRw> rws = generator.generate(CODE, kelurahan, 5000, rwCount);

        assertThat(rws).hasSize(rwCount);
        assertThat(rws)
                .extracting(SyntheticRw::number)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, rwCount).boxed().toList());
        for (SyntheticRw rw : rws) {
            assertThat(rw.geometry().isEmpty())
                    .as("RW %d is empty", rw.number())
                    .isFalse();
            assertThat(rw.geometry().isValid())
                    .as("RW %d is invalid: %s", rw.number(), rw.geometry())
                    .isTrue();
            assertThat(rw.geometry().getArea()).as("RW %d area", rw.number()).isPositive();
        }
        double area = kelurahan.getArea();
        Geometry union = UnaryUnionOp.union(rws.stream()
                .map(SyntheticRw::geometry)
                .map(Geometry.class::cast)
                .toList());
        assertThat(OverlayNGRobust.overlay(union, kelurahan, OverlayNG.SYMDIFFERENCE)
                                .getArea()
                        / area)
                .as("symmetric difference of union and kelurahan, relative")
                .isLessThan(TOLERANCE);
        double sumOfAreas =
                rws.stream().mapToDouble(rw -> rw.geometry().getArea()).sum();
        assertThat(Math.abs(sumOfAreas - area) / area)
                .as("sum of RW areas vs kelurahan area")
                .isLessThan(TOLERANCE);
        for (int i = 0; i < rws.size(); i++) {
            for (int j = i + 1; j < rws.size(); j++) {
                double overlap = OverlayNGRobust.overlay(
                                rws.get(i).geometry(), rws.get(j).geometry(), OverlayNG.INTERSECTION)
                        .getArea();
                assertThat(overlap / area)
                        .as("overlap of RW %d and RW %d", i + 1, j + 1)
                        .isLessThan(TOLERANCE);
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"SQUARE", "U_SHAPE", "WITH_HOLE", "TWO_PARTS"})
    void rwsAreNumberedNorthToSouthThenWestToEast(String shapeName) {
        List<SyntheticRw> rws = generator.generate(CODE, wkt(shape(shapeName)), 9000, 9);

        List<Coordinate> interiorPoints = rws.stream()
                .map(rw -> rw.geometry().getInteriorPoint().getCoordinate())
                .toList();
        assertThat(interiorPoints)
                .isSortedAccordingTo(
                        Comparator.comparingDouble((Coordinate c) -> -c.y).thenComparingDouble(c -> c.x));
    }

    @Test
    void keepsTheOriginalBoundaryCoordinates() {
        Geometry kelurahan = wkt(U_SHAPE);

        List<SyntheticRw> rws = generator.generate(CODE, kelurahan, 4000, 5);

        List<Coordinate> rwVertices = rws.stream()
                .flatMap(rw -> Stream.of(rw.geometry().getCoordinates()))
                .toList();
        assertThat(rwVertices).contains(kelurahan.getCoordinates());
    }

    @Test
    void keepsTheInputSrid() {
        GeometryFactory wgs84 = new GeometryFactory(new PrecisionModel(), 4326);
        Geometry kelurahan = wkt(SQUARE, wgs84);

        List<SyntheticRw> rws = generator.generate(CODE, kelurahan, 3300);

        assertThat(rws).allSatisfy(rw -> assertThat(rw.geometry().getSRID()).isEqualTo(4326));
    }

    @Test
    void sameSeedAndInputGiveIdenticalOutput() {
        Geometry kelurahan = wkt(L_SHAPE);

        List<String> first = asText(generator.generate(CODE, kelurahan, 7777));
        List<String> second =
                asText(new SyntheticRwGenerator(SyntheticRwGenerator.DEFAULT_SEED).generate(CODE, wkt(L_SHAPE), 7777));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedGivesDifferentPolygons() {
        Geometry kelurahan = wkt(SQUARE);

        List<String> defaultSeed = geometriesAsText(generator.generate(CODE, kelurahan, 5000));
        List<String> otherSeed = geometriesAsText(new SyntheticRwGenerator(42).generate(CODE, kelurahan, 5000));

        assertThat(otherSeed).hasSameSizeAs(defaultSeed).isNotEqualTo(defaultSeed);
    }

    @Test
    void differentKelurahanCodeGivesDifferentPolygons() {
        Geometry kelurahan = wkt(SQUARE);

        assertThat(geometriesAsText(generator.generate("33.75.01.1002", kelurahan, 5000)))
                .isNotEqualTo(geometriesAsText(generator.generate("33.75.01.1003", kelurahan, 5000)));
    }

    @ParameterizedTest(name = "[{index}] population {0} -> {1} RWs")
    @CsvSource({"0, 3", "296, 3", "1100, 3", "3299, 3", "3300, 3", "3850, 4", "13883, 13", "110000, 100"})
    void rwCountRule(long population, int expectedRwCount) {
        assertThat(SyntheticRwGenerator.rwCount(population)).isEqualTo(expectedRwCount);
    }

    @ParameterizedTest(name = "[{index}] population {0}")
    @ValueSource(longs = {296, 13883, 1, 2, 100_003})
    void populationsSumExactlyAndCountFollowsTheRule(long population) {
        List<SyntheticRw> rws = generator.generate(CODE, wkt(U_SHAPE), population);

        assertThat(rws).hasSize(SyntheticRwGenerator.rwCount(population));
        assertThat(rws.stream().mapToLong(SyntheticRw::population).sum()).isEqualTo(population);
        assertThat(rws).allSatisfy(rw -> assertThat(rw.population()).isNotNegative());
    }

    @Test
    void populationsAreUnevenButPlausible() {
        long population = 13883;
        List<SyntheticRw> rws = generator.generate(CODE, wkt(SQUARE), population);

        double mean = population / (double) rws.size();
        assertThat(rws).extracting(SyntheticRw::population).doesNotHaveDuplicates();
        assertThat(rws)
                .allSatisfy(rw -> assertThat(rw.population() / mean).isBetween(0.7 / 1.3 - 0.01, 1.3 / 0.7 + 0.01));
    }

    @Test
    void zeroPopulationStillGivesMinimumRwsWithNobody() {
        List<SyntheticRw> rws = generator.generate(CODE, wkt(SQUARE), 0);

        assertThat(rws).hasSize(SyntheticRwGenerator.MIN_RWS);
        assertThat(rws).allSatisfy(rw -> assertThat(rw.population()).isZero());
    }

    @Test
    void singleRwIsTheWholeKelurahan() {
        Geometry kelurahan = wkt(TWO_PARTS);

        List<SyntheticRw> rws = generator.generate(CODE, kelurahan, 812, 1);

        assertThat(rws).singleElement().satisfies(rw -> {
            assertThat(rw.number()).isEqualTo(1);
            assertThat(rw.population()).isEqualTo(812);
            assertThat(rw.geometry().equalsExact(kelurahan)).isTrue();
        });
    }

    @Test
    void invalidKelurahanIsRepairedBeforeSplitting() {
        // A bow-tie: self-intersecting at (109.665, -6.895).
        Geometry bowTie = wkt("POLYGON((109.66 -6.90, 109.67 -6.89, 109.67 -6.90, 109.66 -6.89, 109.66 -6.90))");

        List<SyntheticRw> rws = generator.generate(CODE, bowTie, 3300);

        assertThat(rws)
                .hasSize(3)
                .allSatisfy(rw -> assertThat(rw.geometry().isValid()).isTrue());
        double repairedArea = 0.01 * 0.01 / 2;
        assertThat(rws.stream().mapToDouble(rw -> rw.geometry().getArea()).sum())
                .isCloseTo(repairedArea, within(repairedArea * TOLERANCE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "POLYGON EMPTY",
                "MULTIPOLYGON EMPTY",
                "POINT(109.66 -6.90)",
                "LINESTRING(109.66 -6.90, 109.67 -6.89)",
                "GEOMETRYCOLLECTION(POLYGON((109.66 -6.90, 109.67 -6.90, 109.67 -6.89, 109.66 -6.90)))",
                "POLYGON((109.66 -6.90, 109.67 -6.90, 109.68 -6.90, 109.66 -6.90))"
            })
    void rejectsEmptyOrNonPolygonalGeometry(String badWkt) {
        Geometry bad = wkt(badWkt);

        assertThatThrownBy(() -> generator.generate(CODE, bad, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CODE);
    }

    @Test
    void rejectsNullGeometry() {
        assertThatThrownBy(() -> generator.generate(CODE, null, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CODE);
    }

    @ParameterizedTest(name = "[{index}] rwCount {0}")
    @ValueSource(ints = {0, -1, 1000})
    void rejectsRwCountOutOfRange(int rwCount) {
        Geometry kelurahan = wkt(SQUARE);

        assertThatThrownBy(() -> generator.generate(CODE, kelurahan, 1000, rwCount))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CODE)
                .hasMessageContaining("rwCount");
    }

    @Test
    void rejectsNegativePopulation() {
        Geometry kelurahan = wkt(SQUARE);

        assertThatThrownBy(() -> generator.generate(CODE, kelurahan, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CODE)
                .hasMessageContaining("population");
        assertThatThrownBy(() -> generator.generate(CODE, kelurahan, -1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CODE);
        assertThatThrownBy(() -> SyntheticRwGenerator.rwCount(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------

    private static String shape(String name) {
        return switch (name) {
            case "SQUARE" -> SQUARE;
            case "L_SHAPE" -> L_SHAPE;
            case "U_SHAPE" -> U_SHAPE;
            case "WITH_HOLE" -> WITH_HOLE;
            case "TWO_PARTS" -> TWO_PARTS;
            case "SLANTED_STRIP" -> SLANTED_STRIP;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Geometry wkt(String text) {
        return wkt(text, new GeometryFactory());
    }

    private static Geometry wkt(String text, GeometryFactory factory) {
        try {
            return new WKTReader(factory).read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<String> asText(List<SyntheticRw> rws) {
        return rws.stream()
                .map(rw -> rw.number() + " " + rw.population() + " "
                        + rw.geometry().toText())
                .toList();
    }

    private static List<String> geometriesAsText(List<SyntheticRw> rws) {
        return rws.stream().map(rw -> rw.geometry().toText()).toList();
    }
}
