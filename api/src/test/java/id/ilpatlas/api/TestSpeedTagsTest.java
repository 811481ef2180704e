package id.ilpatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Keeps the two speeds of tests honest without a clock (README, "Two speeds of tests"). The fast profile
 * ({@code ./atlas test --fast}, {@code -Pfast}) leaves out the classes tagged {@link Slow}; what makes an api test
 * slow is starting the application, or an application context of its own, or loading the synthetic case data. So:
 * every test class that starts the application ({@code @SpringBootTest}, e.g. through {@link IntegrationTest}) or
 * opens the database ({@link AtlasDatabase}) is {@link Slow} or on {@link #FAST_INTEGRATION_TESTS}, a short list of
 * integration tests, about one per feature area, that all run in the one application context of
 * {@link IntegrationTest} (Spring's own context cache key, so it starts once for all of them) and never load the
 * synthetic case data. A new integration test is therefore slow unless someone puts it on the list on purpose. The
 * fast profile itself runs no integration test by default (their tag {@code integration}, from IntegrationTest), to
 * stay under a minute; {@code ./atlas test --fast -Dfast.excludedGroups=slow} adds the listed ones (one application
 * start, about 20 s more).
 */
class TestSpeedTagsTest {

    /**
     * The integration tests of the fast profile, by simple class name (so that a class moving package stays listed):
     * each took under 2.5 s in a full run (AccessSqlTest 4 s: the one fast test of access), 21 s together
     * (GeoJsonInputTest, newer than those figures, imports nothing).
     */
    static final Set<String> FAST_INTEGRATION_TESTS = Set.of(
            "CitusCompatibilityTest",
            "GrowthAssessmentApiTest",
            "GeoJsonInputTest",
            "EventSubscriptionTest",
            "FacilityGraphQlTest",
            "RegistryMutationErrorsTest",
            "FhirExportTest",
            "SchemaContractTest",
            "SchemaSnapshotTest",
            "VariableErrorsTest",
            "PekalonganReferenceDataTest",
            "RegionGraphQlTest",
            "OsmRoadImportTest",
            "PekalonganRoadLayersTest",
            "AuditContentTest",
            "ScopeEscapeCatchmentTest",
            "TokenAbuseTest",
            "OutreachVisitTest",
            "ForwardedHeadersTest",
            "WebEndpointsTest");

    /** Names in a class file's constant pool that mark a slow test: the synthetic case data, loaded on first use. */
    private static final String SYNTHETIC_CASE_DATA = "SyntheticCaseData";

    private static Path testClasses;
    /** Every concrete test class of api, by name. */
    private static Map<String, Class<?>> tests;

    @BeforeAll
    static void findTestClasses() throws IOException, URISyntaxException {
        testClasses = Path.of(TestSpeedTagsTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        tests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = testClasses.relativize(file).toString();
                if (!relative.endsWith(".class") || relative.contains("$")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length())
                        .replace('/', '.');
                Class<?> type = load(name);
                if (isTestClass(type)) {
                    tests.put(name, type);
                }
            }
        }
        // A sanity floor: the walk found the tests (not an empty or wrong directory).
        assertThat(tests)
                .containsKeys(
                        IntegrationTest.class.getPackageName() + ".DockerComposeFileTest",
                        TestSpeedTagsTest.class.getName());
        assertThat(tests.size()).isGreaterThan(100);
    }

    @Test
    void everyIntegrationTestIsSlowOrListedFast() {
        List<String> untagged = new ArrayList<>();
        for (Class<?> type : tests.values()) {
            if (isIntegrationTest(type) && !isSlow(type) && !FAST_INTEGRATION_TESTS.contains(type.getSimpleName())) {
                untagged.add(type.getName());
            }
        }
        assertThat(untagged)
                .as("integration tests neither @Slow nor in TestSpeedTagsTest.FAST_INTEGRATION_TESTS (tag them @Slow;"
                        + " list one as fast only if it shares IntegrationTest's context and is quick)")
                .isEmpty();
    }

    @Test
    void everyListedFastTestIsAnUntaggedIntegrationTestOfTheSharedContext() {
        MergedContextConfiguration shared = contextOf(IntegrationTest.class);
        Set<String> found = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> type : tests.values()) {
            if (!FAST_INTEGRATION_TESTS.contains(type.getSimpleName())) {
                continue;
            }
            if (!found.add(type.getSimpleName())) {
                problems.add(type.getSimpleName() + ": two test classes of that name");
            }
            if (isSlow(type)) {
                problems.add(type.getName() + ": listed fast but tagged @Slow");
            }
            if (!isIntegrationTest(type)) {
                problems.add(type.getName() + ": not an integration test (a unit test needs no listing)");
            } else if (!contextOf(type).equals(shared)) {
                problems.add(type.getName() + ": starts an application context of its own (properties, profiles,"
                        + " imports or test configuration of its own), which costs a start-up: @Slow");
            }
            if (mentions(type, SYNTHETIC_CASE_DATA)) {
                problems.add(type.getName() + ": loads the synthetic case data (about half a minute): @Slow");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(found).as("listed fast tests that exist").isEqualTo(new TreeSet<>(FAST_INTEGRATION_TESTS));
    }

    @Test
    void everyTestThatLoadsTheSyntheticCaseDataIsSlow() {
        List<String> untagged = new ArrayList<>();
        for (Class<?> type : tests.values()) {
            // Loading needs the database: a unit test that names the class (a mock, DemoRunnersTest) loads nothing.
            if (isIntegrationTest(type) && mentions(type, SYNTHETIC_CASE_DATA) && !isSlow(type)) {
                untagged.add(type.getName());
            }
        }
        assertThat(untagged)
                .as("tests that load the synthetic case data and are not @Slow")
                .isEmpty();
    }

    /** The slow tag as JUnit sees it: on the class or, {@link Slow} being inherited, on a superclass. */
    private static boolean isSlow(Class<?> type) {
        return type.isAnnotationPresent(Slow.class);
    }

    /** Starts the application (a Spring Boot test, also through a superclass) or opens the test database. */
    private static boolean isIntegrationTest(Class<?> type) {
        return AnnotatedElementUtils.hasAnnotation(type, SpringBootTest.class) || mentions(type, "AtlasDatabase");
    }

    /** Spring's context cache key of a test class: equal keys share one started application context. */
    private static MergedContextConfiguration contextOf(Class<?> type) {
        return BootstrapUtils.resolveTestContextBootstrapper(type).buildMergedContextConfiguration();
    }

    /** A concrete class with a JUnit test method (@Test, @ParameterizedTest, ...), its own or inherited. */
    private static boolean isTestClass(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isAnnotation()) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (AnnotationSupport.isAnnotated(method, Testable.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the class files of the class, its nested classes or its superclasses among the tests name the given
     * (simple) class name in their constant pool, i.e. the code refers to it.
     */
    private static boolean mentions(Class<?> type, String simpleName) {
        if (type == TestSpeedTagsTest.class) {
            return false; // names them itself, to look for them
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path file = testClasses.resolve(c.getName().replace('.', '/') + ".class");
            if (!Files.exists(file)) {
                continue;
            }
            String prefix = file.getFileName().toString().replace(".class", "");
            try (Stream<Path> siblings = Files.list(file.getParent())) {
                for (Path f : (Iterable<Path>) siblings::iterator) {
                    String n = f.getFileName().toString();
                    if ((n.equals(prefix + ".class") || n.startsWith(prefix + "$"))
                            && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(simpleName)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TestSpeedTagsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
