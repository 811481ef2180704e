package id.ilpatlas.api.outreach;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outreach plans for the lifecycle, visit and schedule tests. {@link #create} is the ONE place these tests make a
 * plan (through the public {@code planOutreach} mutation), so that a change of how plans are made (a job to follow)
 * is made here once.
 */
public final class OutreachTestPlans {

    public static final String TIRTO = "PKM-3375-TIRTO";

    private OutreachTestPlans() {}

    /** The {@code n} RWs inside {@code region} nearest to a facility by their representative points, nearest first. */
    public static List<String> rwsNear(JdbcClient jdbc, String facility, int n, int skip, String region) {
        return jdbc.sql("""
                        SELECT p.rw_code FROM rw_representative_points p, facilities f
                         WHERE f.code = :f AND p.rw_code LIKE :region || '.%'
                         ORDER BY ST_Distance(p.point::geography, f.location::geography), p.rw_code
                         OFFSET :skip LIMIT :n""")
                .param("f", facility)
                .param("n", n)
                .param("skip", skip)
                .param("region", region)
                .query(String.class)
                .list();
    }

    /**
     * Plans a Pusling trip from {@code depot} to the RWs on the given dates (ISO, one month) as the tester's caller and
     * returns the new plan's id (a DRAFT); fails the test on any error.
     */
    public static String create(GraphQlTester tester, String name, String depot, List<String> rws, List<String> dates) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", name);
        in.put("rwCodes", rws);
        in.put("depotFacilityId", depot);
        in.put("dates", dates);
        in.put("timeLimitSeconds", 1);
        return (String) OutreachJobPolling.plan(tester, in).get("id");
    }
}
