package id.ilpatlas.api.cases.importing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of one row and collects what is wrong with it: each problem names the column (as the file
 * writes it) and why. Values are read as the Indonesian exports write them: comma decimals on purpose, dd/MM/yyyy
 * dates. A reader returns null for an absent value and for a bad one (then a problem is recorded).
 */
final class RowProblems {

    /** One problem of a row. */
    record Problem(String column, String reason) {}

    private static final DateTimeFormatter DMY_SLASH =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DMY_DASH =
            DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern NUMBER = Pattern.compile("^-?[0-9]+([.,][0-9]+)?$");
    /** Dates before or after these years are typing errors (and some are beyond what PostgreSQL stores). */
    static final int MIN_YEAR = 1900;

    static final int MAX_YEAR = 2100;
    /**
     * A run of digits as long as most of a NIK or family card number (12 of 16 digits say region and birth date),
     * also when written in groups ({@code 3375 0112 3456 7890}, {@code 3375-0112-3456-7890}, {@code 3375.0112...}):
     * never repeated in a report, e.g. when a NIK stands in the wrong column. Digits may be separated by up to three
     * spaces, dashes, dots, slashes or underscores.
     */
    private static final Pattern IDENTITY_DIGITS =
            Pattern.compile("\\p{Nd}(?:[\\s\\u00A0\\u2007\\u202F\\u2010-\\u2015\\-./_]{0,3}\\p{Nd}){11,}");

    private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");
    private static final Pattern SMALL_NUMBER =
            Pattern.compile("^(?:R[TW])?\\s*0*([0-9]{1,3})$", Pattern.CASE_INSENSITIVE);

    private final CaseCsvReader reader;
    private final CaseCsvReader.Row row;
    private final List<Problem> problems = new ArrayList<>();

    RowProblems(CaseCsvReader reader, CaseCsvReader.Row row) {
        this.reader = reader;
        this.row = row;
        String tooMany = row.fields().get(CaseCsvReader.TOO_MANY_FIELDS);
        if (tooMany != null) {
            add("(row)", "the row has " + tooMany + " (a ';' inside a value must be quoted)");
        }
        String tooFew = row.fields().get(CaseCsvReader.TOO_FEW_FIELDS);
        if (tooFew != null) {
            add("(row)", "the row has " + tooFew);
        }
        if (row.fields().containsKey(CaseCsvReader.NUL_CHARACTER)) {
            add("(row)", "the row contains a NUL byte (not a text value; is the file UTF-16?)");
        }
    }

    int rowNumber() {
        return row.number();
    }

    List<Problem> problems() {
        return problems;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void add(String normalizedColumn, String reason) {
        problems.add(new Problem(
                normalizedColumn.startsWith("(") ? normalizedColumn : reader.displayName(normalizedColumn),
                masked(reason)));
    }

    String text(String column) {
        return row.get(column);
    }

    String required(String column) {
        String value = row.get(column);
        if (value == null) {
            add(column, "is required");
        }
        return value;
    }

    /** A number with a comma (or point) decimal within [min, max]; null when absent or bad. */
    Double number(String column, double min, double max, String unit) {
        String raw = row.get(column);
        if (raw == null) {
            return null;
        }
        if (!NUMBER.matcher(raw).matches()) {
            add(column, "'" + shown(raw) + "' is not a number (write decimals with a comma, e.g. 12,5)");
            return null;
        }
        double value = Double.parseDouble(raw.replace(',', '.'));
        if (value < min || value > max) {
            add(
                    column,
                    shown(raw) + " " + unit + " is outside the plausible range " + plain(min) + "-" + plain(max) + " "
                            + unit);
            return null;
        }
        return value;
    }

    Integer integer(String column, int min, int max) {
        String raw = row.get(column);
        if (raw == null) {
            return null;
        }
        if (!raw.matches("^[0-9]{1,6}$")) {
            add(column, "'" + shown(raw) + "' is not a whole number");
            return null;
        }
        int value = Integer.parseInt(raw);
        if (value < min || value > max) {
            add(column, value + " is outside " + min + "-" + max);
            return null;
        }
        return value;
    }

    /** An RT or RW number: {@code 3}, {@code 003}, {@code RW 003}. */
    Integer unitNumber(String column) {
        String raw = row.get(column);
        if (raw == null) {
            return null;
        }
        Matcher m = SMALL_NUMBER.matcher(raw);
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            add(column, "'" + shown(raw) + "' is not an RT/RW number 1-999 (3, 003 or RW 003)");
            return null;
        }
        return Integer.parseInt(m.group(1));
    }

    LocalDate date(String column) {
        String raw = row.get(column);
        if (raw == null) {
            return null;
        }
        for (DateTimeFormatter format :
                new DateTimeFormatter[] {DMY_SLASH, DMY_DASH, DateTimeFormatter.ISO_LOCAL_DATE}) {
            LocalDate date;
            try {
                date = LocalDate.parse(raw, format);
            } catch (DateTimeParseException e) {
                continue; // try the next format
            }
            if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
                add(column, "'" + shown(raw) + "' is not a plausible date (years " + MIN_YEAR + "-" + MAX_YEAR + ")");
                return null;
            }
            return date;
        }
        add(column, "'" + shown(raw) + "' is not a date (dd/MM/yyyy, dd-MM-yyyy or yyyy-MM-dd)");
        return null;
    }

    /** A value from a fixed vocabulary (compared without case, spaces or punctuation). */
    <E> E choice(String column, Map<String, E> vocabulary, boolean required) {
        String raw = row.get(column);
        if (raw == null) {
            if (required) {
                add(column, "is required");
            }
            return null;
        }
        String normalized = CaseCsvReader.normalize(raw);
        for (Map.Entry<String, E> entry : vocabulary.entrySet()) {
            if (CaseCsvReader.normalize(entry.getKey()).equals(normalized)) {
                return entry.getValue();
            }
        }
        add(column, "'" + shown(raw) + "' is not one of " + String.join(", ", vocabulary.keySet()));
        return null;
    }

    /**
     * A value as a problem report may repeat it: shortened, and with any run of 12 or more digits, grouped or not (a
     * NIK or family card number in the wrong column), masked, so that the report never holds an identity number in clear.
     */
    static String shown(String raw) {
        String value = masked(raw);
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }

    /** Text with every run of 12 or more digits (grouped or not) masked: each digit becomes {@code *}. */
    static String masked(String text) {
        Matcher m = IDENTITY_DIGITS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(DIGIT.matcher(m.group()).replaceAll("*")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
