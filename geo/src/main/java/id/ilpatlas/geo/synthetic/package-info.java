/**
 * The synthetic data of the demo: nothing in the rest of {@code geo} uses this package (ModularityTest in api).
 *
 * <p>Synthetic RW (<em>rukun warga</em>) polygons ({@link id.ilpatlas.geo.synthetic.SyntheticRwGenerator}): no public
 * RW boundaries exist, so RWs are generated deterministically inside each real kelurahan/desa polygon: seeded random
 * points, Lloyd-relaxed Voronoi cells clipped to the kelurahan, and populations apportioned so they sum exactly to the
 * kelurahan's.
 *
 * <p>Seeded synthetic case data (child growth, TB, extreme poverty, mothers) written in the national export
 * formats of {@code docs/case-formats.md}, calibrated to the published figures for Kota Pekalongan (docs/DESIGN.md
 * §5) and clustered in space by one RW burden field. Entry point: {@link
 * id.ilpatlas.geo.synthetic.SyntheticCases}. Every file and summary says {@code synthetic}; none of these
 * people exist.
 *
 * <p>Generation streams to a {@link java.io.Writer}: rows are formatted and written one by one, never collected,
 * so a million-row e-PPGBM file costs no more memory than a small one.
 *
 * <p>Coordinate convention: geometries are EPSG:4326 with coordinates ordered {@code [lon, lat]} (x = longitude,
 * y = latitude); the files carry them as {@code Lintang} (latitude) and {@code Bujur} (longitude), six decimals,
 * comma decimal separator.
 */
package id.ilpatlas.geo.synthetic;
