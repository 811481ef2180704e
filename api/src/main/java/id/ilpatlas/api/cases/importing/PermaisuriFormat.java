package id.ilpatlas.api.cases.importing;

import id.ilpatlas.api.privacy.Nik;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PERMAISURI pregnancy cohort → pregnancies with their risks (4T, KEK and the file's others), birth (BBLR babies get
 * KRISNNA home visits) and deaths (AKI/AKB). Keyed by mother + last menstrual period (HPHT).
 */
@Component
class PermaisuriFormat implements RegisterFormat<PermaisuriFormat.Row> {

    /** LiLA below this is chronic energy deficiency (KEK). */
    static final double KEK_MUAC_CM = 23.5;
    /** KRISNNA home visits due for a low-birth-weight baby. */
    static final int KRISNNA_VISITS = 4;
    /** What a file writes in Faktor Risiko Lain for "none". */
    static final Set<String> NO_RISK = Set.of("TIDAK", "TIDAK_ADA", "NONE", "NIHIL");
    /**
     * Nutrition conditions the programme follows as indicators of their own (bumil KEK, bumil anemia): listed among
     * a pregnancy's risk factors, but not by themselves making it high-risk (bumil risti), whose published share
     * (IDHS: 25-37 % of pregnancies with a "4 terlalu" factor) is of the 4T and obstetric or medical risks.
     */
    static final Set<String> NUTRITION_RISKS = Set.of("KEK", "ANEMIA", "ANAEMIA", "KURANG_DARAH");

    record Row(
            int rowNumber,
            String naturalKey,
            ImportContext.Address address,
            String motherKey,
            String nikMasked,
            String name,
            LocalDate birthDate,
            LocalDate lmp,
            LocalDate due,
            int gravida,
            Integer spacingMonths,
            Double muac,
            int anc,
            String[] risks,
            boolean highRisk,
            Long referral,
            LocalDate delivered,
            String deliveryPlace,
            Integer birthWeight,
            int visitsDue,
            int visitsDone,
            LocalDate maternalDeath,
            LocalDate infantDeath,
            String deathPlace)
            implements StagedRow {}

    @Override
    public ImportFormat format() {
        return ImportFormat.PERMAISURI;
    }

    @Override
    public List<List<String>> requiredColumns() {
        return List.of(
                List.of("NIK Ibu", "Nama Ibu"),
                List.of("Tgl Lahir Ibu"),
                List.of("HPHT"),
                List.of("Kehamilan Ke"),
                List.of("Kode Kel", "Desa/Kel"));
    }

    @Override
    public Row parse(RowProblems row, ImportContext context) {
        String nik = row.text("nikibu");
        String name = row.text("namaibu");
        if (nik == null && name == null) {
            row.add("nikibu", "a mother needs a NIK or a name (Nama Ibu)");
        }
        LocalDate birth = row.date("tgllahiribu");
        if (birth == null && row.text("tgllahiribu") == null) {
            row.add("tgllahiribu", "is required");
        }
        LocalDate lmp = row.date("hpht");
        if (lmp == null && row.text("hpht") == null) {
            row.add("hpht", "is required");
        }
        LocalDate due = row.date("taksiranpersalinan");
        Integer gravida = row.integer("kehamilanke", 1, 20);
        if (gravida == null && row.text("kehamilanke") == null) {
            row.add("kehamilanke", "is required");
        }
        Integer spacing = row.integer("jarakkehamilan", 0, 600);
        Double muac = row.number("lila", 10, 50, "cm");
        Integer anc = row.integer("kunjungananc", 0, 30);
        String others = row.text("faktorrisikolain");
        Long referral = context.facility(row, "faskesrujukan");
        LocalDate delivered = row.date("tglpersalinan");
        Integer birthWeight = row.integer("bbbayilahir", 300, 7000);
        Integer visitsDone = row.integer("kunjunganrumahselesai", 0, 30);
        LocalDate maternalDeath = row.date("tglkematianibu");
        LocalDate infantDeath = row.date("tglkematianbayi");
        if (birth != null && lmp != null) {
            int age = Period.between(birth, lmp).getYears();
            if (age < 10 || age > 60) {
                row.add("tgllahiribu", "the mother would be " + age + " years old at HPHT");
            }
        }
        if (lmp != null
                && delivered != null
                && (delivered.isBefore(lmp.plusWeeks(20)) || delivered.isAfter(lmp.plusWeeks(45)))) {
            row.add("tglpersalinan", "is not 20-45 weeks after HPHT " + lmp);
        }
        if (birthWeight != null && delivered == null) {
            row.add("bbbayilahir", "a birth weight needs Tgl Persalinan");
        }
        if (infantDeath != null && delivered != null && infantDeath.isBefore(delivered)) {
            row.add("tglkematianbayi", "is before the birth");
        }
        ImportContext.Address address = context.address(row);
        String nikHash = nik == null ? null : context.hashIdentity(row, "nikibu", nik, true);
        if (!row.ok()) {
            return null;
        }
        String motherKey = nikHash != null
                ? nikHash
                : context.generatedKey(name.toLowerCase(java.util.Locale.ROOT) + "|" + birth + "|"
                        + (address.kelurahanCode() != null ? address.kelurahanCode() : address.kabkotaCode()));
        List<String> risks = new ArrayList<>();
        int age = Period.between(birth, lmp).getYears();
        if (age < 20) {
            risks.add("TOO_YOUNG");
        }
        if (age > 35) {
            risks.add("TOO_OLD");
        }
        if (spacing != null && spacing < 24 && gravida > 1) {
            risks.add("TOO_CLOSE");
        }
        if (gravida >= 4) {
            risks.add("TOO_MANY");
        }
        if (muac != null && muac < KEK_MUAC_CM) {
            risks.add("KEK");
        }
        if (others != null) {
            // "-" or "Tidak ada" (none) is not a risk; a factor already computed (e.g. KEK) is listed once.
            Arrays.stream(others.split(","))
                    .map(s -> s.strip()
                            .toUpperCase(Locale.ROOT)
                            .replaceAll("[^A-Z0-9]+", "_")
                            .replaceAll("^_+|_+$", ""))
                    .filter(s -> !s.isEmpty() && !NO_RISK.contains(s) && !risks.contains(s))
                    .forEach(risks::add);
        }
        boolean lowBirthWeight = birthWeight != null && birthWeight < 2500;
        return new Row(
                row.rowNumber(),
                address.kabkotaCode() + "|" + motherKey + "|" + lmp,
                address,
                motherKey,
                nik == null ? null : Nik.mask(nik),
                name,
                birth,
                lmp,
                due != null ? due : lmp.plusDays(280),
                gravida,
                spacing,
                muac,
                anc == null ? 0 : anc,
                risks.toArray(String[]::new),
                risks.stream().anyMatch(r -> !NUTRITION_RISKS.contains(r)),
                referral,
                delivered,
                row.text("tempatpersalinan"),
                birthWeight,
                lowBirthWeight ? KRISNNA_VISITS : 0,
                visitsDone == null ? 0 : visitsDone,
                maternalDeath,
                infantDeath,
                row.text("tempatkematian"));
    }

    /** The days the pregnancies: births and deaths are complete from 42 weeks after the earliest HPHT (every pregnancy that can end then is in the file) to the end of the month of the latest date. */
    @Override
    public String coverageFrom() {
        return "min(lmp) + 294";
    }

    @Override
    public String coverageTo() {
        return "(date_trunc('month', max(greatest(lmp, delivered, maternal_death, infant_death))) + interval '1 month' - interval '1 day')::date";
    }

    @Override
    public String stageColumnsDdl() {
        return "mother_key text, nik_masked text, name text, birth_date date, lmp date, due date, gravida smallint, "
                + "spacing smallint, muac numeric, anc smallint, risks text[], high_risk boolean, referral bigint, "
                + "delivered date, delivery_place text, birth_weight integer, visits_due smallint, "
                + "visits_done smallint, maternal_death date, infant_death date, death_place text";
    }

    @Override
    public String stageColumns() {
        return "mother_key, nik_masked, name, birth_date, lmp, due, gravida, spacing, muac, anc, risks, high_risk, "
                + "referral, delivered, delivery_place, birth_weight, visits_due, visits_done, maternal_death, "
                + "infant_death, death_place";
    }

    @Override
    public void stage(Row r, StageBuffer b) {
        b.add(r.motherKey())
                .add(r.nikMasked())
                .add(r.name())
                .add(r.birthDate())
                .add(r.lmp())
                .add(r.due())
                .add(r.gravida())
                .add(r.spacingMonths())
                .add(r.muac())
                .add(r.anc())
                .add(r.risks())
                .add(r.highRisk())
                .add(r.referral())
                .add(r.delivered())
                .add(r.deliveryPlace())
                .add(r.birthWeight())
                .add(r.visitsDue())
                .add(r.visitsDone())
                .add(r.maternalDeath())
                .add(r.infantDeath())
                .add(r.deathPlace());
    }

    @Override
    public StoredRecord storedRecord() {
        return new StoredRecord(
                "pregnancies",
                "t.kabkota_code = s.kabkota_code AND t.mother_key = s.mother_key "
                        + "AND t.last_menstrual_period = s.lmp",
                "NIK Ibu");
    }

    @Override
    public Merged merge(JdbcClient jdbc, long jobId, boolean synthetic) {
        return new Merge("pregnancies", "kabkota_code", "mother_key", "last_menstrual_period")
                .column("mother_key", "mother_key")
                .column("last_menstrual_period", "lmp")
                .column("nik_masked", "nik_masked")
                .column("mother_name", "name")
                .column("mother_birth_date", "birth_date")
                .column("estimated_due_date", "due")
                .column("gravida", "gravida")
                .column("months_since_last_birth", "spacing")
                .column("muac_cm", "muac")
                .column("anc_contacts", "anc")
                .column("risk_factors", "risks")
                .column("high_risk", "high_risk")
                .column("referral_facility_id", "referral")
                .column("delivered_on", "delivered")
                .column("delivery_place", "delivery_place")
                .column("birth_weight_g", "birth_weight")
                .column("home_visits_due", "visits_due")
                .column("home_visits_done", "visits_done")
                .column("maternal_death_on", "maternal_death")
                .column("infant_death_on", "infant_death")
                .column("death_place", "death_place")
                .run(jdbc, jobId, synthetic);
    }
}
