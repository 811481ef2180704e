package id.ilpatlas.api.cases.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The insert-or-update of one register table from the staging table, built from a column list so that the insert,
 * the update and the "has anything changed" test can never disagree. The address columns every register shares
 * are added here.
 */
final class Merge {

    private final String table;
    private final List<String> conflictColumns;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private String newerThan;

    Merge(String table, String... conflictColumns) {
        this.table = table;
        this.conflictColumns = List.of(conflictColumns);
        column("kabkota_code", "kabkota_code");
        column("kelurahan_code", "kelurahan_code");
        column("rt", "rt");
        column("rw_number", "rw_number");
        column("rw_code", "rw_code");
        column("address", "address");
        column("location", "CASE WHEN lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END");
        column("rw_assignment", "rw_assignment");
        column("synthetic", ":synthetic");
    }

    /** A register column and the staging expression that fills it. */
    Merge column(String target, String stageExpression) {
        columns.put(target, stageExpression);
        return this;
    }

    /** Only a row at least as new (by this column) replaces the stored one. */
    Merge newerBy(String column) {
        this.newerThan = column;
        return this;
    }

    RegisterFormat.Merged run(JdbcClient jdbc, long jobId, boolean synthetic) {
        List<String> compared = new ArrayList<>(columns.keySet());
        compared.removeAll(conflictColumns);
        String sql = "INSERT INTO " + table + " AS t (" + String.join(", ", columns.keySet()) + ", import_job_id)\n"
                + "SELECT " + String.join(", ", columns.values()) + ", :job FROM stage\n"
                + "ON CONFLICT (" + String.join(", ", conflictColumns) + ") DO UPDATE SET "
                + compared.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "))
                + ", import_job_id = excluded.import_job_id, updated_at = now()\n"
                + " WHERE (" + compared.stream().map(c -> "t." + c).collect(Collectors.joining(", ")) + ")"
                + " IS DISTINCT FROM ("
                + compared.stream().map(c -> "excluded." + c).collect(Collectors.joining(", "))
                + ")" + (newerThan == null ? "" : " AND excluded." + newerThan + " >= t." + newerThan)
                + "\nRETURNING xmax = 0";
        List<Boolean> result = jdbc.sql(sql)
                .param("synthetic", synthetic)
                .param("job", jobId)
                .query(Boolean.class)
                .list();
        int inserted = (int) result.stream().filter(Boolean::booleanValue).count();
        return new RegisterFormat.Merged(inserted, result.size() - inserted);
    }
}
