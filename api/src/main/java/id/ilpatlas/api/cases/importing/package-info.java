/**
 * The case importer: national export files (e-PPGBM, SITB, P3KE / DTSEN, PERMAISURI; formats in
 * {@code docs/case-formats.md}) streamed into the case registers, uploaded over REST
 * ({@link id.ilpatlas.api.cases.importing.ImportController}, {@code POST /imports/{format}}) or run by
 * {@code ./atlas import cases}.
 *
 * <p>The path of a file: {@link id.ilpatlas.api.cases.importing.ImportRunner} runs one job at a time in the
 * background; {@link id.ilpatlas.api.cases.importing.CaseImporter} reads it with
 * {@link id.ilpatlas.api.cases.importing.CaseCsvReader} one row at a time, and per batch the format
 * ({@link id.ilpatlas.api.cases.importing.RegisterFormat}: {@link id.ilpatlas.api.cases.importing.EppgbmFormat},
 * {@link id.ilpatlas.api.cases.importing.SitbFormat}, {@link id.ilpatlas.api.cases.importing.P3keFormat},
 * {@link id.ilpatlas.api.cases.importing.PermaisuriFormat}) validates each row
 * ({@link id.ilpatlas.api.cases.importing.RowProblems} names the column and the reason) and hashes NIKs
 * ({@link id.ilpatlas.api.cases.importing.ImportContext} with {@link id.ilpatlas.api.privacy.Nik}); the batch is
 * copied to a staging table ({@link id.ilpatlas.api.cases.importing.StageBuffer}), assigned to RWs (point in polygon,
 * then kelurahan + RW number, else kept unassigned), rows touching records outside the importer's scope are rejected,
 * and the rest merged by natural key ({@link id.ilpatlas.api.cases.importing.Merge}), each batch in its own
 * transaction. Jobs and problem reports: {@link id.ilpatlas.api.cases.importing.ImportJobs} (tables
 * {@code import_jobs}, {@code import_problems}, {@code import_job_coverage}). Points are EPSG:4326, read from the
 * file's Lintang (latitude, -11.5..6.5) and Bujur (longitude, 94.5..141.5) columns and staged as longitude, latitude;
 * a value outside those ranges is a row problem naming the column.
 */
package id.ilpatlas.api.cases.importing;
