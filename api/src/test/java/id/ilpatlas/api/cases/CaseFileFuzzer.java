package id.ilpatlas.api.cases;

import id.ilpatlas.api.cases.importing.ImportFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A seeded generator of case files: valid rows of a format mixed with broken ones, duplicates and blank lines, each
 * line with what the importer must do with it (import it, keep it unassigned, reject it in a given column, set it
 * aside as superseded). The same seed gives the same file.
 */
final class CaseFileFuzzer {

    /** What the importer must do with a line. */
    enum Outcome {
        VALID,
        UNASSIGNED,
        REJECTED,
        SUPERSEDED,
        BLANK
    }

    /** One physical row of the file (a quoted newline makes it span two lines; {@link #row} is where it starts). */
    static final class Line {
        final int row;
        final String text;
        Outcome outcome;
        final String column;
        final String what;
        final String key;
        final Map<String, String> values;

        Line(
                int row,
                String text,
                Outcome outcome,
                String column,
                String what,
                String key,
                Map<String, String> values) {
            this.row = row;
            this.text = text;
            this.outcome = outcome;
            this.column = column;
            this.what = what;
            this.key = key;
            this.values = values;
        }

        @Override
        public String toString() {
            return "row " + row + " " + outcome + (column == null ? "" : " in " + column)
                    + (what == null ? "" : " (" + what + ")");
        }
    }

    /** A broken row: how to break a valid one, and the column the importer must blame. */
    record Corruption(
            String what, String column, BiConsumer<Map<String, String>, Random> apply, UnaryOperator<String> onLine) {

        static Corruption value(String what, String column, BiConsumer<Map<String, String>, Random> apply) {
            return new Corruption(what, column, apply, null);
        }

        static Corruption line(String what, UnaryOperator<String> onLine) {
            return new Corruption(what, "(row)", (row, r) -> {}, onLine);
        }
    }

    /** The generated file. */
    record File(String header, List<Line> lines) {

        String text() {
            StringBuilder text = new StringBuilder(header).append('\n');
            lines.forEach(l -> text.append(l.text).append('\n'));
            return text.toString();
        }

        List<Line> with(Outcome outcome) {
            return lines.stream().filter(l -> l.outcome == outcome).toList();
        }

        long dataRows() {
            return lines.stream().filter(l -> l.outcome != Outcome.BLANK).count();
        }
    }

    /** One format: its columns, a valid row, its natural key, a probe column and how to break a row. */
    abstract static class Spec {
        final ImportFormat format;
        final List<String> columns;
        final String nameColumn;
        final String probeColumn;

        Spec(ImportFormat format, String nameColumn, String probeColumn, String... columns) {
            this.format = format;
            this.columns = List.of(columns);
            this.nameColumn = nameColumn;
            this.probeColumn = probeColumn;
        }

        abstract Map<String, String> valid(Random r, String name);

        abstract String key(Map<String, String> row);

        /** A later row of the same record with another probe value; returns whether the later row wins. */
        abstract boolean duplicate(Random r, Map<String, String> row);

        abstract List<Corruption> corruptions();
    }

    // ----------------------------------------------------------------------------------------------- places

    /** Real RW codes of the reference data, and the kelurahan names. */
    record Places(List<String> rwCodes, Map<String, String> kelurahanNames, Map<String, double[]> points) {}

    private static final DateTimeFormatter DMY_SLASH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DMY_DASH = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    static String date(Random r, LocalDate date) {
        return switch (r.nextInt(3)) {
            case 0 -> date.format(DMY_SLASH);
            case 1 -> date.format(DMY_DASH);
            default -> date.toString();
        };
    }

    static String decimal(Random r, double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return r.nextInt(4) == 0 ? text : text.replace('.', ',');
    }

    static LocalDate day(Random r, LocalDate from, LocalDate to) {
        return from.plusDays(r.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static final List<String> BAD_DATES = List.of(
            "31/02/2023",
            "2023/13/01",
            "kemarin",
            "00/01/2023",
            "32-01-2023",
            "1/1/23",
            "01/01/1850",
            "01/01/+99999",
            "2023-02-30",
            "15.03.2025");
    static final List<String> BAD_NIKS = List.of(
            "337501450123000",
            "33750145012300011",
            "33750145012A0001",
            "3375019913230001",
            "3375014501230000",
            "0075014501230001",
            "3375 0145 0123 0001");

    static final List<String> ADDRESS_COLUMNS =
            List.of("Desa/Kel", "Kode Kel", "RT", "RW", "Alamat", "Lintang", "Bujur");

    /** Fills the address columns with a real RW: by kelurahan + number (several spellings), by name, or by a point. */
    static void address(Random r, Places places, Map<String, String> row) {
        String rw = pick(r, places.rwCodes());
        String kelurahan = rw.substring(0, 13);
        int number = Integer.parseInt(rw.substring(rw.length() - 3));
        int how = r.nextInt(10);
        row.put("Desa/Kel", places.kelurahanNames().get(kelurahan));
        row.put(
                "Kode Kel",
                how < 6 ? (r.nextBoolean() ? kelurahan : kelurahan.replace(".", "")) : how < 8 ? "" : kelurahan);
        row.put("RT", Integer.toString(1 + r.nextInt(12)));
        row.put(
                "RW",
                how >= 8 && r.nextBoolean()
                        ? ""
                        : switch (r.nextInt(3)) {
                            case 0 -> Integer.toString(number);
                            case 1 -> String.format(Locale.ROOT, "%03d", number);
                            default -> String.format(Locale.ROOT, "RW %03d", number);
                        });
        row.put(
                "Alamat",
                switch (r.nextInt(6)) {
                    case 0 -> "Gg. Melati; No. " + r.nextInt(50);
                    case 1 -> "Jl. \"Baru\" " + r.nextInt(50);
                    case 2 -> "Jl. Raya " + r.nextInt(90) + "\nBlok C";
                    case 3 -> "";
                    default -> "Jl. Mawar " + r.nextInt(90);
                });
        if (how >= 8) {
            double[] p = places.points().get(rw);
            row.put("Lintang", decimal(r, p[1], 7));
            row.put("Bujur", decimal(r, p[0], 7));
        } else {
            row.put("Lintang", "");
            row.put("Bujur", "");
        }
    }

    /** Kept but unassigned: a well-formed kelurahan code the region table lacks, or an RW number it lacks. */
    static void unassigned(Random r, Map<String, String> row) {
        row.put("Lintang", "");
        row.put("Bujur", "");
        if (r.nextBoolean() || row.get("Kode Kel").isEmpty()) {
            row.put("Kode Kel", "33.75.0" + (1 + r.nextInt(4)) + ".19" + (10 + r.nextInt(90)));
        } else {
            row.put("RW", "RW " + (900 + r.nextInt(99)));
        }
    }

    /** Broken addresses and row shapes, shared by every format. */
    static List<Corruption> shared(String name) {
        return List.of(
                Corruption.value(
                        "malformed kelurahan code",
                        "Kode Kel",
                        (row, r) -> row.put(
                                "Kode Kel",
                                pick(r, List.of("33.75.1", "XX.75.01.1002", "33.75.01.10021", "33750110")))),
                Corruption.value(
                        "a kecamatan code for a kelurahan",
                        "Kode Kel",
                        (row, r) -> row.put("Kode Kel", "33.75.0" + (1 + r.nextInt(4)))),
                Corruption.value(
                        "kelurahan outside the importer's kab/kota",
                        "Kode Kel",
                        (row, r) -> row.put("Kode Kel", "33.74.01.1001")),
                Corruption.value("unknown kelurahan name", "Desa/Kel", (row, r) -> {
                    row.put("Kode Kel", "");
                    row.put("Desa/Kel", "Atlantis " + r.nextInt(9));
                }),
                Corruption.value(
                        "bad RT", "RT", (row, r) -> row.put("RT", pick(r, List.of("0", "RT x", "-2", "1000")))),
                Corruption.value("latitude without longitude", "Bujur", (row, r) -> {
                    row.put("Lintang", "-6,89");
                    row.put("Bujur", "");
                }),
                Corruption.value("latitude and longitude swapped", "Lintang", (row, r) -> {
                    row.put("Lintang", "109,65");
                    row.put("Bujur", "-6,89");
                }),
                Corruption.value(
                        "a NUL byte in a text value", "(row)", (row, r) -> row.put(name, row.get(name) + "\u0000x")),
                Corruption.line("too many fields", line -> line + ";extra"),
                Corruption.line("too few fields", line -> line.substring(0, line.lastIndexOf(';'))),
                Corruption.line("an unquoted ';' inside a value", line -> line.replaceFirst("FZ", "F;Z")));
    }

    // ----------------------------------------------------------------------------------------------- generate

    private final Spec spec;
    private final Places places;

    CaseFileFuzzer(Spec spec, Places places) {
        this.spec = spec;
        this.places = places;
    }

    /** A file of {@code rows} data rows named {@code <marker>-<i>...}. */
    File generate(long seed, String marker, int rows) {
        Random r = new Random(seed);
        List<Line> lines = new ArrayList<>();
        Map<String, Line> current = new LinkedHashMap<>();
        List<Corruption> corruptions = new ArrayList<>(spec.corruptions());
        corruptions.addAll(shared(spec.nameColumn));
        int row = 2;
        for (int i = 0; i < rows; i++) {
            int dice = r.nextInt(100);
            if (dice < 4) {
                lines.add(new Line(row++, "", Outcome.BLANK, null, null, null, null));
                continue;
            }
            Map<String, String> values;
            Outcome outcome;
            String column = null;
            String what = null;
            Corruption corruption = null;
            if (dice < 12 && !current.isEmpty()) {
                Line earlier = pick(r, List.copyOf(current.values()));
                values = new LinkedHashMap<>(earlier.values);
                boolean laterWins = spec.duplicate(r, values);
                if (laterWins) {
                    earlier.outcome = Outcome.SUPERSEDED;
                    outcome = earlier.values.containsKey("\u0000unassigned") ? Outcome.UNASSIGNED : Outcome.VALID;
                } else {
                    outcome = Outcome.SUPERSEDED;
                }
                what = "duplicate of row " + earlier.row + (laterWins ? "" : ", older");
            } else {
                values = spec.valid(r, marker + "-" + i + pick(r, List.of("", "", "", " \"Ani\"", "; Ani")));
                if (dice < 17) {
                    unassigned(r, values);
                    values.put("\u0000unassigned", "");
                    outcome = Outcome.UNASSIGNED;
                } else if (dice < 50) {
                    corruption = pick(r, corruptions);
                    if (corruption.onLine() != null) {
                        values.put(spec.nameColumn, marker + "-" + i); // unquoted, so that the line breaks as meant
                    }
                    corruption.apply().accept(values, r);
                    outcome = Outcome.REJECTED;
                    column = corruption.column();
                    what = corruption.what();
                } else {
                    outcome = Outcome.VALID;
                }
            }
            String text = serialize(values);
            if (corruption != null && corruption.onLine() != null) {
                text = corruption.onLine().apply(text);
            }
            Line line = new Line(row, text, outcome, column, what, spec.key(values), values);
            lines.add(line);
            if (outcome == Outcome.VALID || outcome == Outcome.UNASSIGNED) {
                current.put(line.key, line);
            }
            row += 1 + (int) text.chars().filter(c -> c == '\n').count();
        }
        return new File(String.join(";", spec.columns), lines);
    }

    String serialize(Map<String, String> values) {
        List<String> fields = new ArrayList<>();
        for (String column : spec.columns) {
            String value = values.getOrDefault(column, "");
            if (value.contains(";") || value.contains("\"") || value.contains("\n")) {
                value = "\"" + value.replace("\"", "\"\"") + "\"";
            }
            fields.add(value);
        }
        return String.join(";", fields);
    }

    // ----------------------------------------------------------------------------------------------- formats

    static Spec eppgbm(Places places, Supplier<String> niks) {
        return new Spec(
                ImportFormat.EPPGBM,
                "Nama",
                "Berat",
                "No",
                "NIK",
                "Nama",
                "JK",
                "Tgl Lahir",
                "BB Lahir",
                "Nama Ortu",
                "Desa/Kel",
                "Kode Kel",
                "Posyandu",
                "RT",
                "RW",
                "Alamat",
                "Lintang",
                "Bujur",
                "Usia Saat Ukur",
                "Tanggal Pengukuran",
                "Berat",
                "Tinggi",
                "Cara Ukur",
                "LiLA",
                "Edema",
                "ZS TB/U") {

            @Override
            Map<String, String> valid(Random r, String name) {
                Map<String, String> row = new LinkedHashMap<>();
                LocalDate measured = day(r, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 10, 31));
                LocalDate birth = measured.minusDays(120 + r.nextInt(1600));
                long months = ChronoUnit.MONTHS.between(birth, measured);
                row.put("No", Integer.toString(r.nextInt(1000)));
                row.put("NIK", r.nextInt(10) < 7 ? niks.get() : "");
                row.put("Nama", name);
                row.put("JK", pick(r, List.of("L", "P", "Laki-laki", "Perempuan", "l")));
                row.put("Tgl Lahir", date(r, birth));
                row.put(
                        "BB Lahir",
                        switch (r.nextInt(3)) {
                            case 0 -> "";
                            case 1 -> decimal(r, 2.4 + r.nextDouble() * 1.4, 1);
                            default -> Integer.toString(2400 + r.nextInt(1400));
                        });
                row.put("Nama Ortu", r.nextBoolean() ? "" : "Ibu " + name);
                address(r, places, row);
                row.put("Posyandu", r.nextInt(10) == 0 ? "PSY-3375011002RW001-1" : "");
                row.put(
                        "Usia Saat Ukur",
                        r.nextInt(3) == 0
                                ? months / 12 + " Tahun - " + months % 12 + " Bulan - " + r.nextInt(28) + " Hari"
                                : "");
                row.put("Tanggal Pengukuran", date(r, measured));
                double weight = Math.min(25, 4.5 + months * 0.22 + r.nextDouble() * 2);
                double length = Math.min(118, 57 + months * 0.95 + r.nextDouble() * 4);
                row.put("Berat", decimal(r, weight, 1));
                row.put("Tinggi", decimal(r, length, 1));
                row.put("Cara Ukur", pick(r, List.of("", months < 24 ? "Terlentang" : "Berdiri")));
                row.put("LiLA", r.nextBoolean() ? "" : decimal(r, 12 + r.nextDouble() * 5, 1));
                row.put("Edema", pick(r, List.of("", "Tidak", "T")));
                row.put("ZS TB/U", "9,99");
                return row;
            }

            @Override
            String key(Map<String, String> row) {
                return row.get("NIK") + "|" + row.get("Nama") + "|" + row.get("Tanggal Pengukuran");
            }

            @Override
            boolean duplicate(Random r, Map<String, String> row) {
                double weight = Double.parseDouble(row.get("Berat").replace(',', '.'));
                row.put("Berat", decimal(r, weight + 0.1 + r.nextInt(5) / 10.0, 1));
                return true;
            }

            @Override
            List<Corruption> corruptions() {
                return List.of(
                        Corruption.value(
                                "bad birth date", "Tgl Lahir", (row, r) -> row.put("Tgl Lahir", pick(r, BAD_DATES))),
                        Corruption.value(
                                "bad measurement date",
                                "Tanggal Pengukuran",
                                (row, r) -> row.put("Tanggal Pengukuran", pick(r, BAD_DATES))),
                        Corruption.value(
                                "measured before birth",
                                "Tanggal Pengukuran",
                                (row, r) -> row.put("Tanggal Pengukuran", "01/01/2019")),
                        Corruption.value(
                                "measured in the future",
                                "Tanggal Pengukuran",
                                (row, r) -> row.put("Tanggal Pengukuran", "01/01/2031")),
                        Corruption.value("not a balita", "Tgl Lahir", (row, r) -> row.put("Tgl Lahir", "01/01/2012")),
                        Corruption.value("negative weight", "Berat", (row, r) -> row.put("Berat", "-3,5")),
                        Corruption.value(
                                "absurd weight",
                                "Berat",
                                (row, r) -> row.put("Berat", pick(r, List.of("250", "0,1", "80")))),
                        Corruption.value(
                                "absurd height",
                                "Tinggi",
                                (row, r) -> row.put("Tinggi", pick(r, List.of("999", "-70", "12,5")))),
                        Corruption.value("weight and height swapped", "Tinggi", (row, r) -> {
                            String weight = row.get("Berat");
                            row.put("Berat", row.get("Tinggi"));
                            row.put("Tinggi", weight);
                        }),
                        Corruption.value("weight not a number", "Berat", (row, r) -> row.put("Berat", "1.234,5")),
                        Corruption.value("malformed NIK", "NIK", (row, r) -> row.put("NIK", pick(r, BAD_NIKS))),
                        Corruption.value("neither NIK nor name", "NIK", (row, r) -> {
                            row.put("NIK", "");
                            row.put("Nama", "");
                        }),
                        Corruption.value("bad sex", "JK", (row, r) -> row.put("JK", pick(r, List.of("X", "W", "")))),
                        Corruption.value("bad position", "Cara Ukur", (row, r) -> row.put("Cara Ukur", "Duduk")),
                        Corruption.value(
                                "age text off the dates",
                                "Usia Saat Ukur",
                                (row, r) -> row.put("Usia Saat Ukur", "9 Tahun - 0 Bulan - 0 Hari")),
                        Corruption.value(
                                "birth weight 8,5 kg",
                                "BB Lahir",
                                (row, r) -> row.put("BB Lahir", pick(r, List.of("8,5", "7,2", "9000", "150")))),
                        Corruption.value(
                                "unknown posyandu", "Posyandu", (row, r) -> row.put("Posyandu", "PSY-TIDAK-ADA")),
                        Corruption.value("absurd LiLA", "LiLA", (row, r) -> row.put("LiLA", "99")));
            }
        };
    }

    static Spec sitb(Places places, Supplier<String> niks, Supplier<String> registrations) {
        return new Spec(
                ImportFormat.SITB,
                "Nama",
                "Kontak Teridentifikasi",
                "No Registrasi",
                "NIK",
                "Nama",
                "JK",
                "Tgl Lahir",
                "Desa/Kel",
                "Kode Kel",
                "RT",
                "RW",
                "Alamat",
                "Lintang",
                "Bujur",
                "Faskes",
                "Tgl Diagnosis",
                "Tipe Diagnosis",
                "Lokasi Anatomi",
                "Riwayat Pengobatan",
                "Status HIV",
                "Status Resistensi",
                "Tgl Mulai Pengobatan",
                "Tgl Akhir Pengobatan",
                "Hasil Akhir",
                "Kontak Teridentifikasi",
                "Kontak Diinvestigasi") {

            @Override
            Map<String, String> valid(Random r, String name) {
                Map<String, String> row = new LinkedHashMap<>();
                LocalDate diagnosed = day(r, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 10, 1));
                row.put("No Registrasi", registrations.get());
                row.put("NIK", r.nextBoolean() ? niks.get() : "");
                row.put("Nama", name);
                row.put("JK", pick(r, List.of("L", "P", "")));
                row.put("Tgl Lahir", r.nextInt(4) == 0 ? "" : date(r, diagnosed.minusDays(3650 + r.nextInt(20000))));
                address(r, places, row);
                row.put("Faskes", pick(r, List.of("", "PKM-3375-TIRTO", "Puskesmas Medono", "pkm-3375-klego")));
                row.put("Tgl Diagnosis", date(r, diagnosed));
                row.put(
                        "Tipe Diagnosis",
                        pick(r, List.of("Terkonfirmasi Bakteriologis", "Terdiagnosis Klinis", "klinis")));
                row.put("Lokasi Anatomi", pick(r, List.of("Paru", "Ekstra Paru", "PARU")));
                row.put(
                        "Riwayat Pengobatan",
                        pick(
                                r,
                                List.of(
                                        "Baru",
                                        "Kambuh",
                                        "Diobati Setelah Gagal",
                                        "Diobati Setelah Putus Berobat",
                                        "Lain-lain",
                                        "Tidak Diketahui")));
                row.put("Status HIV", pick(r, List.of("", "Positif", "Negatif", "Tidak Diketahui")));
                row.put("Status Resistensi", pick(r, List.of("SO", "RO", "Sensitif Obat")));
                boolean started = r.nextBoolean();
                LocalDate start = diagnosed.plusDays(r.nextInt(14));
                row.put("Tgl Mulai Pengobatan", started ? date(r, start) : "");
                boolean ended = started && r.nextBoolean();
                row.put("Tgl Akhir Pengobatan", ended ? date(r, start.plusDays(180)) : "");
                row.put(
                        "Hasil Akhir",
                        ended
                                ? pick(
                                        r,
                                        List.of(
                                                "Sembuh",
                                                "Pengobatan Lengkap",
                                                "Gagal",
                                                "Meninggal",
                                                "Putus Berobat",
                                                "Tidak Dievaluasi"))
                                : "");
                if (r.nextBoolean()) {
                    int identified = r.nextInt(16);
                    row.put("Kontak Teridentifikasi", Integer.toString(identified));
                    row.put("Kontak Diinvestigasi", Integer.toString(r.nextInt(identified + 1)));
                } else {
                    row.put("Kontak Teridentifikasi", "");
                    row.put("Kontak Diinvestigasi", "");
                }
                return row;
            }

            @Override
            String key(Map<String, String> row) {
                return row.get("No Registrasi");
            }

            @Override
            boolean duplicate(Random r, Map<String, String> row) {
                String before = row.get("Kontak Teridentifikasi");
                String after;
                do {
                    after = Integer.toString(r.nextInt(40));
                } while (after.equals(before));
                row.put("Kontak Teridentifikasi", after);
                row.put("Kontak Diinvestigasi", "");
                return true;
            }

            @Override
            List<Corruption> corruptions() {
                return List.of(
                        Corruption.value(
                                "bad diagnosis date",
                                "Tgl Diagnosis",
                                (row, r) -> row.put("Tgl Diagnosis", pick(r, BAD_DATES))),
                        Corruption.value(
                                "no diagnosis date", "Tgl Diagnosis", (row, r) -> row.put("Tgl Diagnosis", "")),
                        Corruption.value(
                                "diagnosed in the future",
                                "Tgl Diagnosis",
                                (row, r) -> row.put("Tgl Diagnosis", "01/01/2031")),
                        Corruption.value("diagnosed before birth", "Tgl Diagnosis", (row, r) -> {
                            row.put("Tgl Lahir", "01/01/2025");
                            row.put("Tgl Diagnosis", "01/06/2024");
                            row.put("Tgl Mulai Pengobatan", "");
                            row.put("Tgl Akhir Pengobatan", "");
                            row.put("Hasil Akhir", "");
                        }),
                        Corruption.value(
                                "unknown diagnosis type",
                                "Tipe Diagnosis",
                                (row, r) -> row.put("Tipe Diagnosis", pick(r, List.of("Rontgen", "")))),
                        Corruption.value(
                                "unknown site", "Lokasi Anatomi", (row, r) -> row.put("Lokasi Anatomi", "Tulang")),
                        Corruption.value(
                                "unknown history",
                                "Riwayat Pengobatan",
                                (row, r) -> row.put("Riwayat Pengobatan", "Pernah")),
                        Corruption.value(
                                "unknown HIV status", "Status HIV", (row, r) -> row.put("Status HIV", "Mungkin")),
                        Corruption.value(
                                "unknown resistance",
                                "Status Resistensi",
                                (row, r) -> row.put("Status Resistensi", pick(r, List.of("XDR", "")))),
                        Corruption.value("outcome without treatment start", "Hasil Akhir", (row, r) -> {
                            row.put("Tgl Mulai Pengobatan", "");
                            row.put("Tgl Akhir Pengobatan", "");
                            row.put("Hasil Akhir", "Sembuh");
                        }),
                        Corruption.value("treatment ends before it starts", "Tgl Akhir Pengobatan", (row, r) -> {
                            row.put("Tgl Mulai Pengobatan", "01/06/2025");
                            row.put("Tgl Akhir Pengobatan", "01/01/2025");
                        }),
                        Corruption.value("absurd treatment start year", "Tgl Mulai Pengobatan", (row, r) -> {
                            row.put(
                                    "Tgl Mulai Pengobatan",
                                    pick(r, List.of("01/01/+9999999", "-9999-01-01", "01/01/0001")));
                            row.put("Tgl Akhir Pengobatan", "");
                        }),
                        Corruption.value(
                                "absurd birth year",
                                "Tgl Lahir",
                                (row, r) -> row.put(
                                        "Tgl Lahir", pick(r, List.of("01/01/-0001", "+10000-01-01", "01/01/1066")))),
                        Corruption.value(
                                "more contacts investigated than identified", "Kontak Diinvestigasi", (row, r) -> {
                                    row.put("Kontak Teridentifikasi", "2");
                                    row.put("Kontak Diinvestigasi", "5");
                                }),
                        Corruption.value(
                                "negative contacts",
                                "Kontak Teridentifikasi",
                                (row, r) -> row.put("Kontak Teridentifikasi", "-1")),
                        Corruption.value(
                                "no registration number", "No Registrasi", (row, r) -> row.put("No Registrasi", "")),
                        Corruption.value("malformed NIK", "NIK", (row, r) -> row.put("NIK", pick(r, BAD_NIKS))),
                        Corruption.value(
                                "unknown facility", "Faskes", (row, r) -> row.put("Faskes", "Klinik Tidak Ada")));
            }
        };
    }

    static Spec p3ke(Places places, Supplier<String> cards) {
        return new Spec(
                ImportFormat.P3KE,
                "Nama Kepala Keluarga",
                "Desil",
                "No KK",
                "Nama Kepala Keluarga",
                "Desa/Kel",
                "Kode Kel",
                "RT",
                "RW",
                "Alamat",
                "Lintang",
                "Bujur",
                "Desil",
                "Jumlah Anggota",
                "Sumber",
                "Tgl Data") {

            @Override
            Map<String, String> valid(Random r, String name) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("No KK", cards.get());
                row.put("Nama Kepala Keluarga", name);
                address(r, places, row);
                row.put("Desil", Integer.toString(1 + r.nextInt(10)));
                row.put("Jumlah Anggota", Integer.toString(1 + r.nextInt(12)));
                row.put("Sumber", pick(r, List.of("P3KE", "DTSEN", "p3ke")));
                row.put("Tgl Data", date(r, day(r, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 10, 1))));
                return row;
            }

            @Override
            String key(Map<String, String> row) {
                return row.get("No KK");
            }

            @Override
            boolean duplicate(Random r, Map<String, String> row) {
                String before = row.get("Desil");
                String after;
                do {
                    after = Integer.toString(1 + r.nextInt(10));
                } while (after.equals(before));
                row.put("Desil", after);
                if (r.nextInt(3) == 0) {
                    // An older ranking later in the file: the earlier, newer row stays.
                    row.put("Tgl Data", "01/01/2023");
                    return false;
                }
                return true;
            }

            @Override
            List<Corruption> corruptions() {
                return List.of(
                        Corruption.value(
                                "desil out of range",
                                "Desil",
                                (row, r) -> row.put("Desil", pick(r, List.of("0", "11", "satu", "-1", "")))),
                        Corruption.value(
                                "household size out of range",
                                "Jumlah Anggota",
                                (row, r) -> row.put("Jumlah Anggota", pick(r, List.of("0", "31", "", "2,5")))),
                        Corruption.value(
                                "unknown source", "Sumber", (row, r) -> row.put("Sumber", pick(r, List.of("BPS", "")))),
                        Corruption.value(
                                "bad as-of date", "Tgl Data", (row, r) -> row.put("Tgl Data", pick(r, BAD_DATES))),
                        Corruption.value("no as-of date", "Tgl Data", (row, r) -> row.put("Tgl Data", "")),
                        Corruption.value(
                                "malformed family card",
                                "No KK",
                                (row, r) -> row.put(
                                        "No KK",
                                        pick(
                                                r,
                                                List.of(
                                                        "337501000000001",
                                                        "3375010000000000",
                                                        "33750100000A0001",
                                                        "")))));
            }
        };
    }

    static Spec permaisuri(Places places, Supplier<String> niks) {
        return new Spec(
                ImportFormat.PERMAISURI,
                "Nama Ibu",
                "Kunjungan ANC",
                "NIK Ibu",
                "Nama Ibu",
                "Tgl Lahir Ibu",
                "Desa/Kel",
                "Kode Kel",
                "RT",
                "RW",
                "Alamat",
                "Lintang",
                "Bujur",
                "HPHT",
                "Taksiran Persalinan",
                "Kehamilan Ke",
                "Jarak Kehamilan",
                "LiLA",
                "Kunjungan ANC",
                "Faktor Risiko Lain",
                "Faskes Rujukan",
                "Tgl Persalinan",
                "Tempat Persalinan",
                "BB Bayi Lahir",
                "Kunjungan Rumah Selesai",
                "Tgl Kematian Bayi") {

            @Override
            Map<String, String> valid(Random r, String name) {
                Map<String, String> row = new LinkedHashMap<>();
                LocalDate lmp = day(r, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 1));
                row.put("NIK Ibu", r.nextInt(10) < 7 ? niks.get() : "");
                row.put("Nama Ibu", name);
                row.put("Tgl Lahir Ibu", date(r, lmp.minusDays(365L * 16 + r.nextInt(365 * 28))));
                address(r, places, row);
                row.put("HPHT", date(r, lmp));
                row.put("Taksiran Persalinan", r.nextInt(4) == 0 ? date(r, lmp.plusDays(275 + r.nextInt(10))) : "");
                int gravida = 1 + r.nextInt(6);
                row.put("Kehamilan Ke", Integer.toString(gravida));
                row.put("Jarak Kehamilan", gravida > 1 && r.nextBoolean() ? Integer.toString(10 + r.nextInt(60)) : "");
                row.put("LiLA", r.nextBoolean() ? "" : decimal(r, 20 + r.nextDouble() * 10, 1));
                row.put("Kunjungan ANC", r.nextInt(5) == 0 ? "" : Integer.toString(r.nextInt(11)));
                row.put("Faktor Risiko Lain", pick(r, List.of("", "", "-", "Hipertensi", "Anemia, Hipertensi")));
                row.put("Faskes Rujukan", pick(r, List.of("", "", "PKM-3375-MEDONO")));
                boolean delivered = r.nextInt(10) < 4;
                LocalDate birth = lmp.plusWeeks(37 + r.nextInt(5));
                row.put("Tgl Persalinan", delivered ? date(r, birth) : "");
                row.put("Tempat Persalinan", delivered ? pick(r, List.of("Puskesmas", "Rumah Sakit", "")) : "");
                row.put("BB Bayi Lahir", delivered ? Integer.toString(1500 + r.nextInt(2600)) : "");
                row.put("Kunjungan Rumah Selesai", delivered ? Integer.toString(r.nextInt(5)) : "");
                row.put("Tgl Kematian Bayi", delivered && r.nextInt(10) == 0 ? date(r, birth.plusDays(3)) : "");
                return row;
            }

            @Override
            String key(Map<String, String> row) {
                return row.get("NIK Ibu") + "|" + row.get("Nama Ibu") + "|" + row.get("HPHT");
            }

            @Override
            boolean duplicate(Random r, Map<String, String> row) {
                String before = row.get("Kunjungan ANC");
                String after;
                do {
                    after = Integer.toString(r.nextInt(20));
                } while (after.equals(before) || (before.isEmpty() && after.equals("0")));
                row.put("Kunjungan ANC", after);
                return true;
            }

            @Override
            List<Corruption> corruptions() {
                return List.of(
                        Corruption.value("bad HPHT", "HPHT", (row, r) -> row.put("HPHT", pick(r, BAD_DATES))),
                        Corruption.value("no HPHT", "HPHT", (row, r) -> row.put("HPHT", "")),
                        Corruption.value(
                                "gravida out of range",
                                "Kehamilan Ke",
                                (row, r) -> row.put("Kehamilan Ke", pick(r, List.of("0", "21", "", "dua")))),
                        Corruption.value(
                                "absurd LiLA",
                                "LiLA",
                                (row, r) -> row.put("LiLA", pick(r, List.of("5", "60", "-23,5")))),
                        Corruption.value("a mother of 8", "Tgl Lahir Ibu", (row, r) -> {
                            row.put("Tgl Lahir Ibu", "01/01/2017");
                            row.put("HPHT", "01/01/2025");
                            row.put("Tgl Persalinan", "");
                            row.put("BB Bayi Lahir", "");
                            row.put("Tgl Kematian Bayi", "");
                        }),
                        Corruption.value("delivery 10 weeks after HPHT", "Tgl Persalinan", (row, r) -> {
                            row.put("HPHT", "01/01/2025");
                            row.put("Tgl Lahir Ibu", "01/01/1995");
                            row.put("Tgl Persalinan", "12/03/2025");
                            row.put("Tgl Kematian Bayi", "");
                        }),
                        Corruption.value("birth weight without a delivery", "BB Bayi Lahir", (row, r) -> {
                            row.put("Tgl Persalinan", "");
                            row.put("BB Bayi Lahir", "2900");
                            row.put("Tgl Kematian Bayi", "");
                        }),
                        Corruption.value(
                                "absurd birth weight",
                                "BB Bayi Lahir",
                                (row, r) -> row.put("BB Bayi Lahir", pick(r, List.of("200", "8000", "2,9")))),
                        Corruption.value("infant death before the birth", "Tgl Kematian Bayi", (row, r) -> {
                            row.put("HPHT", "01/01/2025");
                            row.put("Tgl Lahir Ibu", "01/01/1995");
                            row.put("Tgl Persalinan", "01/10/2025");
                            row.put("BB Bayi Lahir", "3000");
                            row.put("Tgl Kematian Bayi", "01/09/2025");
                        }),
                        Corruption.value("malformed NIK", "NIK Ibu", (row, r) -> row.put("NIK Ibu", pick(r, BAD_NIKS))),
                        Corruption.value("neither NIK nor name", "NIK Ibu", (row, r) -> {
                            row.put("NIK Ibu", "");
                            row.put("Nama Ibu", "");
                        }),
                        Corruption.value(
                                "too many ANC contacts", "Kunjungan ANC", (row, r) -> row.put("Kunjungan ANC", "31")),
                        Corruption.value(
                                "negative spacing", "Jarak Kehamilan", (row, r) -> row.put("Jarak Kehamilan", "-3")));
            }
        };
    }
}
