package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Seeded random attempts to write outside one's scope. The puskesmas staff of Tirto, a kader of a posyandu in Tirto's
 * wilayah kerja, the lurah of Medono and the camat of Pekalongan Utara try every registry mutation on random
 * facilities (the staff only on facilities outside their wilayah kerja; the others on any, since their roles may
 * not write at all), create facilities in random kelurahan outside their scope, move one of their own facilities
 * into another kelurahan, stretch the catchment of one of their own facilities over kelurahan or RWs outside their
 * scope, and read the audit log. Every attempt is sent with the facility's current version and otherwise valid
 * input, so that only the access rules can stop it.
 *
 * <p>A leak is a response that is not a FORBIDDEN error with null data, or any change of the registry tables
 * (fingerprint of every facility row and dependent row). A leaked change is repaired at once from a snapshot, so
 * that one leak does not cascade, and everything is restored at the end.
 */
@Slow
class ScopeEscapeRandomizedTest extends AccessBaseTest {

    static final long SEED = 20_260_514L;
    static final int ATTEMPTS = 500;
    static final String MARK = "ESC" + RUN;
    static final List<String> ATTACKERS = List.of("puskesmas-tirto", KADER, "lurah-medono", "camat-utara");
    static final List<String> KINDS = List.of(
            "updateFacility",
            "setFacilityServices",
            "setPosyanduSchedule",
            "deactivateFacility",
            "createFacility",
            "moveOwnFacility",
            "widenOwnCatchment",
            "auditLog");

    private record Target(String code, String type, String kelurahan) {}

    private RegistrySnapshot snapshot;
    private List<Target> all;
    private List<String> kelurahan;
    private List<String> rws;
    private final Map<String, Map<String, Object>> points = new LinkedHashMap<>();

    @BeforeEach
    void readTheRegistry() {
        snapshot = snapshotRegistry();
        all = jdbc.sql("SELECT code, type, kelurahan_code FROM facilities ORDER BY code")
                .query((rs, n) -> new Target(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        kelurahan = jdbc.sql("SELECT code FROM regions WHERE level = 'KELURAHAN' ORDER BY code")
                .query(String.class)
                .list();
        rws = jdbc.sql("SELECT code FROM regions WHERE level = 'RW' ORDER BY code")
                .query(String.class)
                .list();
        for (String k : kelurahan) {
            points.put(k, pointIn(k));
        }
    }

    @AfterEach
    void restore() {
        restoreRegistry(snapshot);
        deleteFacilities(MARK);
        assertThat(snapshotRegistry().equals(snapshot))
                .as("the registry is as it was before the test")
                .isTrue();
    }

    @Test
    void noRoleWritesOutsideItsScope() {
        Random random = new Random(SEED);
        Map<String, HttpGraphQlTester> testers = new LinkedHashMap<>();
        for (String attacker : ATTACKERS) {
            testers.put(attacker, as(attacker));
        }
        Map<String, int[]> tally = new TreeMap<>(); // attacker / kind -> {attempts, leaks}
        List<String> leaks = new ArrayList<>();
        String fingerprint = registryFingerprint();

        for (int i = 0; i < ATTEMPTS; i++) {
            String attacker = ATTACKERS.get(random.nextInt(ATTACKERS.size()));
            String kind = KINDS.get(random.nextInt(KINDS.size()));
            Attempt attempt = attempt(i, attacker, kind, random);
            GraphQlResponse response = run(testers.get(attacker), attempt.document(), attempt.variables());

            String now = registryFingerprint();
            boolean forbidden = isForbidden(response) && response.getData() == null;
            boolean changed = !now.equals(fingerprint);
            int[] counts = tally.computeIfAbsent(attacker + " / " + kind, k -> new int[2]);
            counts[0]++;
            if (!forbidden || changed) {
                counts[1]++;
                leaks.add(String.format(
                        "seed %d attempt %d: %s %s %s -> %s%s",
                        SEED,
                        i,
                        attacker,
                        kind,
                        attempt.summary(),
                        forbidden ? "FORBIDDEN" : "errors " + response.getErrors() + " data " + response.getData(),
                        changed ? " and the registry CHANGED (repaired)" : ""));
                if (changed) {
                    restoreRegistry(snapshot);
                    deleteFacilities(MARK);
                    fingerprint = registryFingerprint();
                }
            }
        }

        StringBuilder report = new StringBuilder(
                String.format("Scope escape, seed %d: %d attempts, %d leaks%n", SEED, ATTEMPTS, leaks.size()));
        tally.forEach((key, c) -> report.append(String.format("  %-48s attempts %3d  leaks %3d%n", key, c[0], c[1])));
        leaks.stream().limit(15).forEach(l -> report.append("  LEAK ").append(l).append('\n'));
        System.out.println(report);
        assertThat(leaks).as(report.toString()).isEmpty();
    }

    private record Attempt(String document, Map<String, Object> variables, String summary) {}

    private Attempt attempt(int i, String attacker, String kind, Random random) {
        boolean staff = attacker.equals("puskesmas-tirto");
        // the staff's targets lie outside the wilayah kerja; the other roles may not write anywhere
        List<Target> foreign =
                staff ? all.stream().filter(t -> !inTirto(t.kelurahan())).toList() : all;
        List<Target> own =
                staff ? all.stream().filter(t -> inTirto(t.kelurahan())).toList() : all;
        List<String> foreignKelurahan =
                staff ? kelurahan.stream().filter(k -> !inTirto(k)).toList() : kelurahan;
        Map<String, Object> input = new LinkedHashMap<>();
        switch (kind) {
            case "updateFacility" -> {
                Target t = pick(foreign, random);
                input.putAll(Map.of("id", t.code(), "version", versionOf(t.code()), "name", "Dibajak " + i));
                return new Attempt("accessUpdate", Map.of("input", input), t.code());
            }
            case "setFacilityServices" -> {
                Target t = pick(foreign, random);
                input.putAll(Map.of(
                        "id", t.code(), "version", versionOf(t.code()), "serviceKeys", List.of("IMUNISASI_RUTIN")));
                return new Attempt("accessSetServices", Map.of("input", input), t.code());
            }
            case "setPosyanduSchedule" -> {
                Target t = pick(
                        foreign.stream()
                                .filter(f -> f.type().equals("POSYANDU"))
                                .toList(),
                        random);
                input.putAll(Map.of(
                        "id",
                        t.code(),
                        "version",
                        versionOf(t.code()),
                        "sessions",
                        List.of(Map.of(
                                "weekOfMonth",
                                "SECOND",
                                "dayOfWeek",
                                "TUESDAY",
                                "startTime",
                                "08:00",
                                "endTime",
                                "11:00"))));
                return new Attempt("accessSetSchedule", Map.of("input", input), t.code());
            }
            case "deactivateFacility" -> {
                Target t = pick(foreign, random);
                input.putAll(Map.of("id", t.code(), "version", versionOf(t.code()), "reason", "dibajak " + i));
                return new Attempt("accessDeactivate", Map.of("input", input), t.code());
            }
            case "createFacility" -> {
                String k = pick(foreignKelurahan, random);
                input.put("code", "PSY-" + MARK + "-" + i);
                input.put("name", "Posyandu Gelap " + i);
                input.put("type", "POSYANDU");
                input.put("location", points.get(k));
                input.put("kelurahanCode", k);
                return new Attempt("accessCreate", Map.of("input", input), "in " + k);
            }
            case "moveOwnFacility" -> {
                Target t = pick(own, random);
                String k = pick(
                        foreignKelurahan.stream()
                                .filter(x -> !x.equals(t.kelurahan()))
                                .toList(),
                        random);
                input.putAll(Map.of(
                        "id", t.code(), "version", versionOf(t.code()), "kelurahanCode", k, "location", points.get(k)));
                return new Attempt("accessUpdate", Map.of("input", input), t.code() + " to " + k);
            }
            case "widenOwnCatchment" -> {
                Target t = pick(
                        own.stream()
                                .filter(f -> List.of("POSYANDU", "PUSTU", "PUSKESMAS")
                                        .contains(f.type()))
                                .toList(),
                        random);
                List<String> pool = t.type().equals("POSYANDU")
                        ? rws.stream().filter(r -> !staff || !inTirto(r)).toList()
                        : foreignKelurahan;
                List<String> catchment = new ArrayList<>(currentCatchment(t.code()));
                catchment.add(pick(pool, random));
                input.putAll(Map.of("id", t.code(), "version", versionOf(t.code()), "catchmentCodes", catchment));
                return new Attempt("accessUpdate", Map.of("input", input), t.code() + " catchment " + catchment);
            }
            case "auditLog" -> {
                return new Attempt("accessAuditLog", Map.of("first", 5), "first 5");
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private List<String> currentCatchment(String code) {
        return jdbc.sql("""
                        SELECT c.region_code FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                         WHERE f.code = :code ORDER BY 1""").param("code", code).query(String.class).list();
    }

    private static boolean inTirto(String region) {
        return TIRTO_SCOPE.stream().anyMatch(s -> region.equals(s) || region.startsWith(s + "."));
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }
}
