package id.ilpatlas.api.targeting;

import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.region.RegionCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reads of target selections: one by id, a filtered and ordered keyset page of those with an RW in the caller's
 * scope (the reviewer's queue is the same page with {@code needsMyReview}), conflicts, history, audit snapshots.
 */
@Component
public class TargetSelectionQueries {

    /** The filter of {@code targetSelections} (GraphQL input {@code TargetSelectionFilter}); null fields: no condition. */
    public record Filter(
            List<String> states,
            String purpose,
            String regionCode,
            String createdBy,
            LocalDate periodFrom,
            LocalDate periodTo,
            Boolean needsMyReview,
            Boolean hasConflicts) {
        static final Filter NONE = new Filter(null, null, null, null, null, null, null, null);
    }

    /** The order of {@code targetSelections} (GraphQL input {@code TargetSelectionOrder}). */
    public record Order(String field, String direction) {
        static final Order DEFAULT = new Order("CREATED_AT", "DESC");
        static final Set<String> FIELDS = Set.of("CREATED_AT", "SUBMITTED_AT", "PERIOD_FROM");

        public Order {
            field = field == null ? "CREATED_AT" : field;
            direction = direction == null ? "DESC" : direction;
        }

        boolean descending() {
            return direction.equals("DESC");
        }

        /** The cursor kind: a cursor of one order is refused by another. */
        String cursorKind() {
            return "targetSelection." + field + "." + direction;
        }

        /**
         * A bigint that orders like the field, never null: microseconds since the epoch, or days for PERIOD_FROM; a
         * selection never submitted comes last in both directions.
         */
        String sortKey() {
            return switch (field) {
                case "CREATED_AT" -> "CAST(extract(epoch FROM s.created_at) * 1000000 AS bigint)";
                case "SUBMITTED_AT" ->
                    "CAST(coalesce(extract(epoch FROM s.submitted_at) * 1000000, "
                            + (descending() ? Long.MIN_VALUE : Long.MAX_VALUE) + ") AS bigint)";
                case "PERIOD_FROM" -> "CAST(s.period_from - DATE '1970-01-01' AS bigint)";
                default -> throw new InvalidArgumentException("orderBy.field", "unknown order field " + field);
            };
        }
    }

    /** One row of a page with its keyset position. */
    record Ranked(TargetSelection selection, long sortKey) {
        String cursorKey() {
            return sortKey + "/" + selection.id();
        }
    }

    static final String TIME = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

    static final String COLUMNS = """
            s.id, s.kabkota_code, s.purpose, s.period_from, s.period_to, s.state, s.reason, s.created_by,
            s.created_role, s.created_facility,
            to_char(s.created_at AT TIME ZONE 'UTC', %1$s) AS created_text,
            to_char(s.submitted_at AT TIME ZONE 'UTC', %1$s) AS submitted_text,
            s.reviewed_by,
            to_char(s.reviewed_at AT TIME ZONE 'UTC', %1$s) AS reviewed_text,
            s.review_note, s.version,
            ARRAY(SELECT r.rw_code FROM target_selection_rws r
                   WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id
                   ORDER BY r.position) AS rws""".formatted(TIME);

    static final String SELECT = "SELECT " + COLUMNS + " FROM target_selections s";

    private final JdbcClient jdbc;

    TargetSelectionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TargetSelection> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = :id")
                .param("id", id)
                .query(TargetSelectionQueries::row)
                .optional();
    }

    /** The selection of an id as given by a client; empty for none and for an id that is no number. */
    Optional<TargetSelection> load(String id) {
        try {
            return id == null ? Optional.empty() : find(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static TargetSelection row(ResultSet rs, int n) throws SQLException {
        return new TargetSelection(
                String.valueOf(rs.getLong("id")),
                rs.getString("kabkota_code"),
                rs.getString("purpose"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class),
                TargetSelectionState.valueOf(rs.getString("state")),
                List.of((String[]) rs.getArray("rws").getArray()),
                rs.getString("reason"),
                rs.getString("created_by"),
                rs.getString("created_role"),
                rs.getString("created_facility"),
                rs.getString("created_text"),
                rs.getString("submitted_text"),
                rs.getString("reviewed_by"),
                rs.getString("reviewed_text"),
                rs.getString("review_note"),
                rs.getInt("version"));
    }

    // ------------------------------------------------------------------------------------------------ the list

    /** The conditions of a filter for a caller, with their parameters. */
    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(Caller caller, Filter f) {
        Filter filter = f == null ? Filter.NONE : f;
        List<String> and = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scope", caller.scope().toArray(String[]::new));
        // Scope: an RW of the selection inside the caller's scope (and inside regionCode when given).
        String region = null;
        if (filter.regionCode() != null) {
            if (!RegionCode.isValid(filter.regionCode())) {
                throw new InvalidArgumentException("filter.regionCode", "not a region code: " + filter.regionCode());
            }
            region = RegionCode.parse(filter.regionCode()).dotted();
        }
        params.put("region", region);
        and.add("""
                EXISTS (SELECT 1 FROM target_selection_rws r
                         WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id
                           AND (CAST(:region AS text) IS NULL OR r.rw_code = :region OR r.rw_code LIKE :region || '.%')
                           AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                                        WHERE r.rw_code = sc OR r.rw_code LIKE sc || '.%'))""");
        if (filter.states() != null) {
            and.add("s.state = ANY (CAST(:states AS text[]))");
            params.put("states", filter.states().toArray(String[]::new));
        }
        if (filter.purpose() != null) {
            and.add("s.purpose = :purpose");
            params.put("purpose", filter.purpose());
        }
        if (filter.createdBy() != null) {
            and.add("s.created_by = :createdBy");
            params.put("createdBy", filter.createdBy());
        }
        if (filter.periodFrom() != null
                && filter.periodTo() != null
                && filter.periodTo().isBefore(filter.periodFrom())) {
            throw new InvalidArgumentException("filter.periodTo", "must be on or after filter.periodFrom");
        }
        if (filter.periodFrom() != null) {
            and.add("s.period_to >= :periodFrom");
            params.put("periodFrom", filter.periodFrom());
        }
        if (filter.periodTo() != null) {
            and.add("s.period_from <= :periodTo");
            params.put("periodTo", filter.periodTo());
        }
        if (Boolean.TRUE.equals(filter.needsMyReview())) {
            and.add(reviewableBy(caller, params));
        }
        if (filter.hasConflicts() != null) {
            and.add((filter.hasConflicts() ? "" : "NOT ") + """
                    EXISTS (SELECT 1 FROM target_selection_rws mine
                              JOIN target_selection_rws r ON r.kabkota_code = mine.kabkota_code
                                                         AND r.rw_code = mine.rw_code AND r.selection_id <> s.id
                              JOIN target_selections o ON o.kabkota_code = r.kabkota_code AND o.id = r.selection_id
                             WHERE mine.kabkota_code = s.kabkota_code AND mine.selection_id = s.id
                               AND o.purpose = s.purpose AND o.state IN ('SUBMITTED', 'APPROVED')
                               AND o.period_from <= s.period_to AND o.period_to >= s.period_from)""");
        }
        return new Where(" WHERE " + String.join("\n AND ", and), params);
    }

    /**
     * SUBMITTED selections the caller may review and did not propose ({@link TargetSelectionRules#mayReview} and
     * {@link TargetSelectionRules#proposedBy} in SQL).
     */
    private static String reviewableBy(Caller caller, Map<String, Object> params) {
        params.put("me", caller.actor());
        params.put("myFacility", caller.facilityId());
        String notMine = "s.state = 'SUBMITTED' AND s.created_by <> :me AND (s.created_facility IS NULL"
                + " OR CAST(:myFacility AS text) IS NULL OR s.created_facility <> :myFacility)";
        if (caller.role() == Role.DINKES_ADMIN) {
            return notMine + """
                     AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                                  WHERE s.kabkota_code = sc OR s.kabkota_code LIKE sc || '.%')""";
        }
        if (caller.role() == Role.PUSKESMAS_STAFF) {
            return notMine + """
                     AND NOT EXISTS (SELECT 1 FROM target_selection_rws r
                                      WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id
                                        AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                                                         WHERE r.rw_code = sc OR r.rw_code LIKE sc || '.%'))""";
        }
        return "false";
    }

    /** A page of the selections the filter gives, in the order, with the total count when {@code counted}. */
    Connection<TargetSelection> page(Caller caller, Filter filter, Order order, PageRequest page, boolean counted) {
        Integer total = counted ? count(caller, filter) : null;
        Connection<Ranked> ranked = Connection.of(rows(caller, filter, order, page), page, Ranked::cursorKey, total);
        return new Connection<>(
                ranked.edges().stream()
                        .map(e -> new Connection.Edge<>(e.cursor(), e.node().selection()))
                        .toList(),
                ranked.pageInfo(),
                ranked.totalCount());
    }

    /** The rows of a page in the order, {@code page.first() + 1} at most (the extra one tells a next page exists). */
    private List<Ranked> rows(Caller caller, Filter filter, Order order, PageRequest page) {
        Where where = where(caller, filter);
        String key = order.sortKey();
        String dir = order.descending() ? "DESC" : "ASC";
        String after = "";
        Long afterKey = null;
        Long afterId = null;
        if (page.afterKey() != null) {
            String[] parts = page.afterKey().split("/", 2);
            try {
                afterKey = Long.parseLong(parts[0]);
                afterId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidArgumentException("after", "not a cursor returned by this connection");
            }
            after = "\n AND (" + key + ", s.id) " + (order.descending() ? "<" : ">") + " (:afterKey, :afterId)";
        }
        return jdbc.sql("SELECT " + COLUMNS + ", " + key + " AS sort_key FROM target_selections s" + where.sql() + after
                        + "\n ORDER BY sort_key " + dir + ", s.id " + dir + " LIMIT :limit")
                .params(where.params())
                .param("afterKey", afterKey)
                .param("afterId", afterId)
                .param("limit", page.limitWithLookahead())
                .query((rs, n) -> new Ranked(row(rs, n), rs.getLong("sort_key")))
                .list();
    }

    /** The number of selections the filter matches, over all pages. */
    int count(Caller caller, Filter filter) {
        Where where = where(caller, filter);
        return jdbc.sql("SELECT count(*) FROM target_selections s" + where.sql())
                .params(where.params())
                .query(Integer.class)
                .single();
    }

    static Order order(Order given) {
        Order order = given == null ? Order.DEFAULT : given;
        if (!Order.FIELDS.contains(order.field())) {
            throw new InvalidArgumentException("orderBy.field", "unknown order field " + order.field());
        }
        if (!order.direction().equals("ASC") && !order.direction().equals("DESC")) {
            throw new InvalidArgumentException("orderBy.direction", "ASC or DESC, not " + order.direction());
        }
        return order;
    }

    // ------------------------------------------------------------------------------------------------ details

    /**
     * Other live selections sharing an RW, the purpose and part of the period of this one: SUBMITTED or APPROVED
     * only (a DRAFT is its creator's work in progress, a REJECTED or WITHDRAWN one is over).
     */
    List<TargetSelection.Conflict> conflicts(TargetSelection s) {
        return jdbc.sql("""
                        SELECT o.id, o.state, r.rw_code, o.period_from, o.period_to, o.created_by
                          FROM target_selections o
                          JOIN target_selection_rws r ON r.kabkota_code = o.kabkota_code AND r.selection_id = o.id
                         WHERE o.kabkota_code = :k AND o.id <> :id AND o.purpose = :p
                           AND o.state IN ('SUBMITTED', 'APPROVED')
                           AND o.period_from <= :to AND o.period_to >= :from
                           AND r.rw_code = ANY (CAST(:rws AS text[]))
                         ORDER BY r.rw_code, o.id""")
                .param("k", s.kabkotaCode())
                .param("id", Long.parseLong(s.id()))
                .param("p", s.purpose())
                .param("from", s.periodFrom())
                .param("to", s.periodTo())
                .param("rws", s.rwCodes().toArray(String[]::new))
                .query((rs, n) -> new TargetSelection.Conflict(
                        String.valueOf(rs.getLong(1)),
                        TargetSelectionState.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6)))
                .list();
    }

    /** The steps of each selection, oldest first, in one statement for the whole batch. */
    Map<TargetSelection, List<TargetSelection.Transition>> history(List<TargetSelection> batch) {
        Map<String, List<TargetSelection.Transition>> byId = new LinkedHashMap<>();
        batch.forEach(s -> byId.put(s.id(), new ArrayList<>()));
        jdbc.sql("""
                        SELECT t.selection_id, t.action, t.from_state, t.to_state, t.actor, t.actor_role, t.note,
                               t.changed_fields, to_char(t.at AT TIME ZONE 'UTC', %s) AS at_text, t.version,
                               t.backfilled
                          FROM unnest(CAST(:k AS text[]), CAST(:ids AS bigint[])) AS w(k, id)
                          JOIN target_selection_transitions t ON t.kabkota_code = w.k AND t.selection_id = w.id
                         ORDER BY t.selection_id, t.id""".formatted(TIME))
                .param("k", batch.stream().map(TargetSelection::kabkotaCode).toArray(String[]::new))
                .param("ids", batch.stream().map(s -> Long.parseLong(s.id())).toArray(Long[]::new))
                .query((rs, n) -> {
                    String id = String.valueOf(rs.getLong("selection_id"));
                    byId.get(id)
                            .add(new TargetSelection.Transition(
                                    id,
                                    rs.getString("action"),
                                    rs.getString("from_state"),
                                    rs.getString("to_state"),
                                    rs.getString("actor"),
                                    rs.getString("actor_role"),
                                    rs.getString("note"),
                                    List.of((String[])
                                            rs.getArray("changed_fields").getArray()),
                                    rs.getString("at_text"),
                                    rs.getInt("version"),
                                    rs.getBoolean("backfilled")));
                    return id;
                })
                .list();
        Map<TargetSelection, List<TargetSelection.Transition>> result = new LinkedHashMap<>();
        batch.forEach(s -> result.put(s, byId.get(s.id())));
        return result;
    }

    /** The selection with its RWs as JSON text for the audit log. */
    String snapshot(long id) {
        return jdbc.sql("""
                        SELECT jsonb_build_object('id', s.id, 'kabkotaCode', s.kabkota_code, 'purpose', s.purpose,
                                   'periodFrom', s.period_from, 'periodTo', s.period_to, 'state', s.state,
                                   'reason', s.reason, 'createdBy', s.created_by, 'createdRole', s.created_role,
                                   'reviewedBy', s.reviewed_by, 'reviewNote', s.review_note, 'version', s.version,
                                   'rwCodes', (SELECT jsonb_agg(r.rw_code ORDER BY r.position) FROM target_selection_rws r
                                                WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id))::text
                          FROM target_selections s WHERE s.id = :id""").param("id", id).query(String.class).single();
    }
}
