package id.ilpatlas.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 4180 CSV reader (quoted fields with doubled quotes): the bundled reference files (comma-separated), and
 * the line splitting of the case importer ({@code ;}-separated national exports). Also the one rule for the text cells
 * of every CSV the product writes ({@link #text}, {@link #quotedText}): quoted when needed and neutralised against
 * formula injection.
 */
public final class Csv {

    private Csv() {}

    /**
     * Whether a spreadsheet could read a text cell starting with {@code c} as a formula (OWASP "CSV injection"):
     * {@code = + - @}, tab and carriage return, and the full-width {@code ＝ ＋ － ＠}.
     */
    static boolean startsFormula(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /**
     * A text cell as it is to be read, never run: a value that would start a formula gets a leading {@code '}
     * (spreadsheets show the text as written; e.g. {@code =HYPERLINK(...)} becomes {@code '=HYPERLINK(...)}). Only
     * for text: numbers are written as numbers (a negative number stays {@code -3}). Null is the empty string.
     */
    public static String neutralised(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && startsFormula(value.charAt(0)) ? "'" + value : value;
    }

    /**
     * A comma-separated text cell: {@linkplain #neutralised neutralised}, then quoted (RFC 4180, doubled quotes) when it
     * holds a comma, a quote or a line break.
     */
    public static String text(String value) {
        String cell = neutralised(value);
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                ? quote(cell)
                : cell;
    }

    /** A text cell {@linkplain #neutralised neutralised} and always quoted. */
    public static String quotedText(String value) {
        return quote(neutralised(value));
    }

    private static String quote(String cell) {
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Rows as header-keyed maps, in file order. Quoted fields may not span lines (the bundled files never do). */
    public static List<Map<String, String>> read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                return List.of();
            }
            List<String> header = split(headerLine.replace("\uFEFF", ""));
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line);
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException("CSV line " + lineNumber + " has " + fields.size()
                            + " fields, the header has " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), fields.get(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String line) {
        return split(line, ',');
    }

    /**
     * The fields of one CSV line: {@code separator}-separated, fields optionally quoted with {@code "} (a doubled
     * quote inside is one quote; a quoted field may hold separators and line breaks); a stray carriage return outside
     * quotes is dropped.
     */
    public static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
