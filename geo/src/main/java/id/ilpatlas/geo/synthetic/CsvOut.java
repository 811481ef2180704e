package id.ilpatlas.geo.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a {@code ;}-separated export, buffered in one {@link StringBuilder} and handed to the {@link Writer}
 * in 64 KiB chunks. Lines end with {@code \n}.
 *
 * <p>Numbers are formatted by hand from their digits, never through a {@link java.util.Locale}: the comma
 * decimal separator that the national exports use is written on purpose, and a JVM default locale cannot
 * change it. Dates are {@code dd/MM/yyyy}.
 */
final class CsvOut {

    private static final int CHUNK = 1 << 16;
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    private final Writer out;
    private final StringBuilder line = new StringBuilder(CHUNK + 4096);
    private long rows;

    CsvOut(Writer out) {
        this.out = out;
    }

    /**
     * The address block every national export carries in the same order (kelurahan code, RT, RW, street address,
     * latitude, longitude); {@link #columns} splices it into a file's header.
     */
    static final String[] ADDRESS_COLUMNS = {"Kode Kel", "RT", "RW", "Alamat", "Lintang", "Bujur"};

    /** A header from column names and column blocks ({@code String} or {@code String[]}, in order). */
    static String[] columns(Object... parts) {
        List<String> names = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof String[] block) {
                names.addAll(List.of(block));
            } else {
                names.add((String) part);
            }
        }
        return names.toArray(String[]::new);
    }

    /** Writes the header row (not counted as a data row). */
    void header(String... columns) {
        line.append(String.join(";", columns)).append('\n');
    }

    /** The buffer to append the current row's fields to. */
    StringBuilder row() {
        return line;
    }

    /** Ends the current data row. */
    void endRow() {
        line.append('\n');
        rows++;
        if (line.length() >= CHUNK) {
            drain();
        }
    }

    /** Data rows ended so far. */
    long rows() {
        return rows;
    }

    /** Writes what is buffered and flushes the writer (which stays open). */
    void finish() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain() {
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.setLength(0);
    }

    // ---------------------------------------------------------------------------------------------
    // Field formatting

    /** {@code value} rounded half away from zero to {@code decimals} places, with a comma: {@code 12,5}. */
    static StringBuilder decimal(StringBuilder sb, double value, int decimals) {
        long scaled = Math.round(Math.abs(value) * POWERS[decimals]);
        if (value < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / POWERS[decimals]);
        if (decimals > 0) {
            sb.append(',');
            pad(sb, scaled % POWERS[decimals], decimals);
        }
        return sb;
    }

    /** {@code value} left-padded with zeros to {@code width} digits. */
    static StringBuilder pad(StringBuilder sb, long value, int width) {
        for (int w = width - 1; w > 0 && value < POWERS[w]; w--) {
            sb.append('0');
        }
        return sb.append(value);
    }

    /** {@code dd/MM/yyyy}. */
    static StringBuilder date(StringBuilder sb, LocalDate date) {
        pad(sb, date.getDayOfMonth(), 2).append('/');
        pad(sb, date.getMonthValue(), 2).append('/');
        return pad(sb, date.getYear(), 4);
    }

    /** {@code dd/MM/yyyy} of an epoch day. */
    static StringBuilder date(StringBuilder sb, long epochDay) {
        return date(sb, LocalDate.ofEpochDay(epochDay));
    }

    /** A text field, quoted (with doubled quotes) only when it holds {@code ;}, {@code "} or a line break. */
    static StringBuilder text(StringBuilder sb, String value) {
        if (value == null) {
            return sb;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ';' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? sb.append('"').append(value.replace("\"", "\"\"")).append('"') : sb.append(value);
    }
}
