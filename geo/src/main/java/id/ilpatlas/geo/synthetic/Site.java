package id.ilpatlas.geo.synthetic;

import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;

/**
 * One RW prepared for generation: its codes, geometry index, neighbourhood facilities and burden. Built once
 * per {@link SyntheticCases}; never changed after construction completes.
 */
final class Site {

    /** About 33 m at Pekalongan's latitude: how far a deliberately misplaced point may lie outside its RW. */
    static final double OUTSIDE_MARGIN_DEGREES = 0.0003;

    private static final int MAX_TRIES = 500;

    final RwInput rw;
    final String code;
    final String kelurahanCode;
    final String kecamatanCode;
    /** Kecamatan digits, the first six digits of a NIK or No KK. */
    final String nikPrefix;
    /** Province and kab/kota digits, e.g. {@code 3375}. */
    final String kotaDigits;

    final int rwNumber;
    final int population;
    final int rtCount;
    final String[] streets;
    private final Geometry polygon;
    private final IndexedPointInAreaLocator locator;
    private final Envelope envelope;
    private final Coordinate interior;

    // Filled in by SyntheticCases while it is being constructed.
    String[] posyandu = new String[0];
    String[] nearbyPosyandu = new String[0];
    String[] puskesmas = new String[0];
    int unknownRwNumber;
    double burden = 1;
    double hazMean;
    double whzMean;
    long[] defaultRounds;

    Site(RwInput rw, long seed) {
        this.rw = rw;
        this.code = rw.code();
        this.kelurahanCode = rw.kelurahanCode();
        this.kecamatanCode = rw.kecamatanCode();
        this.nikPrefix = rw.kecamatanCode().replace(".", "");
        this.kotaDigits = nikPrefix.substring(0, 4);
        this.rwNumber = parseRwNumber(rw.code());
        this.population = rw.population();
        this.rtCount = Math.max(2, Math.min(15, (int) Math.round(population / 180.0)));
        SplittableRandom random = Draw.stream(seed, SyntheticCases.SALT_STREETS, code, 0);
        this.streets = Names.streets(2 + random.nextInt(4), random);
        Geometry geometry = rw.polygon();
        if (geometry != null && !geometry.isEmpty() && geometry instanceof Polygonal && geometry.getArea() > 0) {
            this.polygon = geometry;
            this.locator = new IndexedPointInAreaLocator(geometry);
            this.envelope = geometry.getEnvelopeInternal();
            this.interior = geometry.getInteriorPoint().getCoordinate();
            locator.locate(interior); // builds the index now, not lazily in a writer
        } else {
            this.polygon = null;
            this.locator = null;
            this.envelope = null;
            this.interior = null;
        }
    }

    /** Whether points can be drawn in this RW. */
    boolean hasGeometry() {
        return polygon != null;
    }

    /**
     * A point uniformly inside the RW (rejection sampling in its envelope), as {@code {lon, lat}} already rounded
     * to the six decimals written, so the written point is the one tested.
     */
    double[] pointInside(SplittableRandom random) {
        for (int i = 0; i < MAX_TRIES; i++) {
            double x = micro(envelope.getMinX() + random.nextDouble() * envelope.getWidth());
            double y = micro(envelope.getMinY() + random.nextDouble() * envelope.getHeight());
            if (locator.locate(new Coordinate(x, y)) == Location.INTERIOR) {
                return new double[] {x, y};
            }
        }
        return new double[] {interior.x, interior.y};
    }

    /**
     * A point outside the RW but within {@link #OUTSIDE_MARGIN_DEGREES} of it, as {@code {lon, lat}} rounded to
     * six decimals.
     */
    double[] pointJustOutside(SplittableRandom random) {
        Envelope grown = new Envelope(envelope);
        grown.expandBy(OUTSIDE_MARGIN_DEGREES);
        for (int i = 0; i < MAX_TRIES; i++) {
            double x = micro(grown.getMinX() + random.nextDouble() * grown.getWidth());
            double y = micro(grown.getMinY() + random.nextDouble() * grown.getHeight());
            Coordinate c = new Coordinate(x, y);
            if (locator.locate(c) == Location.EXTERIOR
                    && polygon.distance(polygon.getFactory().createPoint(c)) <= OUTSIDE_MARGIN_DEGREES) {
                return new double[] {x, y};
            }
        }
        return new double[] {
            micro(envelope.getMinX() - OUTSIDE_MARGIN_DEGREES / 2),
            micro(envelope.getMaxY() + OUTSIDE_MARGIN_DEGREES / 2)
        };
    }

    /** Rounded to six decimals, as {@code Lintang}/{@code Bujur} are written. */
    private static double micro(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static int parseRwNumber(String code) {
        int at = code.lastIndexOf(".RW");
        String digits = at < 0 ? "" : code.substring(at + 3);
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("RW code " + code + " must end in .RW<nnn>");
        }
        return Integer.parseInt(digits);
    }
}
