package id.ilpatlas.api.targeting;

import static id.ilpatlas.api.targeting.SelectionDocuments.input;
import static id.ilpatlas.api.targeting.SelectionDocuments.list;
import static id.ilpatlas.api.targeting.SelectionDocuments.mutate;
import static id.ilpatlas.api.targeting.SelectionDocuments.ok;
import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.security.DemoTokens;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.geo.testing.Slow;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * {@code targetSelections} as a Relay connection: every filter and order, walked two at a time through the cursors,
 * equals a direct SQL query of the same selections (scope by RW prefix, the order with never-submitted ones last),
 * and {@code totalCount} equals its count. The selections live in a year picked at random per run; every query is
 * bounded to that year, so that other tests' selections on the same database do not count.
 */
@Slow
class TargetSelectionListTest extends CaseTestSupport {

    private static final int YEAR = 2200 + new SecureRandom().nextInt(6000);
    private static final String T = "33.75.01.1009";
    private static final String U = "33.75.01.1012";

    private HttpGraphQlTester user(String name, Role role, List<String> regions) {
        String token = demoTokens.token(new DemoTokens.DemoUser(name, role, regions, null));
        return anonymous().mutate().headers(h -> h.setBearerAuth(token)).build();
    }

    private String day(int month, int day) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", YEAR, month, day);
    }

    private String create(HttpGraphQlTester who, String purpose, List<String> rws, String from, String to) {
        return (String) ok(mutate(
                        who,
                        "targetCreate",
                        "createTargetSelection",
                        input(
                                "purpose",
                                purpose,
                                "periodFrom",
                                from,
                                "periodTo",
                                to,
                                "rwCodes",
                                rws,
                                "reason",
                                "list test " + YEAR)))
                .get("id");
    }

    private void submit(HttpGraphQlTester who, String id) {
        ok(mutate(who, "targetSubmit", "submitTargetSelection", input("id", id, "version", 1)));
    }

    /** One whole walk: ids in page order, the totalCount of the first page, and the pages' sizes. */
    private record Walk(List<String> ids, int totalCount, List<Map<String, Object>> nodes) {}

    @SuppressWarnings("unchecked")
    private Walk walk(HttpGraphQlTester who, Map<String, Object> filter, Map<String, Object> orderBy) {
        Map<String, Object> yearFilter = new HashMap<>(filter);
        yearFilter.putIfAbsent("periodFrom", day(1, 1));
        yearFilter.putIfAbsent("periodTo", day(12, 31));
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        String after = null;
        Integer total = null;
        for (int pageNo = 0; pageNo < 50; pageNo++) {
            Map<String, Object> page = who.documentName("targetSelections")
                    .variable("filter", yearFilter)
                    .variable("orderBy", orderBy)
                    .variable("first", 2)
                    .variable("after", after)
                    .execute()
                    .path("targetSelections")
                    .entity(Map.class)
                    .get();
            Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
            assertThat(info.get("hasPreviousPage")).isEqualTo(after != null);
            total = total == null ? (Integer) page.get("totalCount") : total;
            assertThat(page.get("totalCount")).as("totalCount on every page").isEqualTo(total);
            List<Map<String, Object>> edges = list(page, "edges");
            assertThat(edges.size()).isLessThanOrEqualTo(2);
            edges.forEach(e -> {
                nodes.add((Map<String, Object>) e.get("node"));
                ids.add((String) ((Map<String, Object>) e.get("node")).get("id"));
            });
            if (!(Boolean) info.get("hasNextPage")) {
                return new Walk(ids, total, nodes);
            }
            assertThat(edges).hasSize(2);
            after = (String) info.get("endCursor");
            assertThat(after).isEqualTo(edges.get(1).get("cursor"));
        }
        throw new AssertionError("more than 50 pages");
    }

    /** The same selections by SQL: in scope (an RW under a prefix), in the year, {@code where}, in the order. */
    private List<String> direct(String scope, String where, Map<String, Object> params, String field, String dir) {
        String column = switch (field) {
            case "CREATED_AT" -> "s.created_at";
            case "SUBMITTED_AT" -> "s.submitted_at";
            default -> "s.period_from";
        };
        Map<String, Object> all = new HashMap<>(params);
        all.put("scope", scope);
        all.putIfAbsent("from", java.time.LocalDate.parse(day(1, 1)));
        all.putIfAbsent("to", java.time.LocalDate.parse(day(12, 31)));
        return jdbc.sql("SELECT s.id::text FROM target_selections s WHERE s.period_to >= :from AND s.period_from <= :to"
                        + " AND EXISTS (SELECT 1 FROM target_selection_rws r WHERE r.selection_id = s.id"
                        + " AND r.rw_code LIKE :scope || '.%')" + (where.isEmpty() ? "" : " AND " + where)
                        + " ORDER BY " + column + " " + dir + " NULLS LAST, s.id " + dir)
                .params(all)
                .query(String.class)
                .list();
    }

    @Test
    void everyFilterAndOrderWalkedThroughTheCursorsEqualsADirectQuery() {
        HttpGraphQlTester barat = user("camat-barat-list", Role.CAMAT, List.of("33.75.01"));
        HttpGraphQlTester lurah = user("lurah-list-" + T, Role.LURAH, List.of(T));
        HttpGraphQlTester utara = as("camat-utara");
        String s1 = create(barat, "PUSLING", List.of(T + ".RW001"), day(1, 1), day(1, 31));
        String s2 = create(barat, "PUSLING", List.of(T + ".RW001", T + ".RW002"), day(2, 1), day(2, 28));
        String s3 = create(barat, "GERAKAN_INTERVENSI", List.of(U + ".RW001"), day(3, 1), day(3, 31));
        String s4 = create(barat, "PUSLING", List.of(U + ".RW002"), day(3, 15), day(4, 15));
        String s5 = create(lurah, "PUSLING", List.of(T + ".RW002"), day(2, 10), day(2, 20));
        String s6 = create(lurah, "PUSLING", List.of(T + ".RW003"), day(5, 1), day(5, 31));
        String s7 = create(graphQl, "GERAKAN_INTERVENSI", List.of("33.75.03.1002.RW001"), day(3, 1), day(3, 31));
        String s8 = create(utara, "PUSLING", List.of("33.75.03.1002.RW002"), day(6, 1), day(6, 30));
        // Submitted in an order unlike creation: s5, s3, s2, s7, s4.
        submit(lurah, s5);
        submit(barat, s3);
        submit(barat, s2);
        submit(graphQl, s7);
        submit(barat, s4);
        ok(mutate(
                as("puskesmas-tirto"),
                "targetReview",
                "reviewTargetSelection",
                input("id", s4, "version", 2, "decision", "APPROVE", "note", "ok")));
        List<String> ours = List.of(s1, s2, s3, s4, s5, s6, s7, s8);

        record Case(String name, Map<String, Object> filter, String where, Map<String, Object> params) {}
        List<Case> cases = List.of(
                new Case("no filter", Map.of(), "", Map.of()),
                new Case(
                        "states",
                        Map.of("states", List.of("SUBMITTED", "APPROVED")),
                        "s.state IN ('SUBMITTED', 'APPROVED')",
                        Map.of()),
                new Case(
                        "purpose",
                        Map.of("purpose", "GERAKAN_INTERVENSI"),
                        "s.purpose = 'GERAKAN_INTERVENSI'",
                        Map.of()),
                new Case(
                        "createdBy",
                        Map.of("createdBy", "camat-barat-list"),
                        "s.created_by = 'camat-barat-list'",
                        Map.of()),
                new Case(
                        "regionCode",
                        Map.of("regionCode", U),
                        "EXISTS (SELECT 1 FROM target_selection_rws q "
                                + "WHERE q.selection_id = s.id AND q.rw_code LIKE '" + U + ".%')",
                        Map.of()),
                new Case(
                        "period March",
                        Map.of("periodFrom", day(3, 1), "periodTo", day(3, 31)),
                        "",
                        Map.of(
                                "from",
                                java.time.LocalDate.parse(day(3, 1)),
                                "to",
                                java.time.LocalDate.parse(day(3, 31)))),
                new Case(
                        "needsMyReview (dinkes)",
                        Map.of("needsMyReview", true),
                        "s.state = 'SUBMITTED' AND s.created_by <> 'dinkes'",
                        Map.of()));
        List<Map<String, Object>> orders = new ArrayList<>();
        for (String field : List.of("CREATED_AT", "SUBMITTED_AT", "PERIOD_FROM")) {
            for (String dir : List.of("ASC", "DESC")) {
                orders.add(Map.of("field", field, "direction", dir));
            }
        }
        Map<String, HttpGraphQlTester> callers = new LinkedHashMap<>();
        callers.put("33.75", graphQl);
        callers.put("33.75.01", barat);
        callers.put("33.75.03", utara);
        for (Map.Entry<String, HttpGraphQlTester> caller : callers.entrySet()) {
            for (Case c : cases) {
                if (c.name().startsWith("needsMyReview") && !caller.getKey().equals("33.75")) {
                    continue;
                }
                for (Map<String, Object> order : orders) {
                    String as = caller.getKey() + " / " + c.name() + " / " + order;
                    Walk walk = walk(caller.getValue(), c.filter(), order);
                    List<String> expected =
                            direct(caller.getKey(), c.where(), c.params(), (String) order.get("field"), (String)
                                    order.get("direction"));
                    assertThat(walk.ids()).as(as).containsExactlyElementsOf(expected);
                    assertThat(walk.totalCount()).as(as).isEqualTo(expected.size());
                }
            }
        }
        // The selections of this test are where they belong (the direct query could be wrong in the same way).
        assertThat(walk(graphQl, Map.of(), orders.get(0)).ids()).containsExactlyElementsOf(ours);
        assertThat(walk(barat, Map.of(), orders.get(0)).ids()).containsExactly(s1, s2, s3, s4, s5, s6);
        assertThat(walk(utara, Map.of(), orders.get(0)).ids()).containsExactly(s7, s8);
        assertThat(walk(graphQl, Map.of(), Map.of("field", "SUBMITTED_AT", "direction", "ASC"))
                        .ids())
                .containsExactly(s5, s3, s2, s7, s4, s1, s6, s8);
        assertThat(walk(graphQl, Map.of("needsMyReview", true), orders.get(0)).ids())
                .containsExactly(s2, s3, s5);

        // hasConflicts equals "conflicts is not empty" of the unfiltered list: s2 and s5 share RW 002 in February.
        Walk all = walk(graphQl, Map.of(), orders.get(0));
        List<String> conflicted = all.nodes().stream()
                .filter(n -> !list(n, "conflicts").isEmpty())
                .map(n -> (String) n.get("id"))
                .toList();
        assertThat(conflicted).containsExactly(s2, s5);
        assertThat(walk(graphQl, Map.of("hasConflicts", true), orders.get(0)).ids())
                .isEqualTo(conflicted);
        assertThat(walk(graphQl, Map.of("hasConflicts", false), orders.get(0)).ids())
                .containsExactlyElementsOf(
                        ours.stream().filter(id -> !conflicted.contains(id)).toList());

        // A cursor of another order, a page size out of range, an inverted period: BAD_REQUEST naming the argument.
        String cursor = graphQl.documentName("targetSelections")
                .variable("first", 1)
                .execute()
                .path("targetSelections.pageInfo.endCursor")
                .entity(String.class)
                .get();
        assertThat(classifications(run(
                        graphQl,
                        "targetSelections",
                        Map.of("after", cursor, "orderBy", Map.of("field", "PERIOD_FROM", "direction", "ASC")))))
                .containsExactly("BAD_REQUEST");
        assertThat(classifications(run(graphQl, "targetSelections", Map.of("first", 0))))
                .containsExactly("BAD_REQUEST");
        assertThat(classifications(run(
                        graphQl,
                        "targetSelections",
                        Map.of("filter", Map.of("periodFrom", day(3, 1), "periodTo", day(2, 1))))))
                .containsExactly("BAD_REQUEST");
    }
}
