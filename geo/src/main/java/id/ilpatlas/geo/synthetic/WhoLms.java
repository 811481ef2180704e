package id.ilpatlas.geo.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The WHO Child Growth Standards LMS rows the generator inverts (value at a given z), read from the verbatim
 * daily tables shipped as classpath resources under {@code /id/ilpatlas/geo/growth/who/} (see their SOURCE
 * notes; the growth package owns them). Only what generation needs is here: this is not the z-score
 * implementation the importer uses.
 *
 * <p>Tables: length/height-for-age ({@code lenanthro}, L = 1), weight-for-age ({@code weianthro}) by age in
 * days 0–1856; weight-for-length ({@code wflanthro}, 45–110 cm) and weight-for-height ({@code wfhanthro},
 * 65–120 cm) in 0.1 cm steps, linearly interpolated as WHO's {@code anthro} does. Sex index 0 = boys, 1 = girls.
 */
final class WhoLms {

    private static final String BASE = "/id/ilpatlas/geo/growth/who/";
    private static volatile WhoLms instance;

    /** By sex, age in days: L, M, S. */
    private final double[][][] lengthForAge;

    private final double[][][] weightForAge;
    /** By sex, (cm - 45) * 10. */
    private final double[][][] weightForLength;
    /** By sex, (cm - 65) * 10. */
    private final double[][][] weightForHeight;

    private WhoLms() {
        lengthForAge = read("lenanthro.txt", 0);
        weightForAge = read("weianthro.txt", 0);
        weightForLength = read("wflanthro.txt", 45.0);
        weightForHeight = read("wfhanthro.txt", 65.0);
    }

    /** The tables, read once. */
    static WhoLms get() {
        WhoLms tables = instance;
        if (tables == null) {
            synchronized (WhoLms.class) {
                tables = instance;
                if (tables == null) {
                    tables = new WhoLms();
                    instance = tables;
                }
            }
        }
        return tables;
    }

    /** Length (age &lt; 731 d) or height at {@code z}; {@code L = 1}, so {@code M (1 + S z)}. */
    double lengthAt(int sex, int ageDays, double z) {
        double[] lms = lengthForAge[sex][Math.min(ageDays, lengthForAge[sex].length - 1)];
        return lms[1] * (1 + lms[2] * z);
    }

    /** Weight-for-age value at {@code z} (with WHO's linear extension beyond ±3). */
    double weightForAgeAt(int sex, int ageDays, double z) {
        return valueAt(weightForAge[sex][Math.min(ageDays, weightForAge[sex].length - 1)], z);
    }

    /** Weight-for-age z of a weight (WHO's adjusted z beyond ±3). */
    double weightForAgeZ(int sex, int ageDays, double weightKg) {
        return zOf(weightForAge[sex][Math.min(ageDays, weightForAge[sex].length - 1)], weightKg);
    }

    /**
     * Weight at weight-for-length (age under 731 days) or weight-for-height {@code z} for a length/height, or
     * {@code NaN} when the length/height is outside the table.
     */
    double weightForStatureAt(int sex, boolean lying, double statureCm, double z) {
        double[][] table = lying ? weightForLength[sex] : weightForHeight[sex];
        double first = lying ? 45.0 : 65.0;
        double position = (statureCm - first) * 10;
        if (position < 0 || position > table.length - 1) {
            return Double.NaN;
        }
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, table.length - 1);
        double f = position - lo;
        double[] lms = new double[3];
        for (int k = 0; k < 3; k++) {
            lms[k] = table[lo][k] + f * (table[hi][k] - table[lo][k]);
        }
        return valueAt(lms, z);
    }

    /** Measurement at {@code z}: the LMS inverse, linear beyond ±3 SD as in WHO's adjusted z-scores. */
    static double valueAt(double[] lms, double z) {
        if (z > 3) {
            double sd3 = plain(lms, 3);
            return sd3 + (z - 3) * (sd3 - plain(lms, 2));
        }
        if (z < -3) {
            double sd3neg = plain(lms, -3);
            return sd3neg + (z + 3) * (plain(lms, -2) - sd3neg);
        }
        return plain(lms, z);
    }

    private static double plain(double[] lms, double z) {
        return lms[1] * Math.pow(1 + lms[0] * lms[2] * z, 1 / lms[0]);
    }

    private static double zOf(double[] lms, double y) {
        double z = (Math.pow(y / lms[1], lms[0]) - 1) / (lms[0] * lms[2]);
        if (z > 3) {
            double sd3 = plain(lms, 3);
            return 3 + (y - sd3) / (sd3 - plain(lms, 2));
        }
        if (z < -3) {
            double sd3neg = plain(lms, -3);
            return -3 + (y - sd3neg) / (plain(lms, -2) - sd3neg);
        }
        return z;
    }

    /** Reads {@code sex, key, l, m, s, ...} rows; the key is an age in days or a stature in cm. */
    private static double[][][] read(String file, double firstKey) {
        double[][][] bySex = new double[2][][];
        try (InputStream in = WhoLms.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("WHO table " + BASE + file + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            double[][][] rows = new double[2][4000][];
            int[] counts = new int[2];
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalStateException("WHO table " + file + " is empty");
            }
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                String[] f = text.trim().split("\t");
                int sex = Integer.parseInt(f[0]) - 1;
                int index = (int) Math.round((Double.parseDouble(f[1]) - firstKey) * (firstKey == 0 ? 1 : 10));
                if (index != counts[sex]) {
                    throw new IllegalStateException("WHO table " + file + ": rows out of order at " + text);
                }
                rows[sex][counts[sex]++] =
                        new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])};
            }
            for (int sex = 0; sex < 2; sex++) {
                bySex[sex] = java.util.Arrays.copyOf(rows[sex], counts[sex]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read WHO table " + file, e);
        }
        return bySex;
    }
}
