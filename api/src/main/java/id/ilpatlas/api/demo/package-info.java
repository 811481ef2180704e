/**
 * The Kota Pekalongan demo and reference data: the bundled boundaries, puskesmas, roads and service catalogue
 * ({@link id.ilpatlas.api.demo.PekalonganReferenceData}), the synthetic RWs, the demo registry network and Pusling
 * units, and the synthetic case files loaded through the importer ({@link id.ilpatlas.api.demo.SyntheticCaseData}).
 * Its start-up loaders run only when {@code atlas.reference-data.load-on-start} / {@code atlas.cases.demo.load-on-start}
 * are true (the {@code demo} profile); the product's packages never name this one (ModularityTest), only the
 * {@code ./atlas} commands do.
 */
package id.ilpatlas.api.demo;
