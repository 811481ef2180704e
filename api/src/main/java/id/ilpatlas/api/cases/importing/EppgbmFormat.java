package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.privacy.Nik;
import id.ilpatlas.geo.growth.GrowthAssessment;
import id.ilpatlas.geo.growth.GrowthInput;
import id.ilpatlas.geo.growth.GrowthStandards;
import id.ilpatlas.geo.growth.MeasurePosition;
import id.ilpatlas.geo.growth.Sex;
import id.ilpatlas.geo.growth.ZScore;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * e-PPGBM by-name export → children and growth measurements, with WHO z-scores, Permenkes 2/2020 categories and
 * WHO implausibility flags computed on write. The child's key is its NIK hash (or a keyed hash of name, birth date,
 * sex and kelurahan); a measurement's key is child + measurement date.
 */
@Component
class EppgbmFormat implements RegisterFormat<EppgbmFormat.Row> {

    /** Children older than this at a measurement are not balita: the row is rejected as a likely date error. */
    static final int MAX_AGE_DAYS = 6 * 365;
    /** Plausible birth weights, as children.birth_weight_g allows. */
    static final int MIN_BIRTH_WEIGHT_G = 300;

    static final int MAX_BIRTH_WEIGHT_G = 7000;

    static final Map<String, Sex> SEX = new LinkedHashMap<>();
    static final Map<String, MeasurePosition> POSITION = new LinkedHashMap<>();
    static final Map<String, Boolean> YES_NO = new LinkedHashMap<>();

    static {
        SEX.put("L", Sex.MALE);
        SEX.put("P", Sex.FEMALE);
        SEX.put("Laki-laki", Sex.MALE);
        SEX.put("Perempuan", Sex.FEMALE);
        POSITION.put("Terlentang", MeasurePosition.LYING);
        POSITION.put("Berdiri", MeasurePosition.STANDING);
        POSITION.put("Telentang", MeasurePosition.LYING);
        YES_NO.put("Ya", true);
        YES_NO.put("Tidak", false);
        YES_NO.put("Y", true);
        YES_NO.put("T", false);
    }

    private static final Pattern AGE_TEXT = Pattern.compile(
            "^\\s*(\\d+)\\s*Tahun\\s*-\\s*(\\d+)\\s*Bulan(?:\\s*-\\s*(\\d+)\\s*Hari)?\\s*$", Pattern.CASE_INSENSITIVE);

    record Row(
            int rowNumber,
            String naturalKey,
            ImportContext.Address address,
            String childKey,
            String nikMasked,
            String name,
            Sex sex,
            LocalDate birthDate,
            Integer birthWeightG,
            Double birthLengthCm,
            String parentName,
            Long posyanduId,
            LocalDate measuredOn,
            GrowthInput input,
            GrowthAssessment assessment,
            Double muacCm,
            Double headCm)
            implements StagedRow {}

    @Override
    public ImportFormat format() {
        return ImportFormat.EPPGBM;
    }

    @Override
    public List<List<String>> requiredColumns() {
        return List.of(
                List.of("NIK", "Nama"),
                List.of("JK"),
                List.of("Tgl Lahir"),
                List.of("Tanggal Pengukuran"),
                List.of("Berat", "Tinggi"),
                List.of("Kode Kel", "Desa/Kel"));
    }

    @Override
    public Row parse(RowProblems row, ImportContext context) {
        String nik = row.text("nik");
        String name = row.text("nama");
        if (nik == null && name == null) {
            row.add("nik", "a child needs a NIK or a name (Nama)");
        }
        Sex sex = row.choice("jk", SEX, true);
        LocalDate birth = row.date("tgllahir");
        if (birth == null && row.text("tgllahir") == null) {
            row.add("tgllahir", "is required");
        }
        LocalDate measured = row.date("tanggalpengukuran");
        if (measured == null && row.text("tanggalpengukuran") == null) {
            row.add("tanggalpengukuran", "is required");
        }
        Double birthWeight = row.number("bblahir", 0.3, 7000, "(kg or g)");
        // kg up to 100 (docs/case-formats.md), grams above; either way 300-7000 g (the register's CHECK).
        Integer birthWeightG =
                birthWeight == null ? null : (int) Math.round(birthWeight <= 100 ? birthWeight * 1000 : birthWeight);
        if (birthWeightG != null && (birthWeightG < MIN_BIRTH_WEIGHT_G || birthWeightG > MAX_BIRTH_WEIGHT_G)) {
            row.add(
                    "bblahir",
                    "a birth weight of " + birthWeightG + " g is not plausible (" + MIN_BIRTH_WEIGHT_G + "-"
                            + MAX_BIRTH_WEIGHT_G + " g)");
            birthWeightG = null;
        }
        Double birthLength = row.number("tblahir", 20, 70, "cm");
        Double weightKg = row.number("berat", 0.5, 60, "kg");
        Double lengthCm = row.number("tinggi", 35, 150, "cm");
        if (weightKg == null && lengthCm == null && row.text("berat") == null && row.text("tinggi") == null) {
            row.add("berat", "a measurement needs a weight (Berat) or a length/height (Tinggi)");
        }
        MeasurePosition position = row.choice("caraukur", POSITION, false);
        Double muac = row.number("lila", 5, 35, "cm");
        Double head = row.number("lingkarkepala", 25, 60, "cm");
        Boolean oedemaValue = row.choice("edema", YES_NO, false);
        boolean oedema = Boolean.TRUE.equals(oedemaValue);
        ImportContext.Address address = context.address(row);
        Long posyandu = context.facility(row, "posyandu");
        if (birth != null && measured != null) {
            if (measured.isBefore(birth)) {
                row.add("tanggalpengukuran", "is before the birth date (Tgl Lahir " + birth + ")");
            } else if (ChronoUnit.DAYS.between(birth, measured) > MAX_AGE_DAYS) {
                row.add(
                        "tgllahir",
                        "the child would be " + Period.between(birth, measured).getYears()
                                + " years old at the measurement; e-PPGBM records balita (0-59 months)");
            }
            if (measured.isAfter(LocalDate.now().plusDays(1))) {
                row.add("tanggalpengukuran", measured + " is in the future");
            }
            checkAgeText(row, birth, measured);
        }
        String nikHash = nik == null ? null : context.hashIdentity(row, "nik", nik, true);
        if (!row.ok()) {
            return null;
        }
        String childKey = nikHash != null
                ? nikHash
                : context.generatedKey(name.toLowerCase(java.util.Locale.ROOT) + "|" + birth + "|" + sex + "|"
                        + (address.kelurahanCode() != null ? address.kelurahanCode() : address.kabkotaCode()));
        GrowthInput input = GrowthInput.between(sex, birth, measured, weightKg, lengthCm, position, oedema)
                .withHeadCircumferenceCm(head);
        GrowthAssessment assessment = GrowthStandards.assess(input);
        return new Row(
                row.rowNumber(),
                address.kabkotaCode() + "|" + childKey + "|" + measured,
                address,
                childKey,
                nik == null ? null : Nik.mask(nik),
                name,
                sex,
                birth,
                birthWeightG,
                birthLength,
                row.text("namaortu"),
                posyandu,
                measured,
                input,
                assessment,
                muac,
                head);
    }

    private static void checkAgeText(RowProblems row, LocalDate birth, LocalDate measured) {
        String text = row.text("usiasaatukur");
        if (text == null) {
            return;
        }
        Matcher m = AGE_TEXT.matcher(text);
        if (!m.matches()) {
            row.add(
                    "usiasaatukur",
                    "'" + RowProblems.shown(text) + "' is not an age like '2 Tahun - 3 Bulan - 10 Hari'");
            return;
        }
        long statedMonths = Long.parseLong(m.group(1)) * 12 + Long.parseLong(m.group(2));
        long months = ChronoUnit.MONTHS.between(birth, measured);
        if (Math.abs(statedMonths - months) > 1) {
            row.add(
                    "usiasaatukur",
                    "'" + RowProblems.shown(text) + "' does not match the dates (" + months / 12
                            + " Tahun - "
                            + months % 12 + " Bulan from Tgl Lahir to Tanggal Pengukuran)");
        }
    }

    /** The days the measurements: from the first day of the month of the earliest one to the end of the month of the latest. */
    @Override
    public String coverageFrom() {
        return "date_trunc('month', min(measured_on))::date";
    }

    @Override
    public String coverageTo() {
        return "(date_trunc('month', max(measured_on)) + interval '1 month' - interval '1 day')::date";
    }

    @Override
    public String stageColumnsDdl() {
        return """
                child_key text, nik_masked text, name text, sex text, birth_date date, birth_weight_g integer,
                birth_length_cm numeric, parent_name text, posyandu_id bigint, measured_on date, age_days integer,
                weight_kg numeric, length_height_cm numeric, measured text, muac_cm numeric, head_cm numeric,
                oedema boolean, z_lhfa numeric, z_wfa numeric, z_wflh numeric, z_bmi numeric, c_lhfa text,
                c_wfa text, c_wflh text, c_bmi text, flagged boolean""";
    }

    @Override
    public String stageColumns() {
        return "child_key, nik_masked, name, sex, birth_date, birth_weight_g, birth_length_cm, parent_name, "
                + "posyandu_id, measured_on, age_days, weight_kg, length_height_cm, measured, muac_cm, head_cm, "
                + "oedema, z_lhfa, z_wfa, z_wflh, z_bmi, c_lhfa, c_wfa, c_wflh, c_bmi, flagged";
    }

    @Override
    public void stage(Row r, StageBuffer b) {
        GrowthAssessment a = r.assessment();
        b.add(r.childKey())
                .add(r.nikMasked())
                .add(r.name())
                .add(r.sex().name())
                .add(r.birthDate())
                .add(r.birthWeightG())
                .add(r.birthLengthCm())
                .add(r.parentName())
                .add(r.posyanduId())
                .add(r.measuredOn())
                .add(a.ageDays())
                .add(r.input().weightKg())
                .add(r.input().lengthHeightCm())
                .add(
                        r.input().measuredPosition() == null
                                ? null
                                : r.input().measuredPosition().name())
                .add(r.muacCm())
                .add(r.headCm())
                .add(r.input().oedema())
                .add(a.lengthHeightForAge().z())
                .add(a.weightForAge().z())
                .add(a.weightForLengthHeight().z())
                .add(a.bmiForAge().z())
                .add(category(a.lengthHeightForAge()))
                .add(category(a.weightForAge()))
                .add(category(a.weightForLengthHeight()))
                .add(category(a.bmiForAge()))
                .add(a.lengthHeightForAge().flagged()
                        || a.weightForAge().flagged()
                        || a.weightForLengthHeight().flagged()
                        || a.bmiForAge().flagged());
    }

    private static String category(ZScore<?> z) {
        return z.category() == null ? null : ((Enum<?>) z.category()).name();
    }

    @Override
    public StoredRecord storedRecord() {
        return new StoredRecord("children", "t.kabkota_code = s.kabkota_code AND t.child_key = s.child_key", "NIK");
    }

    @Override
    public Merged merge(JdbcClient jdbc, long jobId, boolean synthetic) {
        List<String> changedChildren = jdbc.sql("""
                        INSERT INTO children AS c (kabkota_code, child_key, nik_masked, name, sex, birth_date,
                               birth_weight_g, birth_length_cm, parent_name, posyandu_id, last_seen_on, kelurahan_code,
                               rt, rw_number, rw_code, address, location, rw_assignment, synthetic, import_job_id)
                        SELECT DISTINCT ON (kabkota_code, child_key)
                               kabkota_code, child_key, nik_masked, name, sex, birth_date, birth_weight_g,
                               birth_length_cm, parent_name, posyandu_id, measured_on, kelurahan_code, rt, rw_number,
                               rw_code, address,
                               CASE WHEN lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END,
                               rw_assignment, :synthetic, :job
                          FROM stage ORDER BY kabkota_code, child_key, measured_on DESC, row_number DESC
                        ON CONFLICT (kabkota_code, child_key) DO UPDATE
                           SET nik_masked = excluded.nik_masked, name = excluded.name, sex = excluded.sex,
                               birth_date = excluded.birth_date, birth_weight_g = excluded.birth_weight_g,
                               birth_length_cm = excluded.birth_length_cm, parent_name = excluded.parent_name,
                               posyandu_id = excluded.posyandu_id, last_seen_on = excluded.last_seen_on,
                               kelurahan_code = excluded.kelurahan_code, rt = excluded.rt,
                               rw_number = excluded.rw_number, rw_code = excluded.rw_code, address = excluded.address,
                               location = excluded.location, rw_assignment = excluded.rw_assignment,
                               synthetic = excluded.synthetic, import_job_id = excluded.import_job_id,
                               updated_at = now()
                         WHERE excluded.last_seen_on >= c.last_seen_on
                           AND (c.nik_masked, c.name, c.sex, c.birth_date, c.birth_weight_g, c.birth_length_cm,
                                c.parent_name, c.posyandu_id, c.last_seen_on, c.kelurahan_code, c.rt, c.rw_number,
                                c.rw_code, c.address, c.location, c.synthetic)
                               IS DISTINCT FROM
                               (excluded.nik_masked, excluded.name, excluded.sex, excluded.birth_date,
                                excluded.birth_weight_g, excluded.birth_length_cm, excluded.parent_name,
                                excluded.posyandu_id, excluded.last_seen_on, excluded.kelurahan_code, excluded.rt,
                                excluded.rw_number, excluded.rw_code, excluded.address, excluded.location,
                                excluded.synthetic)
                        RETURNING CASE WHEN xmax = 0 THEN 'I' ELSE 'U' END || id""")
                .param("synthetic", synthetic)
                .param("job", jobId)
                .query(String.class)
                .list();
        List<String> measurements = jdbc.sql("""
                        INSERT INTO growth_measurements AS m (kabkota_code, child_id, measured_on, age_days, weight_kg,
                               length_height_cm, measured, muac_cm, head_cm, oedema, z_length_height_for_age,
                               z_weight_for_age, z_weight_for_length_height, z_bmi_for_age,
                               category_length_height_for_age, category_weight_for_age,
                               category_weight_for_length_height, category_bmi_for_age, flagged, posyandu_id, rw_code,
                               region_code, synthetic, import_job_id)
                        SELECT s.kabkota_code, c.id, s.measured_on, s.age_days, s.weight_kg, s.length_height_cm,
                               s.measured, s.muac_cm, s.head_cm, s.oedema, s.z_lhfa, s.z_wfa, s.z_wflh, s.z_bmi,
                               s.c_lhfa, s.c_wfa, s.c_wflh, s.c_bmi, s.flagged, s.posyandu_id, s.rw_code,
                               coalesce(s.rw_code, s.kelurahan_code, s.kabkota_code), :synthetic, :job
                          FROM stage s
                          JOIN children c ON c.kabkota_code = s.kabkota_code AND c.child_key = s.child_key
                        ON CONFLICT (kabkota_code, child_id, measured_on) DO UPDATE
                           SET age_days = excluded.age_days, weight_kg = excluded.weight_kg,
                               length_height_cm = excluded.length_height_cm, measured = excluded.measured,
                               muac_cm = excluded.muac_cm, head_cm = excluded.head_cm, oedema = excluded.oedema,
                               z_length_height_for_age = excluded.z_length_height_for_age,
                               z_weight_for_age = excluded.z_weight_for_age,
                               z_weight_for_length_height = excluded.z_weight_for_length_height,
                               z_bmi_for_age = excluded.z_bmi_for_age,
                               category_length_height_for_age = excluded.category_length_height_for_age,
                               category_weight_for_age = excluded.category_weight_for_age,
                               category_weight_for_length_height = excluded.category_weight_for_length_height,
                               category_bmi_for_age = excluded.category_bmi_for_age, flagged = excluded.flagged,
                               posyandu_id = excluded.posyandu_id, rw_code = excluded.rw_code,
                               region_code = excluded.region_code, synthetic = excluded.synthetic,
                               import_job_id = excluded.import_job_id, updated_at = now()
                         WHERE (m.age_days, m.weight_kg, m.length_height_cm, m.measured, m.muac_cm, m.head_cm,
                                m.oedema, m.z_length_height_for_age, m.z_weight_for_age, m.z_weight_for_length_height,
                                m.z_bmi_for_age, m.flagged, m.posyandu_id, m.rw_code, m.region_code, m.synthetic)
                               IS DISTINCT FROM
                               (excluded.age_days, excluded.weight_kg, excluded.length_height_cm, excluded.measured,
                                excluded.muac_cm, excluded.head_cm, excluded.oedema, excluded.z_length_height_for_age,
                                excluded.z_weight_for_age, excluded.z_weight_for_length_height, excluded.z_bmi_for_age,
                                excluded.flagged, excluded.posyandu_id, excluded.rw_code, excluded.region_code,
                                excluded.synthetic)
                        RETURNING CASE WHEN xmax = 0 THEN 'I' ELSE 'U' END || child_id""")
                .param("synthetic", synthetic)
                .param("job", jobId)
                .query(String.class)
                .list();
        int inserted =
                (int) measurements.stream().filter(s -> s.startsWith("I")).count();
        int updatedMeasurements = measurements.size() - inserted;
        // Rows whose measurement is unchanged but whose child's details changed count as updated too.
        Set<Long> touched = new HashSet<>();
        measurements.forEach(s -> touched.add(Long.parseLong(s.substring(1))));
        Long[] changedOnly = changedChildren.stream()
                .filter(s -> s.startsWith("U"))
                .map(s -> Long.parseLong(s.substring(1)))
                .filter(id -> !touched.contains(id))
                .toArray(Long[]::new);
        long childOnly = changedOnly.length == 0
                ? 0
                : jdbc.sql("""
                        SELECT count(*) FROM stage s JOIN children c
                            ON c.kabkota_code = s.kabkota_code AND c.child_key = s.child_key
                         WHERE c.id = ANY(CAST(:ids AS bigint[]))""").param("ids", changedOnly).query(Long.class).single();
        return new Merged(inserted, updatedMeasurements + (int) childOnly);
    }
}
