package id.ilpatlas.geo.synthetic;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed test file: header and rows (no quoted fields are expected in generated files). */
final class Csv {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    final List<String> header;
    final List<String[]> rows = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    Csv(String text) {
        String[] lines = text.split("\n", -1);
        header = List.of(lines[0].split(";", -1));
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                String[] fields = lines[i].split(";", -1);
                if (fields.length != header.size()) {
                    throw new IllegalStateException(
                            "row " + (i + 1) + " has " + fields.length + " fields: " + lines[i]);
                }
                rows.add(fields);
            }
        }
    }

    String get(String[] row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return row[i];
    }

    double number(String[] row, String column) {
        return Double.parseDouble(get(row, column).replace(',', '.'));
    }

    LocalDate date(String[] row, String column) {
        return LocalDate.parse(get(row, column), DATE);
    }
}
