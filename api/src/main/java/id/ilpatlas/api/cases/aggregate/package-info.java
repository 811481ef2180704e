/**
 * Case counts as the public may see them, the one home of their publication for every channel: GraphQL
 * {@code caseCounts} and {@code smallCellThreshold} ({@link id.ilpatlas.api.cases.aggregate.CaseCountController}),
 * and through {@link id.ilpatlas.api.cases.aggregate.CaseCounts} the per-RW indicators, the vector tiles, the exports
 * and the KIA-gizi review.
 *
 * <p>Each public count has one definition ({@link id.ilpatlas.api.cases.aggregate.CaseIndicator}, its SQL in
 * {@code api/src/main/resources/sql/case-counts/}); related counts are published together on one suppression pattern
 * ({@link id.ilpatlas.api.cases.aggregate.CountFamily}) on one lattice of areas (RW → kelurahan → kecamatan →
 * kab/kota) × calendar periods (month → quarter → year), so that holding every channel at once reveals no count below
 * the threshold. The suppression itself is {@link id.ilpatlas.geo.privacy.SmallCellSuppression}. A null count says
 * why ({@link id.ilpatlas.api.cases.aggregate.MissingReason}); how completely a register's imports cover a period is
 * {@link id.ilpatlas.api.cases.aggregate.RegisterCoverage}. No geometry here: areas are region codes.
 */
package id.ilpatlas.api.cases.aggregate;
