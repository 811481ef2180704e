package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.privacy.Nik;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** P3KE / DTSEN → families ranked by desil, keyed by the (hashed) family card number. */
@Component
class P3keFormat implements RegisterFormat<P3keFormat.Row> {

    record Row(
            int rowNumber,
            String naturalKey,
            ImportContext.Address address,
            String cardHash,
            String cardMasked,
            String headName,
            int desil,
            int size,
            String source,
            LocalDate asOf)
            implements StagedRow {}

    @Override
    public ImportFormat format() {
        return ImportFormat.P3KE;
    }

    @Override
    public List<List<String>> requiredColumns() {
        return List.of(
                List.of("No KK"),
                List.of("Desil"),
                List.of("Jumlah Anggota"),
                List.of("Sumber"),
                List.of("Tgl Data"),
                List.of("Kode Kel", "Desa/Kel"));
    }

    @Override
    public Row parse(RowProblems row, ImportContext context) {
        String card = row.required("nokk");
        Integer desil = row.integer("desil", 1, 10);
        if (desil == null && row.text("desil") == null) {
            row.add("desil", "is required");
        }
        Integer size = row.integer("jumlahanggota", 1, 30);
        if (size == null && row.text("jumlahanggota") == null) {
            row.add("jumlahanggota", "is required");
        }
        String source = row.choice("sumber", SitbFormat.vocabulary("P3KE", "P3KE", "DTSEN", "DTSEN"), true);
        LocalDate asOf = row.date("tgldata");
        if (asOf == null && row.text("tgldata") == null) {
            row.add("tgldata", "is required");
        }
        ImportContext.Address address = context.address(row);
        String hash = card == null ? null : context.hashIdentity(row, "nokk", card, false);
        if (!row.ok()) {
            return null;
        }
        return new Row(
                row.rowNumber(),
                address.kabkotaCode() + "|" + hash,
                address,
                hash,
                Nik.maskDigits(card),
                row.text("namakepalakeluarga"),
                desil,
                size,
                source,
                asOf);
    }

    /** An older ranking never replaces a newer one, in the same file as across files. */
    @Override
    public boolean replaces(Row later, Row earlier) {
        return !later.asOf().isBefore(earlier.asOf());
    }

    /** The days the a snapshot: its as-of dates. */
    @Override
    public String coverageFrom() {
        return "min(as_of)";
    }

    @Override
    public String coverageTo() {
        return "max(as_of)";
    }

    @Override
    public String stageColumnsDdl() {
        return "card_hash text, card_masked text, head_name text, desil smallint, size smallint, source text, "
                + "as_of date";
    }

    @Override
    public String stageColumns() {
        return "card_hash, card_masked, head_name, desil, size, source, as_of";
    }

    @Override
    public void stage(Row r, StageBuffer b) {
        b.add(r.cardHash())
                .add(r.cardMasked())
                .add(r.headName())
                .add(r.desil())
                .add(r.size())
                .add(r.source())
                .add(r.asOf());
    }

    @Override
    public StoredRecord storedRecord() {
        return new StoredRecord(
                "poverty_households", "t.kabkota_code = s.kabkota_code AND t.family_card_hash = s.card_hash", "No KK");
    }

    @Override
    public Merged merge(JdbcClient jdbc, long jobId, boolean synthetic) {
        return new Merge("poverty_households", "kabkota_code", "family_card_hash")
                .column("family_card_hash", "card_hash")
                .column("family_card_masked", "card_masked")
                .column("head_name", "head_name")
                .column("desil", "desil")
                .column("household_size", "size")
                .column("source", "source")
                .column("as_of", "as_of")
                .newerBy("as_of")
                .run(jdbc, jobId, synthetic);
    }
}
