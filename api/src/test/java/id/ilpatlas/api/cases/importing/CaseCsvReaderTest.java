package id.ilpatlas.api.cases.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's work is bounded by its input and by {@link CaseCsvReader#MAX_ROW_BYTES}: bytes are counted as the
 * reader takes them from the stream, so the verdict does not depend on the machine's speed.
 */
class CaseCsvReaderTest {

    /** An input stream that counts the bytes handed out. */
    static final class CountingStream extends FilterInputStream {
        long bytes;

        CountingStream(byte[] content) {
            super(new ByteArrayInputStream(content));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }
    }

    /** 4 MB of short lines after a quote that is never closed (the file that held the import queue for 48 s). */
    private static byte[] unclosedQuoteFile() {
        StringBuilder text = new StringBuilder("NIK;Nama\n;Anak satu\n;\"Anak dua\n");
        while (text.length() < 4_000_000) {
            text.append(";Anak\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUnclosedQuoteStopsTheFileAtItsRowOnceTheRowLimitIsPassed() {
        byte[] file = unclosedQuoteFile();
        CountingStream in = new CountingStream(file);
        CaseCsvReader reader = new CaseCsvReader(in);
        List<String> names = new ArrayList<>();

        CaseCsvReader.FileProblem problem = catchThrowableOfType(CaseCsvReader.FileProblem.class, () -> {
            CaseCsvReader.Row row;
            while ((row = reader.next()) != null) {
                names.add(row.get("nama"));
            }
        });

        assertThat(names).containsExactly("Anak satu");
        assertThat(problem).as("the reader must stop with a problem").isNotNull();
        assertThat(problem.rowNumber).isEqualTo(3);
        assertThat(problem.getMessage())
                .isEqualTo("a quoted field opened on this row runs past 65,536 bytes, the "
                        + "most one row may hold (is its closing quote missing?)");
        assertThat(in.bytes)
                .as("bytes taken from a %,d-byte file: the row limit plus one read-ahead block", file.length)
                .isLessThanOrEqualTo(CaseCsvReader.MAX_ROW_BYTES + 2 * 65_536L);
    }

    @Test
    void aLineLongerThanTheRowLimitStopsTheFileAtItsRow() {
        String text = "NIK;Nama\n;Anak satu\n;" + "x".repeat(5_000_000) + "\n;Anak tiga\n";
        CountingStream in = new CountingStream(text.getBytes(StandardCharsets.UTF_8));
        CaseCsvReader reader = new CaseCsvReader(in);

        assertThat(reader.next().get("nama")).isEqualTo("Anak satu");
        CaseCsvReader.FileProblem problem = catchThrowableOfType(CaseCsvReader.FileProblem.class, reader::next);

        assertThat(problem.rowNumber).isEqualTo(3);
        assertThat(problem.getMessage()).isEqualTo("the row runs past 65,536 bytes, the most one row may hold");
        assertThat(in.bytes).isLessThanOrEqualTo(CaseCsvReader.MAX_ROW_BYTES + 2 * 65_536L);
    }

    @Test
    void rowsUpToTheLimitAreReadWhole() {
        // A quoted field of many short lines, just under the limit together with its row, then an ordinary row.
        String lines = "a\n".repeat((CaseCsvReader.MAX_ROW_BYTES - 100) / 2);
        String text = "NIK;Nama;Alamat\n;Anak satu;\"" + lines + "end\"\n;Anak dua;Jl. Merdeka\n";
        CaseCsvReader reader = new CaseCsvReader(new CountingStream(text.getBytes(StandardCharsets.UTF_8)));

        CaseCsvReader.Row first = reader.next();
        CaseCsvReader.Row second = reader.next();

        assertThat(first.number()).isEqualTo(2);
        assertThat(first.fields().get("alamat")).isEqualTo(lines + "end");
        assertThat(second.number()).isEqualTo(2 + lines.length() / 2 + 1);
        assertThat(second.get("alamat")).isEqualTo("Jl. Merdeka");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aQuoteThatIsNeverClosedBeforeTheEndIsStillReportedAsSuch() {
        String text = "NIK;Nama\n;\"Anak satu\n;Anak dua\n";
        CaseCsvReader reader = new CaseCsvReader(new CountingStream(text.getBytes(StandardCharsets.UTF_8)));

        CaseCsvReader.FileProblem problem = catchThrowableOfType(CaseCsvReader.FileProblem.class, reader::next);

        assertThat(problem.rowNumber).isEqualTo(2);
        assertThat(problem.getMessage()).isEqualTo("a quoted field opened on this row is never closed");
    }
}
