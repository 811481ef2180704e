package id.ilpatlas.api.security;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The demo sign-in's reads ({@link DemoTokens}): whether a posyandu exists, and the names of a user's area. */
@Repository
class DemoUserQueries {

    private final JdbcClient jdbc;

    DemoUserQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an active posyandu has this code (a {@code kader-<code>} demo user). */
    boolean activePosyandu(String code) {
        return jdbc.sql("SELECT count(*) FROM facilities WHERE code = :c AND type = 'POSYANDU' AND active")
                        .param("c", code)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The name of the facility of that code (empty when there is none). */
    List<String> facilityNames(String code) {
        return jdbc.sql("SELECT name FROM facilities WHERE code = :c")
                .param("c", code)
                .query(String.class)
                .list();
    }

    /** The names of the regions given, by code. */
    List<String> regionNames(List<String> codes) {
        return jdbc.sql("SELECT name FROM regions WHERE code = ANY(:codes) ORDER BY code")
                .param("codes", codes.toArray(String[]::new))
                .query(String.class)
                .list();
    }
}
