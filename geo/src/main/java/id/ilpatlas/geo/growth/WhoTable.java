package id.ilpatlas.geo.growth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The six daily WHO Child Growth Standards LMS tables, bundled unmodified under {@code
 * id/ilpatlas/geo/growth/who/} (see the SOURCE.md there). Each table is parsed on first use into
 * three {@code double[]} arrays (l, m, s), boys' rows first, indexed by key; the arrays are never
 * modified after loading, so lookups are thread-safe.
 */
enum WhoTable {
    /** Weight-for-age, by age in days 0..1826. */
    WEIGHT_FOR_AGE("weianthro.txt", "age", 1, 0, 1826),
    /** Length/height-for-age, by age in days 0..1826 (length up to day 730, height from day 731). */
    LENGTH_HEIGHT_FOR_AGE("lenanthro.txt", "age", 1, 0, 1826),
    /** Weight-for-length, by length 45.0..110.0 cm in 0.1 cm steps. */
    WEIGHT_FOR_LENGTH("wflanthro.txt", "length", 10, 450, 1100),
    /** Weight-for-height, by height 65.0..120.0 cm in 0.1 cm steps. */
    WEIGHT_FOR_HEIGHT("wfhanthro.txt", "height", 10, 650, 1200),
    /** BMI-for-age, by age in days 0..1826. */
    BMI_FOR_AGE("bmianthro.txt", "age", 1, 0, 1826),
    /** Head-circumference-for-age, by age in days 0..1826. */
    HEAD_CIRCUMFERENCE_FOR_AGE("hcanthro.txt", "age", 1, 0, 1826);

    private final String fileName;
    private final String keyColumn;
    private final int unitsPerKey;
    private final int firstKeyUnits;
    private final int lastKeyUnits;
    private volatile Rows rows;

    WhoTable(String fileName, String keyColumn, int unitsPerKey, int firstKeyUnits, int lastKeyUnits) {
        this.fileName = fileName;
        this.keyColumn = keyColumn;
        this.unitsPerKey = unitsPerKey;
        this.firstKeyUnits = firstKeyUnits;
        this.lastKeyUnits = lastKeyUnits;
    }

    /** The resource file name, relative to {@code id/ilpatlas/geo/growth/who/}. */
    String fileName() {
        return fileName;
    }

    /** The first key in table units (days, or tenths of a cm). */
    int firstKeyUnits() {
        return firstKeyUnits;
    }

    /** The last key in table units (days, or tenths of a cm). */
    int lastKeyUnits() {
        return lastKeyUnits;
    }

    /** Rows per sex. */
    int rowsPerSex() {
        return lastKeyUnits - firstKeyUnits + 1;
    }

    /**
     * The row for {@code sex} at {@code keyUnits} (a day, or tenths of a cm).
     *
     * @return the row, or {@code null} if {@code keyUnits} is outside the table
     */
    Lms row(Sex sex, long keyUnits) {
        if (keyUnits < firstKeyUnits || keyUnits > lastKeyUnits) {
            return null;
        }
        Rows r = rows();
        int i = sex.ordinal() * rowsPerSex() + (int) (keyUnits - firstKeyUnits);
        return new Lms(r.l[i], r.m[i], r.s[i]);
    }

    private Rows rows() {
        Rows r = rows;
        if (r == null) {
            synchronized (this) {
                r = rows;
                if (r == null) {
                    r = load();
                    rows = r;
                }
            }
        }
        return r;
    }

    private Rows load() {
        String resource = "who/" + fileName;
        try (InputStream in = WhoTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource id/ilpatlas/geo/growth/" + resource);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private Rows parse(BufferedReader reader) throws IOException {
        int perSex = rowsPerSex();
        double[] l = new double[2 * perSex];
        double[] m = new double[2 * perSex];
        double[] s = new double[2 * perSex];
        boolean[] seen = new boolean[2 * perSex];
        String header = reader.readLine();
        String expectedHeader = "sex\t" + keyColumn + "\tl\tm\ts";
        if (header == null || !header.strip().startsWith(expectedHeader)) {
            throw malformed("header must start with " + expectedHeader.replace('\t', ' ') + ": " + header);
        }
        int count = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\t");
            if (f.length < 5) {
                throw malformed("too few columns: " + line);
            }
            Sex sex = Sex.ofWhoCode(Integer.parseInt(f[0]));
            int key = new BigDecimal(f[1])
                    .scaleByPowerOfTen(unitsPerKey == 10 ? 1 : 0)
                    .intValueExact();
            if (key < firstKeyUnits || key > lastKeyUnits) {
                throw malformed("key out of range: " + line);
            }
            int i = sex.ordinal() * perSex + key - firstKeyUnits;
            if (seen[i]) {
                throw malformed("duplicate row: " + line);
            }
            seen[i] = true;
            l[i] = Double.parseDouble(f[2]);
            m[i] = Double.parseDouble(f[3]);
            s[i] = Double.parseDouble(f[4]);
            if (l[i] == 0 || !(m[i] > 0) || !(s[i] > 0)) {
                throw malformed("expected l != 0, m > 0, s > 0: " + line);
            }
            count++;
        }
        if (count != 2 * perSex) {
            throw malformed("expected " + 2 * perSex + " rows, got " + count);
        }
        return new Rows(l, m, s);
    }

    private IllegalStateException malformed(String detail) {
        return new IllegalStateException("malformed WHO table " + fileName + ": " + detail);
    }

    /** Parsed columns; never modified after construction. */
    private static final class Rows {
        private final double[] l;
        private final double[] m;
        private final double[] s;

        Rows(double[] l, double[] m, double[] s) {
            this.l = l;
            this.m = m;
            this.s = s;
        }
    }
}
