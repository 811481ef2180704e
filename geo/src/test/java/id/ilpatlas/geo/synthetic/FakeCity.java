package id.ilpatlas.geo.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Test cities made of square RWs. */
final class FakeCity {

    private FakeCity() {}

    /**
     * Seven RWs of about 1.1 km x 1.1 km near Pekalongan, in two kecamatan:
     *
     * <pre>
     *   lat -6.87 +----------+----------+----------+
     *             | U RW001  | U RW002  | U RW003  |          U = 33.75.03.1001 (Pekalongan Utara)
     *   lat -6.88 +----------+----------+----------+----------+
     *             | B RW001  | B RW002  | C RW001  | C RW002  |  B = 33.75.01.1002, C = 33.75.01.1003
     *   lat -6.89 +----------+----------+----------+----------+
     *          109.66     109.67     109.68     109.69     109.70
     * </pre>
     *
     * U RW003 and C RW002 have no posyandu; PSY-B1 serves B RW001 and B RW002.
     */
    static CityInput small() {
        List<RwInput> rws = List.of(
                rw("33.75.03.1001.RW001", 2400, square(109.66, -6.88, 0.01)),
                rw("33.75.03.1001.RW002", 1800, square(109.67, -6.88, 0.01)),
                rw("33.75.03.1001.RW003", 1200, square(109.68, -6.88, 0.01)),
                rw("33.75.01.1002.RW001", 2100, square(109.66, -6.89, 0.01)),
                rw("33.75.01.1002.RW002", 1500, square(109.67, -6.89, 0.01)),
                rw("33.75.01.1003.RW001", 2600, square(109.68, -6.89, 0.01)),
                rw("33.75.01.1003.RW002", 900, square(109.69, -6.89, 0.01)));
        List<PosyanduInput> posyandu = List.of(
                new PosyanduInput("PSY-U1", "Posyandu Melati", List.of("33.75.03.1001.RW001")),
                new PosyanduInput("PSY-U2", "Posyandu Mawar", List.of("33.75.03.1001.RW002")),
                new PosyanduInput("PSY-B1", "Posyandu Kenanga", List.of("33.75.01.1002.RW001", "33.75.01.1002.RW002")),
                new PosyanduInput("PSY-C1", "Posyandu Dahlia", List.of("33.75.01.1003.RW001")));
        List<PuskesmasInput> puskesmas = List.of(
                new PuskesmasInput("PKM-U", "Puskesmas Utara", List.of("33.75.03.1001")),
                new PuskesmasInput("PKM-B", "Puskesmas Barat", List.of("33.75.01.1002", "33.75.01.1003")));
        return new CityInput(rws, posyandu, puskesmas);
    }

    /**
     * A grid city: kecamatan 33.75.01–04 side by side, each {@code kelurahan} kelurahan of {@code rwsPerKelurahan}
     * square RWs (0.004 degrees) with populations uniform in [0.7, 1.3] x {@code meanPopulation}. Every ninth RW
     * has no posyandu; every fifth posyandu also serves the next RW. One puskesmas per kecamatan.
     */
    static CityInput grid(int kelurahan, int rwsPerKelurahan, int meanPopulation, long seed) {
        Random random = new Random(seed);
        List<RwInput> rws = new ArrayList<>();
        List<PosyanduInput> posyandu = new ArrayList<>();
        List<PuskesmasInput> puskesmas = new ArrayList<>();
        double size = 0.004;
        int side = (int) Math.ceil(Math.sqrt(rwsPerKelurahan));
        int n = 0;
        for (int kec = 1; kec <= 4; kec++) {
            String kecamatan = String.format(Locale.ROOT, "33.75.%02d", kec);
            List<String> kelurahanCodes = new ArrayList<>();
            for (int kel = 1; kel <= kelurahan; kel++) {
                String kelurahanCode = String.format(Locale.ROOT, "%s.%d", kecamatan, 1000 + kel);
                kelurahanCodes.add(kelurahanCode);
                for (int r = 1; r <= rwsPerKelurahan; r++) {
                    double x = 109.60 + ((kec - 1) * side + (r - 1) % side) * size;
                    double y = -6.95 + ((kel - 1) * side + (r - 1) / side) * size;
                    String code = String.format(Locale.ROOT, "%s.RW%03d", kelurahanCode, r);
                    int population = (int) Math.round(meanPopulation * (0.7 + 0.6 * random.nextDouble()));
                    rws.add(rw(code, population, square(x, y, size)));
                    n++;
                    if (n % 9 != 0) {
                        List<String> served = new ArrayList<>(List.of(code));
                        if (n % 5 == 0 && r < rwsPerKelurahan) {
                            served.add(String.format(Locale.ROOT, "%s.RW%03d", kelurahanCode, r + 1));
                        }
                        posyandu.add(new PosyanduInput("PSY-" + n, "Posyandu " + n, served));
                    }
                }
            }
            puskesmas.add(new PuskesmasInput("PKM-" + kec, "Puskesmas " + kec, kelurahanCodes));
        }
        return new CityInput(rws, posyandu, puskesmas);
    }

    static RwInput rw(String code, int population, String wkt) {
        String kelurahan = code.substring(0, code.indexOf(".RW"));
        String kecamatan = kelurahan.substring(0, 8);
        return new RwInput(code, kelurahan, kecamatan, population, geometry(wkt));
    }

    /** WKT of a square with its south-west corner at (lon, lat). */
    static String square(double lon, double lat, double size) {
        return String.format(
                Locale.ROOT,
                "POLYGON((%.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f))",
                lon,
                lat,
                lon + size,
                lat,
                lon + size,
                lat + size,
                lon,
                lat + size,
                lon,
                lat);
    }

    static Geometry geometry(String wkt) {
        try {
            return new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }
}
