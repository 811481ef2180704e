package id.ilpatlas.api.cases;

import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.geo.growth.GrowthAssessment;
import id.ilpatlas.geo.growth.GrowthInput;
import id.ilpatlas.geo.growth.GrowthStandards;
import id.ilpatlas.geo.growth.MeasurePosition;
import id.ilpatlas.geo.growth.Sex;
import java.time.LocalDate;
import java.util.List;

/** The case register records as the API shows them (person-level: only for callers with case access in scope). */
public final class CaseRecords {

    private CaseRecords() {}

    /** Where a record lies. */
    public record CaseAddress(
            String rwCode,
            String kelurahanCode,
            Integer rt,
            Integer rwNumber,
            String street,
            GeoJson location,
            String rwAssignment) {}

    /** A child of the growth register. */
    public record Child(
            String id,
            long internalId,
            String kabkotaCode,
            String nikMasked,
            String name,
            String sex,
            LocalDate birthDate,
            Integer birthWeightG,
            Double birthLengthCm,
            String parentName,
            String posyanduCode,
            CaseAddress address,
            boolean synthetic) {}

    /** A z-score as stored, with why it is null (computed when read, not stored). */
    public record ZScore(
            Double z, String category, boolean flagged, String unavailableReason, String unavailableMessage) {

        public ZScore(Double z, String category, boolean flagged) {
            this(z, category, flagged, null, null);
        }

        /** This z-score with the reason why it is null (a z-score that is not null stays as it is). */
        public ZScore withUnavailable(id.ilpatlas.geo.growth.ZScore<?> recomputed) {
            if (z != null) {
                return this;
            }
            id.ilpatlas.geo.growth.ZScore.Unavailable why = recomputed.unavailable();
            return why == null
                    ? new ZScore(null, null, false, "MISSING_INPUT", "not computed when the measurement was imported")
                    : new ZScore(null, null, false, why.reason().name(), why.message());
        }
    }

    /** The four z-scores of a measurement. */
    public record Assessment(
            Integer ageDays,
            ZScore lengthHeightForAge,
            ZScore weightForAge,
            ZScore weightForLengthHeight,
            ZScore bmiForAge) {

        /** Whether every z-score is present. */
        boolean complete() {
            return lengthHeightForAge.z() != null
                    && weightForAge.z() != null
                    && weightForLengthHeight.z() != null
                    && bmiForAge.z() != null;
        }
    }

    /** A growth measurement. */
    public record GrowthMeasurement(
            long childId,
            LocalDate measuredOn,
            int ageDays,
            Double weightKg,
            Double lengthHeightCm,
            String measured,
            Double muacCm,
            Double headCircumferenceCm,
            boolean oedema,
            Assessment assessment,
            String rwCode) {

        /**
         * This measurement with a reason on each null z-score: the measurement assessed again as the importer did
         * (the reasons depend on the inputs and the age only, not on the stored values).
         */
        GrowthMeasurement withUnavailableReasons(String sex) {
            if (assessment.complete()) {
                return this;
            }
            GrowthAssessment again = GrowthStandards.assess(GrowthInput.atAgeDays(
                    Sex.valueOf(sex),
                    ageDays,
                    weightKg,
                    lengthHeightCm,
                    measured == null ? null : MeasurePosition.valueOf(measured),
                    oedema));
            return new GrowthMeasurement(
                    childId,
                    measuredOn,
                    ageDays,
                    weightKg,
                    lengthHeightCm,
                    measured,
                    muacCm,
                    headCircumferenceCm,
                    oedema,
                    new Assessment(
                            assessment.ageDays(),
                            assessment.lengthHeightForAge().withUnavailable(again.lengthHeightForAge()),
                            assessment.weightForAge().withUnavailable(again.weightForAge()),
                            assessment.weightForLengthHeight().withUnavailable(again.weightForLengthHeight()),
                            assessment.bmiForAge().withUnavailable(again.bmiForAge())),
                    rwCode);
        }
    }

    /**
     * A TB case. For a caller without clinical access ({@code clinicalWithheld}) the clinical fields (diagnosis type,
     * anatomical site, treatment history, HIV status, drug sensitivity, outcome) are null and answer FORBIDDEN.
     */
    public record TbCase(
            String id,
            String registrationNumber,
            String nikMasked,
            String name,
            String sex,
            LocalDate birthDate,
            LocalDate diagnosedOn,
            String diagnosisType,
            String anatomicalSite,
            String treatmentHistory,
            String hivStatus,
            String drugSensitivity,
            LocalDate treatmentStartedOn,
            LocalDate treatmentEndedOn,
            String outcome,
            Integer contactsIdentified,
            Integer contactsInvestigated,
            String facilityCode,
            CaseAddress address,
            boolean synthetic,
            boolean clinicalWithheld) {

        /** The same case without its clinical details. */
        TbCase withoutClinicalDetails() {
            return new TbCase(
                    id,
                    registrationNumber,
                    nikMasked,
                    name,
                    sex,
                    birthDate,
                    diagnosedOn,
                    null,
                    null,
                    null,
                    null,
                    null,
                    treatmentStartedOn,
                    treatmentEndedOn,
                    null,
                    contactsIdentified,
                    contactsInvestigated,
                    facilityCode,
                    address,
                    synthetic,
                    true);
        }
    }

    /** A P3KE / DTSEN household. */
    public record PovertyHousehold(
            String id,
            String familyCardMasked,
            String headName,
            int desil,
            int householdSize,
            String source,
            LocalDate asOf,
            CaseAddress address,
            boolean synthetic) {}

    /**
     * A PERMAISURI pregnancy. For a caller without clinical access ({@code clinicalWithheld}) the risk factors (the
     * file's own may name diagnoses) are null and answer FORBIDDEN; {@code highRisk} stays (home visits need it).
     */
    public record Pregnancy(
            String id,
            String nikMasked,
            String motherName,
            LocalDate motherBirthDate,
            LocalDate lastMenstrualPeriod,
            LocalDate estimatedDueDate,
            int gravida,
            Double muacCm,
            int ancContacts,
            List<String> riskFactors,
            boolean highRisk,
            String referralFacilityCode,
            LocalDate deliveredOn,
            String deliveryPlace,
            Integer birthWeightG,
            Boolean lowBirthWeight,
            int homeVisitsDue,
            int homeVisitsDone,
            LocalDate maternalDeathOn,
            LocalDate infantDeathOn,
            String deathPlace,
            CaseAddress address,
            boolean synthetic,
            boolean clinicalWithheld) {

        /** The same pregnancy without its clinical details. */
        Pregnancy withoutClinicalDetails() {
            return new Pregnancy(
                    id,
                    nikMasked,
                    motherName,
                    motherBirthDate,
                    lastMenstrualPeriod,
                    estimatedDueDate,
                    gravida,
                    muacCm,
                    ancContacts,
                    null,
                    highRisk,
                    referralFacilityCode,
                    deliveredOn,
                    deliveryPlace,
                    birthWeightG,
                    lowBirthWeight,
                    homeVisitsDue,
                    homeVisitsDone,
                    maternalDeathOn,
                    infantDeathOn,
                    deathPlace,
                    address,
                    synthetic,
                    true);
        }
    }
}
