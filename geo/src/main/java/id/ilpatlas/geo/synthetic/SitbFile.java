package id.ilpatlas.geo.synthetic;

import java.io.Writer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the SITB case list: TB episodes diagnosed in the 365 days up to the end of the last complete month on or
 * before the reference date (whole months, as a monthly export reports them), Poisson per RW
 * with mean {@code 0.00385 x 0.58 x population x scale x burden^0.8} (burden weights normalised).
 *
 * <p>Mix: 12 % extrapulmonary; bacteriologically confirmed 70 % of adult pulmonary, 20 % of child pulmonary,
 * 30 % of extrapulmonary (about 60 % overall); 90 % new; HIV 2.5 % positive, 72 % negative, rest unknown;
 * resistant (RO) only among confirmed cases, about 2 % overall. Treatment starts 0–10 days after diagnosis;
 * a case that started more than 182 days (SO) or 274 days (RO) before the reference date has an outcome (SO:
 * 86 % success), the others are on treatment with an empty {@code Hasil Akhir}. Confirmed pulmonary cases are
 * index cases with 3–10 contacts identified, each investigated with probability 0.75.
 */
final class SitbFile {

    static final String[] HEADER = CsvOut.columns(
            "No Registrasi",
            "NIK",
            "Nama",
            "JK",
            "Tgl Lahir",
            CsvOut.ADDRESS_COLUMNS,
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
            "Kontak Diinvestigasi");

    private static final int[] AGE_FROM = {0, 5, 15, 25, 35, 45, 55, 65};
    private static final int[] AGE_TO = {4, 14, 24, 34, 44, 54, 64, 79};
    private static final double[] AGE_BANDS = Draw.cumulative(5, 7, 15, 16, 15, 16, 14, 12);
    private static final String[] HISTORY = {
        "Baru", "Kambuh", "Diobati Setelah Gagal", "Diobati Setelah Putus Berobat", "Lain-lain", "Tidak Diketahui"
    };
    private static final double[] HISTORY_WEIGHTS = Draw.cumulative(90, 6, 1, 2, 0.5, 0.5);
    private static final String[] UNFAVOURABLE = {"Gagal", "Meninggal", "Putus Berobat", "Tidak Dievaluasi"};
    private static final double[] UNFAVOURABLE_SO = Draw.cumulative(1, 4, 5, 4);
    private static final double[] UNFAVOURABLE_RO = Draw.cumulative(5, 12, 15, 3);
    private static final int SO_REGIMEN_DAYS = 182;
    private static final int RO_REGIMEN_DAYS = 274;

    private final SyntheticCases cases;
    private final NikAllocator niks = new NikAllocator(6000, 7999);
    private final Map<Integer, Integer> serialByYear = new HashMap<>();

    private long bacteriological;
    private long extrapulmonary;
    private long newCases;
    private long hivPositive;
    private long resistant;
    private long withOutcome;
    private long success;
    private long pointOutside;
    private long unknownRw;

    SitbFile(SyntheticCases cases) {
        this.cases = cases;
    }

    SitbSummary write(Writer writer) {
        CsvOut out = new CsvOut(writer);
        out.header(HEADER);
        double rate = SyntheticCases.TB_INCIDENCE_PER_PERSON_YEAR * SyntheticCases.TB_NOTIFIED_SHARE;
        double[] weights = cases.weights(0.8);
        for (int i = 0; i < cases.sites().size(); i++) {
            Site site = cases.sites().get(i);
            SplittableRandom random = Draw.stream(cases.seed(), SyntheticCases.SALT_SITB, site.code, 0);
            long count = Draw.poisson(rate * site.population * cases.scale() * weights[i], random);
            for (long c = 0; c < count; c++) {
                writeCase(out, site, random);
            }
        }
        out.finish();
        return new SitbSummary(
                out.rows(),
                rate * cases.scaledPopulation(),
                bacteriological,
                extrapulmonary,
                newCases,
                hivPositive,
                resistant,
                withOutcome,
                success,
                pointOutside,
                unknownRw);
    }

    private void writeCase(CsvOut out, Site site, SplittableRandom random) {
        LocalDate today = cases.today();
        LocalDate diagnosed =
                SyntheticCases.lastCompleteMonth(today).atEndOfMonth().minusDays(random.nextInt(365));
        int band = Draw.pick(AGE_BANDS, random);
        int age = Draw.between(AGE_FROM[band], AGE_TO[band], random);
        LocalDate birth = diagnosed.minusYears(age).minusDays(random.nextInt(365));
        boolean woman = random.nextDouble() < 0.43;
        boolean child = age < 15;
        boolean extra = random.nextDouble() < 0.12;
        double confirmedShare = extra ? 0.30 : child ? 0.20 : 0.70;
        boolean confirmed = random.nextDouble() < confirmedShare;
        int history = child ? 0 : Draw.pick(HISTORY_WEIGHTS, random);
        boolean previouslyTreated = history >= 1 && history <= 3;
        boolean ro = confirmed && random.nextDouble() < (previouslyTreated ? 0.12 : 0.025);
        double h = random.nextDouble();
        String hiv = h < 0.025 ? "Positif" : h < 0.745 ? "Negatif" : "Tidak Diketahui";

        LocalDate started = diagnosed.plusDays(random.nextInt(11));
        if (started.isAfter(today)) {
            started = today;
        }
        long treatedDays = today.toEpochDay() - started.toEpochDay();
        int regimen = ro ? RO_REGIMEN_DAYS : SO_REGIMEN_DAYS;
        String outcome = "";
        LocalDate ended = null;
        if (treatedDays > regimen) {
            boolean succeeded = random.nextDouble() < (ro ? 0.65 : 0.86);
            if (succeeded) {
                outcome = confirmed && !extra && random.nextDouble() < 0.8 ? "Sembuh" : "Pengobatan Lengkap";
                ended = started.plusDays(regimen + random.nextInt(21));
                success++;
            } else {
                outcome = UNFAVOURABLE[Draw.pick(ro ? UNFAVOURABLE_RO : UNFAVOURABLE_SO, random)];
                ended = switch (outcome) {
                    case "Gagal" -> started.plusDays(150 + random.nextInt(regimen - 149));
                    case "Meninggal" -> started.plusDays(5 + random.nextInt(regimen - 4));
                    case "Putus Berobat" -> started.plusDays(30 + random.nextInt(regimen - 29));
                    default -> null; // Tidak Dievaluasi: moved away, no end date known
                };
            }
            if (ended != null && ended.isAfter(today)) {
                ended = today;
            }
            withOutcome++;
        }
        String nik = random.nextDouble() < 0.08 ? null : niks.next(site.nikPrefix, birth, woman);
        String name = Names.adult(woman, birth.getYear(), random);
        Address address = Address.draw(site, false, random);
        String faskes = site.puskesmas.length == 0 ? "" : Draw.oneOf(site.puskesmas, random);
        int identified = confirmed && !extra ? Draw.between(3, 10, random) : -1;
        int investigated = 0;
        for (int k = 0; k < identified; k++) {
            investigated += random.nextDouble() < 0.75 ? 1 : 0;
        }

        bacteriological += confirmed ? 1 : 0;
        extrapulmonary += extra ? 1 : 0;
        newCases += history == 0 ? 1 : 0;
        hivPositive += hiv.equals("Positif") ? 1 : 0;
        resistant += ro ? 1 : 0;
        pointOutside += address.kind() == Address.POINT_OUTSIDE ? 1 : 0;
        unknownRw += address.kind() == Address.UNKNOWN_RW ? 1 : 0;

        StringBuilder row = out.row();
        int serial = serialByYear.merge(diagnosed.getYear(), 1, Integer::sum);
        row.append(site.kotaDigits).append('-').append(diagnosed.getYear()).append('-');
        CsvOut.pad(row, serial, 6).append(';');
        if (nik != null) {
            row.append(nik);
        }
        row.append(';');
        CsvOut.text(row, name).append(';').append(woman ? 'P' : 'L').append(';');
        CsvOut.date(row, birth).append(';').append(address.fields()).append(';');
        CsvOut.text(row, faskes).append(';');
        CsvOut.date(row, diagnosed).append(';');
        row.append(confirmed ? "Terkonfirmasi Bakteriologis" : "Terdiagnosis Klinis")
                .append(';');
        row.append(extra ? "Ekstra Paru" : "Paru").append(';');
        row.append(HISTORY[history])
                .append(';')
                .append(hiv)
                .append(';')
                .append(ro ? "RO" : "SO")
                .append(';');
        CsvOut.date(row, started).append(';');
        if (ended != null) {
            CsvOut.date(row, ended);
        }
        row.append(';').append(outcome).append(';');
        if (identified >= 0) {
            row.append(identified).append(';').append(investigated);
        } else {
            row.append(';');
        }
        out.endRow();
    }
}
