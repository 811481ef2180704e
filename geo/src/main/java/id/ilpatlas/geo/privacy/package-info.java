/**
 * Small-cell suppression of aggregate case counts (stunting, TB, extreme poverty, ...) for callers who
 * may only see aggregates, with protection against recovering a suppressed count by differencing.
 *
 * <p>A publication lattice has two axes, each a {@link id.ilpatlas.geo.privacy.Hierarchy}: areas
 * (kab/kota → kecamatan → kelurahan/desa → RW, plus one "unassigned" leaf per kelurahan for cases
 * without RW) and periods (year → quarter → month). Aggregate-only callers can ask for the cells of
 * that lattice and nothing else. Typical use, for one kab/kota, one year and one indicator:
 *
 * <pre>{@code
 * Hierarchy areas = Hierarchies.areas(RegionCode.parse("33.75"), allRwsOfTheKota);
 * Hierarchy periods = Hierarchies.periods(2025);
 * CellTable.Builder counts = CellTable.builder(areas, periods);
 * for (Case c : cases) {
 *   counts.addCase(c.rwOrKelurahan(), YearMonth.from(c.date()));   // leaf: RW × month
 * }
 * SuppressionResult result = new SmallCellSuppression().apply(counts.build());
 * CellOutcome cell = result.cell("33.75.01", "2025-Q2");   // count, or suppressed
 * }</pre>
 *
 * <p>Users who see part of the cases exactly (lurah, camat, puskesmas, kader) also see the public
 * table; pass their scopes so that they cannot combine the two:
 *
 * <pre>{@code
 * List<InsiderScope> insiders = List.of(InsiderScope.of("33.75.01.1002"),             // a lurah
 *     InsiderScope.of("33.75.01.1002.RW003", "33.75.01.1002.RW004"));                   // a kader
 * SuppressionResult result = new SmallCellSuppression(5, insiders).apply(counts.build());
 * }</pre>
 *
 * <p>Rules and guarantees are described on {@link id.ilpatlas.geo.privacy.SmallCellSuppression}.
 * Everything here is plain Java with no I/O; results are deterministic.
 */
package id.ilpatlas.geo.privacy;
