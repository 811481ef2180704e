/**
 * WHO Child Growth Standards z-scores for children under five, computed like the WHO Anthro
 * software, with the nutritional-status categories of Peraturan Menteri Kesehatan RI Nomor 2 Tahun
 * 2020 tentang Standar Antropometri Anak.
 *
 * <p>Entry point: {@link id.ilpatlas.geo.growth.GrowthStandards#assess(GrowthInput)} turns a {@link
 * id.ilpatlas.geo.growth.GrowthInput} (sex, age, weight, length/height and how it was measured,
 * oedema) into a {@link id.ilpatlas.geo.growth.GrowthAssessment} with length/height-for-age,
 * weight-for-age, weight-for-length/height, BMI-for-age and head-circumference-for-age {@link
 * id.ilpatlas.geo.growth.ZScore}s. The per-index methods of {@code GrowthStandards} take the age in
 * days and an already converted measurement.
 *
 * <p>Units: weight in kg, lengths in cm, BMI in kg/m², age in whole days (a month is 30.4375 days).
 * The LMS tables (WHO MGRS 2006, from the WHO {@code anthro} R package) are bundled unmodified
 * under {@code id/ilpatlas/geo/growth/who/}; see the SOURCE.md there.
 */
package id.ilpatlas.geo.growth;
