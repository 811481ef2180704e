package id.ilpatlas.api.cases.importing;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.privacy.Nik;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batches are atomic: with 5 rows per batch, a file whose third batch fails in the database (a trigger raising on one
 * row, standing in for a crash) keeps the first two batches, leaves nothing of the third (no rows, no problems), says
 * in committed_row where it stopped, and importing the same file again finishes it without duplicates. A file cut off
 * by a read error keeps every row read completely before the break, and is finished the same way.
 */
@Slow
class BatchAtomicityTest extends CaseTestSupport {

    private static final int BATCH = 5;
    private static final String HEADER = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Tinggi\n";

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog audit;

    @Autowired
    Nik nik;

    @Autowired
    List<RegisterFormat<?>> formats;

    @Autowired
    java.time.Clock clock;

    /** The importer as configured with {@code atlas.import.batch-size=5}. */
    private CaseImporter smallBatches() {
        return new CaseImporter(jdbc, dataSource, transactions, jobs, audit, nik, formats, BATCH, clock);
    }

    /** What a row of the test file is. */
    private enum Kind {
        VALID,
        REJECTED,
        UNASSIGNED,
        CRASH
    }

    /** Row kinds from row 2 on; every row counts one towards a batch (a rejected row has exactly one problem). */
    private static List<Kind> kinds(int rows) {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int row = i + 2;
            kinds.add(
                    row == 15
                            ? Kind.CRASH
                            : row % 7 == 6 ? Kind.REJECTED : row % 9 == 5 ? Kind.UNASSIGNED : Kind.VALID);
        }
        return kinds;
    }

    private static String file(String tag, List<Kind> kinds) {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < kinds.size(); i++) {
            int row = i + 2;
            Kind kind = kinds.get(i);
            text.append(nikFor(tag, row))
                    .append(";Anak ")
                    .append(RUN)
                    .append(' ')
                    .append(tag)
                    .append(kind == Kind.CRASH ? "-CRASH-" : "-")
                    .append(row)
                    .append(';')
                    .append(kind == Kind.REJECTED ? "X" : "P")
                    .append(";01/02/2023;33.75.01.1002;1;")
                    .append(kind == Kind.UNASSIGNED ? "099" : "2")
                    .append(";15/03/2025;10,1;80,0\n");
        }
        return text.toString();
    }

    private static final java.util.Map<String, String> NIKS = new java.util.HashMap<>();

    private static String nikFor(String tag, int row) {
        return NIKS.computeIfAbsent(tag + row, k -> nik());
    }

    private long rowsOf(String tag) {
        return count("SELECT count(*) FROM children WHERE name LIKE :m", "m", "Anak " + RUN + " " + tag + "-%");
    }

    private List<Integer> storedRows(String tag) {
        return jdbc
                .sql("SELECT name FROM children WHERE name LIKE :m")
                .param("m", "Anak " + RUN + " " + tag + "-%")
                .query(String.class)
                .list()
                .stream()
                .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1)))
                .sorted()
                .toList();
    }

    @Test
    void aBatchFailingInTheDatabaseLeavesNothingOfItselfAndTheFileIsFinishedByImportingItAgain() {
        String tag = "DB";
        List<Kind> kinds = kinds(24);
        String text = file(tag, kinds);
        String function = "atlas_test_crash_" + RUN.toLowerCase();
        jdbc.sql("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.name LIKE '%" + RUN + " " + tag
                        + "-CRASH-%' THEN RAISE EXCEPTION 'simulated crash'; END IF; "
                        + "RETURN NEW; END $$")
                .update();
        ImportJob crashed;
        try {
            jdbc.sql("CREATE TRIGGER " + function + " BEFORE INSERT OR UPDATE ON children FOR EACH ROW EXECUTE "
                            + "FUNCTION " + function + "()")
                    .update();
            long id = importer.createJob(ImportFormat.EPPGBM, "crash.csv", DINKES, false);
            smallBatches().run(id, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), DINKES);
            crashed = jobs.find(id).orElseThrow();
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS " + function + " ON children").update();
            jdbc.sql("DROP FUNCTION IF EXISTS " + function + "()").update();
        }

        // Batches: rows 2-6, 7-11, 12-16 (row 15 crashes), ...
        assertThat(crashed.state()).as(crashed.describe()).isEqualTo(ImportJob.State.FAILED);
        assertThat(crashed.committedRow())
                .as("the last row of the last committed batch")
                .isEqualTo(11);
        assertThat(crashed.error()).contains("after row 11").contains("re-run");
        assertThat(crashed.rowsRead())
                .as("counters of the committed batches only")
                .isEqualTo(10);
        assertCountersAddUp(crashed);
        List<Integer> expectedRows = new ArrayList<>();
        for (int row = 2; row <= 11; row++) {
            if (kinds.get(row - 2) != Kind.REJECTED) {
                expectedRows.add(row);
            }
        }
        assertThat(storedRows(tag))
                .as("rows stored: the first two batches whole, nothing of the third")
                .isEqualTo(expectedRows);
        assertThat(problemsOf(crashed))
                .as("problems of the first two batches only")
                .allSatisfy(p -> assertThat(p.rowNumber()).isLessThanOrEqualTo(11));
        assertThat(problemLines(crashed))
                .contains("6 JK REJECTED", "5 RW UNASSIGNED")
                .doesNotContain("13 JK REJECTED", "14 RW UNASSIGNED");

        ImportJob again = smallBatches().importFile(ImportFormat.EPPGBM, write(text), DINKES, false);

        assertThat(again.state()).as(again.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        long valid = kinds.stream().filter(k -> k != Kind.REJECTED).count();
        assertThat(again.rowsUnchanged()).as(again.describe()).isEqualTo(expectedRows.size());
        assertThat(again.rowsInserted()).isEqualTo(valid - expectedRows.size());
        assertThat(again.committedRow()).isEqualTo(kinds.size() + 1);
        assertCountersAddUp(again);
        assertThat(rowsOf(tag)).as("every valid row once").isEqualTo(valid);
        assertThat(count("""
                SELECT count(*) FROM growth_measurements m JOIN children c ON c.id = m.child_id
                 WHERE c.name LIKE :m""", "m", "Anak " + RUN + " " + tag + "-%")).isEqualTo(valid);
    }

    @Test
    void aReadErrorKeepsTheRowsReadCompletelyAndTheFileIsFinishedByImportingItAgain() {
        String tag = "IO";
        List<Kind> kinds =
                kinds(24).stream().map(k -> k == Kind.CRASH ? Kind.VALID : k).toList();
        String text = file(tag, kinds);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int cutRow = 18;
        int lineStart = 0;
        for (int line = 1; line < cutRow; line++) {
            lineStart = text.indexOf('\n', lineStart) + 1;
        }
        int cutAt = lineStart + 20; // in the middle of row 18

        long id = importer.createJob(ImportFormat.EPPGBM, "cut.csv", DINKES, false);
        smallBatches().run(id, new BreakingStream(bytes, cutAt), DINKES);
        ImportJob cut = jobs.find(id).orElseThrow();

        assertThat(cut.state()).as(cut.describe()).isEqualTo(ImportJob.State.FAILED);
        assertThat(cut.error()).contains("row " + cutRow).contains("connection reset");
        assertThat(cut.committedRow()).isEqualTo(cutRow - 1);
        assertThat(cut.rowsRead()).isEqualTo(cutRow - 2);
        assertCountersAddUp(cut);
        List<Integer> expectedRows = new ArrayList<>();
        for (int row = 2; row < cutRow; row++) {
            if (kinds.get(row - 2) != Kind.REJECTED) {
                expectedRows.add(row);
            }
        }
        assertThat(storedRows(tag))
                .as("every row read completely, not the row cut off")
                .isEqualTo(expectedRows);

        long again = importer.createJob(ImportFormat.EPPGBM, "cut.csv", DINKES, false);
        smallBatches().run(again, new ByteArrayInputStream(bytes), DINKES);
        ImportJob finished = jobs.find(again).orElseThrow();

        assertThat(finished.state()).as(finished.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        long valid = kinds.stream().filter(k -> k != Kind.REJECTED).count();
        assertThat(finished.rowsUnchanged()).isEqualTo(expectedRows.size());
        assertThat(finished.rowsInserted()).isEqualTo(valid - expectedRows.size());
        assertThat(rowsOf(tag)).isEqualTo(valid);
    }

    /** A stream that fails like a dropped connection after {@code limit} bytes. */
    private static final class BreakingStream extends FilterInputStream {
        private final int limit;
        private int position;

        BreakingStream(byte[] bytes, int limit) {
            super(new ByteArrayInputStream(bytes));
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= limit) {
                throw new IOException("connection reset");
            }
            int n = super.read(b, off, Math.min(len, limit - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    private static java.nio.file.Path write(String text) {
        try {
            java.nio.file.Path path = java.nio.file.Files.createTempFile("atlas-batch-", ".csv");
            path.toFile().deleteOnExit();
            java.nio.file.Files.writeString(path, text);
            return path;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
