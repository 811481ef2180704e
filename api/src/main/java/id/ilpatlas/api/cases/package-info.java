/**
 * The case registers as callers read them: children with their growth measurements (e-PPGBM), TB cases (SITB),
 * extreme-poverty households (P3KE / DTSEN) and pregnancies (PERMAISURI), the import jobs that filled them, and the
 * public WHO growth calculator ({@code growthAssessment}, computed by {@link id.ilpatlas.geo.growth.GrowthStandards}).
 *
 * <p>Entry points: {@link id.ilpatlas.api.cases.CaseController} (GraphQL {@code children}, {@code child},
 * {@code tbCases}, {@code povertyHouseholds}, {@code pregnancies}, {@code importJob(s)}) over
 * {@link id.ilpatlas.api.cases.CaseRepository}, whose every query filters rows by the caller's scope in SQL; the
 * records it returns are {@link id.ilpatlas.api.cases.CaseRecords}. Person-level fields go only to callers allowed by
 * {@link id.ilpatlas.api.security.AccessPolicy#mayReadPersonData}, clinical ones to health roles only, and each such
 * read is audited (docs/DESIGN.md §4). The tables ({@code children}, {@code growth_measurements}, {@code tb_cases},
 * {@code poverty_households}, {@code pregnancies}, V7) are written by {@code cases.importing} only. A case point is
 * EPSG:4326 {@code [lon, lat]}, shown to person-level readers only.
 */
package id.ilpatlas.api.cases;
