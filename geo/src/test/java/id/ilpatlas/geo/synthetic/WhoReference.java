package id.ilpatlas.geo.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A plain re-reading of the WHO daily tables for tests (independent of the generator's own reader): z-score of
 * length/height-for-age and weight-for-age as WHO's {@code anthro} computes them.
 */
final class WhoReference {

    private final Map<String, double[]> length = read("lenanthro.txt");
    private final Map<String, double[]> weight = read("weianthro.txt");

    /** Length/height-for-age z with WHO's ±0.7 cm position adjustment; sex 1 = boy, 2 = girl. */
    double lengthForAgeZ(int sex, long ageDays, double cm, boolean lying) {
        double adjusted = cm;
        if (ageDays < 731 && !lying && ageDays >= 274) {
            adjusted += 0.7;
        } else if (ageDays >= 731 && lying) {
            adjusted -= 0.7;
        }
        double[] lms = length.get(sex + ":" + ageDays);
        return (adjusted / lms[1] - 1) / lms[2];
    }

    /** Weight-for-age z, adjusted beyond ±3. */
    double weightForAgeZ(int sex, long ageDays, double kg) {
        double[] lms = weight.get(sex + ":" + ageDays);
        double l = lms[0];
        double m = lms[1];
        double s = lms[2];
        double z = (Math.pow(kg / m, l) - 1) / (l * s);
        if (z > 3) {
            double sd3 = m * Math.pow(1 + l * s * 3, 1 / l);
            double sd2 = m * Math.pow(1 + l * s * 2, 1 / l);
            return 3 + (kg - sd3) / (sd3 - sd2);
        }
        if (z < -3) {
            double sd3 = m * Math.pow(1 + l * s * -3, 1 / l);
            double sd2 = m * Math.pow(1 + l * s * -2, 1 / l);
            return -3 + (kg - sd3) / (sd2 - sd3);
        }
        return z;
    }

    private static Map<String, double[]> read(String file) {
        Map<String, double[]> rows = new HashMap<>();
        try (InputStream in = WhoReference.class.getResourceAsStream("/id/ilpatlas/geo/growth/who/" + file)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.trim().split("\t");
                rows.put(
                        f[0] + ":" + f[1],
                        new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
