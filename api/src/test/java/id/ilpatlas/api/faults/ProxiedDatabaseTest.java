package id.ilpatlas.api.faults;

import id.ilpatlas.api.AtlasDatabase;
import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the fault tests: the whole application, as {@link IntegrationTest} starts it, but connected to the test
 * database through a {@link TcpProxy}, so that a test can take the database away ({@link TcpProxy#cut()}) and bring
 * it back ({@link TcpProxy#restore()}) without restarting the PostgreSQL cluster other tests share. The pool gives
 * up on a connection after 3 s (production: 5 s, {@code application.yml}), so a test's outage stays short; batches of
 * 50 rows make an import of a thousand rows take many transactions. Its own context, closed after the class (its
 * pool points at a proxy that dies with the class).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atlas.reference-data.load-on-start=true",
            "atlas.security.demo-tokens=true",
            "atlas.privacy.nik-key=" + IntegrationTest.TEST_NIK_KEY,
            "atlas.import.batch-size=" + ProxiedDatabaseTest.BATCH_SIZE,
            "spring.datasource.hikari.connection-timeout=3000",
            "spring.datasource.hikari.validation-timeout=1000",
            "spring.datasource.hikari.pool-name=faults"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ProxiedDatabaseTest {

    static final int BATCH_SIZE = 50;

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)");

    static TcpProxy proxy;

    @DynamicPropertySource
    static void proxiedDatabase(DynamicPropertyRegistry registry) {
        AtlasDatabase.Settings db = AtlasDatabase.settings();
        Matcher m = JDBC_URL.matcher(db.url());
        if (!m.matches()) {
            throw new IllegalStateException("cannot put a proxy in front of " + db.url());
        }
        String host = m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        synchronized (ProxiedDatabaseTest.class) {
            if (proxy == null) {
                try {
                    proxy = new TcpProxy(host, port);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + m.group(3);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    /** Whatever a test did, the next one starts with the database there. */
    @AfterEach
    void databaseBack() {
        proxy.restore();
    }

    @AfterAll
    static void closeProxy() {
        // The context (and its pool) is closed after the class by @DirtiesContext; the proxy stays open until the
        // JVM ends so that the pool's shutdown does not log connection errors. Only make sure it forwards.
        if (proxy != null) {
            proxy.restore();
        }
    }
}
