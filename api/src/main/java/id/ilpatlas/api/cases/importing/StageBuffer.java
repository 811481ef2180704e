package id.ilpatlas.api.cases.importing;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The rows of one batch in PostgreSQL's COPY text format, sent in one round trip to a temporary staging table.
 * Values are written with {@link Locale#ROOT} (points as decimals), whatever the file used.
 */
final class StageBuffer {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowOpen;
    private int rows;

    StageBuffer row() {
        if (rowOpen) {
            text.setLength(text.length() - 1);
            text.append('\n');
        }
        rowOpen = true;
        rows++;
        return this;
    }

    StageBuffer add(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Double d) {
            // What String.format(Locale.ROOT, "%s", d) wrote (Double.toString, locale-free), without the Formatter.
            text.append(d.doubleValue());
        } else if (value instanceof LocalDate date) {
            text.append(date);
        } else if (value instanceof String[] array) {
            text.append('{');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append('"');
                escape(array[i].replace("\\", "\\\\").replace("\"", "\\\""));
                text.append('"');
            }
            text.append('}');
        } else {
            escape(value.toString());
        }
        text.append('\t');
        return this;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    int rows() {
        return rows;
    }

    /** COPY the buffered rows into {@code table} (columns in the order they were added). */
    void copyInto(Connection connection, String table, String columns) throws SQLException {
        if (rows == 0) {
            return;
        }
        if (rowOpen) {
            text.setLength(text.length() - 1);
            text.append('\n');
            rowOpen = false;
        }
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }
}
