/**
 * Measurements of the application's own work: {@link id.ilpatlas.api.diagnostics.SqlStatementCounter} counts the SQL
 * statements it prepares (metric {@code atlas.sql.statements}), so that tests prove a nested query costs a constant
 * number of statements (no N+1) and the benchmarks report statements per request. No tables, no geometry.
 */
package id.ilpatlas.api.diagnostics;
