package id.ilpatlas.api.reference;

import java.util.List;

/**
 * What an RW import did.
 *
 * @param replacedKelurahan kelurahan whose RWs were replaced by the file's, with the RW count
 * @param skippedKelurahan  kelurahan left as they were because at least one of their features was rejected
 * @param errors            one line per rejected feature: {@code feature #n (...): field: reason}
 */
public record RwImportReport(List<String> replacedKelurahan, List<String> skippedKelurahan, List<String> errors) {

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The report as a user reads it on the console. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("RW import: ").append(replacedKelurahan.size()).append(" kelurahan replaced, ")
                .append(skippedKelurahan.size()).append(" skipped, ").append(errors.size()).append(" errors\n");
        replacedKelurahan.forEach(line -> text.append("  replaced ").append(line).append('\n'));
        skippedKelurahan.forEach(line -> text.append("  skipped  ").append(line).append('\n'));
        errors.forEach(line -> text.append("  error    ").append(line).append('\n'));
        return text.toString();
    }
}
