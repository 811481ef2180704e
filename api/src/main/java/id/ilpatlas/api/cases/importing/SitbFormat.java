package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.privacy.Nik;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SITB case list → TB cases, one per registration number (episode). */
@Component
class SitbFormat implements RegisterFormat<SitbFormat.Row> {

    static final Map<String, String> DIAGNOSIS = vocabulary(
            "Terkonfirmasi Bakteriologis",
            "BACTERIOLOGICAL",
            "Bakteriologis",
            "BACTERIOLOGICAL",
            "Terdiagnosis Klinis",
            "CLINICAL",
            "Klinis",
            "CLINICAL");
    static final Map<String, String> SITE = vocabulary("Paru", "PULMONARY", "Ekstra Paru", "EXTRAPULMONARY");
    static final Map<String, String> HISTORY = vocabulary(
            "Baru",
            "NEW",
            "Kambuh",
            "RELAPSE",
            "Diobati Setelah Gagal",
            "AFTER_FAILURE",
            "Diobati Setelah Putus Berobat",
            "AFTER_LOSS_TO_FOLLOW_UP",
            "Lain-lain",
            "OTHER",
            "Tidak Diketahui",
            "UNKNOWN",
            "Riwayat Tidak Diketahui",
            "UNKNOWN");
    static final Map<String, String> HIV =
            vocabulary("Positif", "POSITIVE", "Negatif", "NEGATIVE", "Tidak Diketahui", "UNKNOWN");
    static final Map<String, String> SENSITIVITY =
            vocabulary("SO", "SO", "RO", "RO", "Sensitif Obat", "SO", "Resisten Obat", "RO");
    static final Map<String, String> OUTCOME = vocabulary(
            "Sembuh",
            "CURED",
            "Pengobatan Lengkap",
            "TREATMENT_COMPLETED",
            "Gagal",
            "FAILED",
            "Meninggal",
            "DIED",
            "Putus Berobat",
            "LOST_TO_FOLLOW_UP",
            "Tidak Dievaluasi",
            "NOT_EVALUATED");

    static Map<String, String> vocabulary(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    record Row(
            int rowNumber,
            String naturalKey,
            ImportContext.Address address,
            String registration,
            String nikHash,
            String nikMasked,
            String name,
            String sex,
            LocalDate birthDate,
            Long facilityId,
            LocalDate diagnosedOn,
            String diagnosisType,
            String site,
            String history,
            String hiv,
            String sensitivity,
            LocalDate started,
            LocalDate ended,
            String outcome,
            Integer identified,
            Integer investigated)
            implements StagedRow {}

    @Override
    public ImportFormat format() {
        return ImportFormat.SITB;
    }

    @Override
    public List<List<String>> requiredColumns() {
        return List.of(
                List.of("No Registrasi"),
                List.of("Tgl Diagnosis"),
                List.of("Tipe Diagnosis"),
                List.of("Lokasi Anatomi"),
                List.of("Riwayat Pengobatan"),
                List.of("Status Resistensi"),
                List.of("Kode Kel", "Desa/Kel"));
    }

    @Override
    public Row parse(RowProblems row, ImportContext context) {
        String registration = row.required("noregistrasi");
        String nik = row.text("nik");
        String sex = row.choice(
                "jk", vocabulary("L", "MALE", "P", "FEMALE", "Laki-laki", "MALE", "Perempuan", "FEMALE"), false);
        LocalDate birth = row.date("tgllahir");
        LocalDate diagnosed = row.date("tgldiagnosis");
        if (diagnosed == null && row.text("tgldiagnosis") == null) {
            row.add("tgldiagnosis", "is required");
        }
        String type = row.choice("tipediagnosis", DIAGNOSIS, true);
        String site = row.choice("lokasianatomi", SITE, true);
        String history = row.choice("riwayatpengobatan", HISTORY, true);
        String hiv = row.choice("statushiv", HIV, false);
        String sensitivity = row.choice("statusresistensi", SENSITIVITY, true);
        LocalDate started = row.date("tglmulaipengobatan");
        LocalDate ended = row.date("tglakhirpengobatan");
        String outcome = row.choice("hasilakhir", OUTCOME, false);
        Integer identified = row.integer("kontakteridentifikasi", 0, 500);
        Integer investigated = row.integer("kontakdiinvestigasi", 0, 500);
        if (identified != null && investigated != null && investigated > identified) {
            row.add(
                    "kontakdiinvestigasi",
                    investigated + " contacts investigated is more than the " + identified + " identified");
        }
        if (started != null && ended != null && ended.isBefore(started)) {
            row.add("tglakhirpengobatan", "is before Tgl Mulai Pengobatan");
        }
        if (birth != null && diagnosed != null && diagnosed.isBefore(birth)) {
            row.add("tgldiagnosis", "is before the birth date");
        }
        if (diagnosed != null && diagnosed.isAfter(LocalDate.now().plusDays(1))) {
            row.add("tgldiagnosis", diagnosed + " is in the future");
        }
        if (outcome != null && started == null) {
            row.add("hasilakhir", "an outcome needs Tgl Mulai Pengobatan");
        }
        ImportContext.Address address = context.address(row);
        Long facility = context.facility(row, "faskes");
        String nikHash = nik == null ? null : context.hashIdentity(row, "nik", nik, true);
        if (!row.ok()) {
            return null;
        }
        return new Row(
                row.rowNumber(),
                address.kabkotaCode() + "|" + registration,
                address,
                registration,
                nikHash,
                nik == null ? null : Nik.mask(nik),
                row.text("nama"),
                sex,
                birth,
                facility,
                diagnosed,
                type,
                site,
                history,
                hiv == null ? "UNKNOWN" : hiv,
                sensitivity,
                started,
                ended,
                outcome,
                identified,
                investigated);
    }

    /** The days the diagnoses: from the first day of the month of the earliest one to the end of the month of the latest. */
    @Override
    public String coverageFrom() {
        return "date_trunc('month', min(diagnosed_on))::date";
    }

    @Override
    public String coverageTo() {
        return "(date_trunc('month', max(diagnosed_on)) + interval '1 month' - interval '1 day')::date";
    }

    @Override
    public String stageColumnsDdl() {
        return "registration text, nik_hash text, nik_masked text, name text, sex text, birth_date date, "
                + "facility_id bigint, diagnosed_on date, diagnosis_type text, site text, history text, hiv text, "
                + "sensitivity text, started date, ended date, outcome text, identified integer, investigated integer";
    }

    @Override
    public String stageColumns() {
        return "registration, nik_hash, nik_masked, name, sex, birth_date, facility_id, diagnosed_on, diagnosis_type, "
                + "site, history, hiv, sensitivity, started, ended, outcome, identified, investigated";
    }

    @Override
    public void stage(Row r, StageBuffer b) {
        b.add(r.registration())
                .add(r.nikHash())
                .add(r.nikMasked())
                .add(r.name())
                .add(r.sex())
                .add(r.birthDate())
                .add(r.facilityId())
                .add(r.diagnosedOn())
                .add(r.diagnosisType())
                .add(r.site())
                .add(r.history())
                .add(r.hiv())
                .add(r.sensitivity())
                .add(r.started())
                .add(r.ended())
                .add(r.outcome())
                .add(r.identified())
                .add(r.investigated());
    }

    @Override
    public StoredRecord storedRecord() {
        return new StoredRecord(
                "tb_cases",
                "t.kabkota_code = s.kabkota_code AND t.registration_number = s.registration",
                "No Registrasi");
    }

    @Override
    public Merged merge(JdbcClient jdbc, long jobId, boolean synthetic) {
        return new Merge("tb_cases", "kabkota_code", "registration_number")
                .column("registration_number", "registration")
                .column("nik_hash", "nik_hash")
                .column("nik_masked", "nik_masked")
                .column("name", "name")
                .column("sex", "sex")
                .column("birth_date", "birth_date")
                .column("facility_id", "facility_id")
                .column("diagnosed_on", "diagnosed_on")
                .column("diagnosis_type", "diagnosis_type")
                .column("anatomical_site", "site")
                .column("treatment_history", "history")
                .column("hiv_status", "hiv")
                .column("drug_sensitivity", "sensitivity")
                .column("treatment_started_on", "started")
                .column("treatment_ended_on", "ended")
                .column("outcome", "outcome")
                .column("contacts_identified", "identified")
                .column("contacts_investigated", "investigated")
                .run(jdbc, jobId, synthetic);
    }
}
