package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The migrated schema stays ready for a distributed PostgreSQL (Citus), as planned in {@code docs/scale-out.md}: every
 * table is classified as distributed by {@code kabkota_code}, a reference table (replicated to every node) or a table
 * local to the coordinator, and the catalog is checked against the rules Citus enforces:
 * <ul>
 *   <li>a distributed table has {@code kabkota_code NOT NULL}, in its primary key and in every unique constraint or
 *       unique index;</li>
 *   <li>a foreign key between two distributed tables includes {@code kabkota_code} on both sides (co-located join);</li>
 *   <li>no foreign key points from a reference table to a distributed one, nor from a distributed or reference table
 *       to a coordinator-local one.</li>
 * </ul>
 * A new table fails the test until it is classified here (and in the design note).
 */
class CitusCompatibilityTest extends IntegrationTest {

    static final Set<String> DISTRIBUTED = Set.of(
            "children",
            "growth_measurements",
            "tb_cases",
            "poverty_households",
            "pregnancies",
            "rw_indicator_summaries",
            "rw_indicator_refreshes",
            "hex_heat",
            "hex_heat_totals",
            "import_job_coverage",
            "rw_access",
            "rw_representative_points",
            "rw_responsible_puskesmas",
            "road_network_calibrations",
            "road_edges",
            "road_vertices",
            "road_network_loads",
            "target_selections",
            "target_selection_rws",
            "target_selection_transitions",
            "outreach_plans",
            "outreach_plan_routes",
            "outreach_plan_stops",
            "outreach_plan_unserved",
            "outreach_visits",
            "outreach_plan_jobs",
            "outreach_plan_selections");
    static final Set<String> REFERENCE = Set.of(
            "regions",
            "facilities",
            "facility_services",
            "facility_opening_hours",
            "facility_catchments",
            "posyandu_sessions",
            "programs",
            "program_areas",
            "program_facilities",
            "services",
            "hex_cells",
            "import_jobs",
            "spatial_ref_sys",
            "calendar_days_off",
            "pusling_units");
    static final Set<String> LOCAL =
            Set.of("audit_log", "import_problems", "flyway_schema_history", "reference_data_loads", "webhook_outbox");

    private String kind(String table) {
        return DISTRIBUTED.contains(table)
                ? "distributed"
                : REFERENCE.contains(table) ? "reference" : LOCAL.contains(table) ? "local" : "unclassified";
    }

    @Test
    void everyTableIsClassifiedAndFollowsTheDistributionRules() {
        List<String> tables = jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                         ORDER BY 1""").query(String.class).list();
        List<String> problems = new ArrayList<>();
        for (String table : tables) {
            if (kind(table).equals("unclassified")) {
                problems.add(table + ": not classified as distributed, reference or local (see docs/scale-out.md)");
            }
        }
        for (String table : DISTRIBUTED) {
            Boolean notNull = jdbc.sql("""
                            SELECT a.attnotnull FROM pg_attribute a
                             WHERE a.attrelid = CAST(:t AS regclass) AND a.attname = 'kabkota_code' AND NOT a.attisdropped""")
                    .param("t", table)
                    .query(Boolean.class)
                    .optional()
                    .orElse(null);
            if (notNull == null) {
                problems.add(table + ": distributed but has no kabkota_code");
                continue;
            }
            if (!notNull) {
                problems.add(table + ": kabkota_code may be NULL");
            }
            List<Map<String, Object>> uniques =
                    jdbc.sql("""
                            SELECT i.indexrelid::regclass::text AS name,
                                   EXISTS (SELECT 1 FROM unnest(i.indkey) k
                                            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k
                                           WHERE a.attname = 'kabkota_code') AS has_key
                              FROM pg_index i WHERE i.indrelid = CAST(:t AS regclass) AND i.indisunique""").param("t", table).query().listOfRows();
            boolean hasPrimaryKey = jdbc.sql(
                            "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = CAST(:t AS regclass) "
                                    + "AND indisprimary)")
                    .param("t", table)
                    .query(Boolean.class)
                    .single();
            if (!hasPrimaryKey) {
                problems.add(table + ": no primary key");
            }
            for (Map<String, Object> unique : uniques) {
                if (!Boolean.TRUE.equals(unique.get("has_key"))) {
                    problems.add(table + ": unique index " + unique.get("name") + " lacks kabkota_code");
                }
            }
        }
        List<Map<String, Object>> foreignKeys = jdbc.sql("""
                        SELECT c.conname, c.conrelid::regclass::text AS from_table, c.confrelid::regclass::text AS to_table,
                               (SELECT array_agg(a.attname::text ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS from_columns,
                               (SELECT array_agg(a.attname::text ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS to_columns
                          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                         WHERE c.contype = 'f' AND n.nspname = current_schema()""")
                .query((rs, i) -> Map.<String, Object>of(
                        "name",
                        rs.getString(1),
                        "from",
                        rs.getString(2),
                        "to",
                        rs.getString(3),
                        "fromColumns",
                        List.of((String[]) rs.getArray(4).getArray()),
                        "toColumns",
                        List.of((String[]) rs.getArray(5).getArray())))
                .list();
        for (Map<String, Object> fk : foreignKeys) {
            String from = kind((String) fk.get("from"));
            String to = kind((String) fk.get("to"));
            String label = fk.get("from") + " -> " + fk.get("to") + " (" + fk.get("name") + ")";
            if (from.equals("distributed") && to.equals("distributed")) {
                List<?> fromColumns = (List<?>) fk.get("fromColumns");
                List<?> toColumns = (List<?>) fk.get("toColumns");
                int i = fromColumns.indexOf("kabkota_code");
                if (i < 0 || !"kabkota_code".equals(toColumns.get(i))) {
                    problems.add(label + ": joins two distributed tables without kabkota_code = kabkota_code");
                }
            } else if (from.equals("reference") && to.equals("distributed")) {
                problems.add(label + ": a reference table cannot point at a distributed one");
            } else if (!from.equals("local") && to.equals("local")) {
                problems.add(label + ": only coordinator-local tables may point at a coordinator-local one");
            }
        }
        assertThat(problems).as("Citus rules (docs/scale-out.md)").isEmpty();
        assertThat(tables)
                .as("every classified table exists")
                .containsAll(DISTRIBUTED)
                .containsAll(REFERENCE);
    }
}
