package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.Csv;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a national export file: {@code ;}-separated, optionally quoted fields (RFC 4180 quoting, also across
 * lines), strict UTF-8 (a bad byte stops the file at its row), header first. Holds one row at a time, of at most
 * {@value #MAX_ROW_BYTES} bytes: a longer row (typically a quoted field whose closing quote is missing) stops the file
 * at the row where it began. Every byte is read, decoded and scanned for quotes once, so the time is linear in the
 * input whatever it holds.
 */
final class CaseCsvReader implements Closeable {

    /** The most bytes one row may hold, its quoted line breaks included (docs/case-formats.md). */
    static final int MAX_ROW_BYTES = 65_536;

    /** A file-level problem: the file cannot be read at all past this point. */
    static final class FileProblem extends RuntimeException {
        final int rowNumber;

        FileProblem(int rowNumber, String message) {
            super(message);
            this.rowNumber = rowNumber;
        }
    }

    /** One data row: its number in the file (header = row 1) and its fields by normalized column name. */
    record Row(int number, Map<String, String> fields) {

        /** The trimmed value of a column, or null when absent or blank. */
        String get(String column) {
            String value = fields.get(column);
            if (value == null) {
                return null;
            }
            value = value.strip();
            return value.isEmpty() ? null : value;
        }
    }

    private final InputStream in;
    /** Raw bytes read ahead of the current line; lines are split as bytes and decoded one at a time. */
    private final byte[] buffer = new byte[1 << 16];

    private int bufferPos;
    private int bufferEnd;
    private byte[] lineBytes = new byte[256];
    /** The UTF-8 length of the line {@link #readLine} returned last. */
    private int lineLength;
    /**
     * Strict UTF-8, one line at a time: a decoder reading ahead in blocks would report a bad byte at the block's
     * first line (or the header) and lose the good rows before it.
     */
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final List<String> header;
    private final Map<String, String> displayNames = new HashMap<>();
    private int lineNumber;
    private int rowNumber = 1;

    CaseCsvReader(InputStream in) {
        this.in = in;
        String line = readLine(MAX_ROW_BYTES, 1, false);
        if (line == null) {
            throw new FileProblem(1, "the file is empty (expected a header row)");
        }
        line = line.replace("\uFEFF", "");
        if (line.indexOf('\u0000') >= 0) {
            throw new FileProblem(
                    1, "the header row contains NUL bytes: the file is not UTF-8 (UTF-16?); export it " + "as UTF-8");
        }
        if (!line.contains(";")) {
            String found = line.contains(",") ? "','" : line.contains("\t") ? "a tab" : "no separator";
            throw new FileProblem(
                    1,
                    "the header row is not separated by ';' (found " + found + "); export the file "
                            + "with ';' as the separator");
        }
        List<String> names = new ArrayList<>();
        for (String name : split(line)) {
            String normalized = normalize(name);
            names.add(normalized);
            displayNames.putIfAbsent(normalized, name.strip());
        }
        this.header = names;
    }

    /** Column names compared without case, spaces or punctuation: {@code Tgl Lahir} = {@code TGL_LAHIR}. */
    static String normalize(String column) {
        // replaceAll("[^a-z0-9]", "") without compiling the pattern on every call (three calls a row).
        String lower = column.toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                kept.append(c);
            }
        }
        return kept.length() == lower.length() ? lower : kept.toString();
    }

    boolean hasColumn(String normalized) {
        return header.contains(normalized);
    }

    /** The column's name as written in the file's header (or the normalized name when absent). */
    String displayName(String normalized) {
        return displayNames.getOrDefault(normalized, normalized);
    }

    /** The next data row, or null at the end; blank lines are skipped (but counted). */
    Row next() {
        while (true) {
            String line = readLine(MAX_ROW_BYTES, lineNumber + 1, false);
            if (line == null) {
                return null;
            }
            rowNumber = lineNumber;
            if (line.isBlank()) {
                continue;
            }
            int startLine = lineNumber;
            boolean open = openQuotes(line, false);
            if (open) {
                // Each further line is scanned once and appended once: linear in the row's length.
                StringBuilder record = new StringBuilder(line);
                int used = lineLength;
                while (open) {
                    if (used >= MAX_ROW_BYTES) {
                        throw tooLong(startLine, true);
                    }
                    String more = readLine(MAX_ROW_BYTES - used - 1, startLine, true);
                    if (more == null) {
                        throw new FileProblem(startLine, "a quoted field opened on this row is never closed");
                    }
                    used += 1 + lineLength;
                    record.append('\n').append(more);
                    open = openQuotes(more, true);
                }
                line = record.toString();
            }
            List<String> values = split(line);
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < header.size() && i < values.size(); i++) {
                fields.putIfAbsent(header.get(i), values.get(i));
            }
            if (line.indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold NUL: reject the row here rather than fail its whole batch.
                fields.put(NUL_CHARACTER, "a NUL byte");
            }
            if (values.size() > header.size()) {
                fields.put(TOO_MANY_FIELDS, values.size() + " fields, the header has " + header.size());
            } else if (values.size() < header.size()) {
                fields.put(TOO_FEW_FIELDS, values.size() + " fields, the header has " + header.size());
            }
            return new Row(startLine, fields);
        }
    }

    static final String TOO_MANY_FIELDS = "\u0000toomany";
    static final String TOO_FEW_FIELDS = "\u0000toofew";
    static final String NUL_CHARACTER = "\u0000nul";

    /** The number of the last line read (header = 1). */
    int lastRowNumber() {
        return rowNumber;
    }

    /**
     * The next line (without its terminator: LF, CR LF or CR), decoded as strict UTF-8; null at the end. A line cut
     * short by a read error is never returned. A line of more than {@code maxBytes} bytes stops the file at row
     * {@code rowStart}, where the row began ({@code quoted}: inside a quoted field opened there); the rest of such a
     * line is not read.
     */
    private String readLine(int maxBytes, int rowStart, boolean quoted) {
        int length = 0;
        boolean any = false;
        try {
            while (true) {
                if (bufferPos == bufferEnd) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    bufferPos = 0;
                    bufferEnd = n;
                    continue;
                }
                byte b = buffer[bufferPos++];
                any = true;
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    if (bufferPos == bufferEnd) {
                        int n = in.read(buffer);
                        bufferPos = 0;
                        bufferEnd = Math.max(n, 0);
                    }
                    if (bufferPos < bufferEnd && buffer[bufferPos] == '\n') {
                        bufferPos++;
                    }
                    break;
                }
                if (length >= maxBytes) {
                    throw tooLong(rowStart, quoted);
                }
                if (length == lineBytes.length) {
                    lineBytes = Arrays.copyOf(lineBytes, length * 2);
                }
                lineBytes[length++] = b;
            }
        } catch (IOException e) {
            throw new FileProblem(
                    lineNumber + 1, "the file could not be read past row " + lineNumber + ": " + e.getMessage());
        }
        if (!any) {
            return null;
        }
        try {
            String line = decoder.decode(ByteBuffer.wrap(lineBytes, 0, length)).toString();
            lineNumber++;
            lineLength = length;
            return line;
        } catch (CharacterCodingException e) {
            throw new FileProblem(
                    lineNumber + 1,
                    "the row is not valid UTF-8 (convert the "
                            + "file, e.g. iconv -f CP1252 -t UTF-8); the rows before it were imported");
        }
    }

    private static FileProblem tooLong(int rowStart, boolean quoted) {
        return new FileProblem(
                rowStart,
                (quoted ? "a quoted field opened on this row runs past " : "the row runs past ")
                        + String.format(Locale.ROOT, "%,d", MAX_ROW_BYTES) + " bytes, the most one row may hold"
                        + (quoted ? " (is its closing quote missing?)" : ""));
    }

    /** Whether a quoted field is open at the end of {@code line}, given whether one was open at its start. */
    private static boolean openQuotes(String line, boolean open) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                open = !open;
            }
        }
        return open;
    }

    private static List<String> split(String line) {
        return Csv.split(line, ';');
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
