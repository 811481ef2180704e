package id.ilpatlas.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure of {@code api}, checked on the compiled main classes (ArchUnit): the feature packages form an acyclic
 * graph, controllers run no SQL, and the product never needs the demo.
 *
 * <p>The layering, lowest to highest (a package depends only on packages before it; the root package's shared helpers
 * {@code Sql}, {@code Csv}, {@code Caches}, {@code ClockConfig} sit below all of them):
 * <ol>
 *   <li>{@code security}, {@code privacy}, {@code diagnostics}: who is calling, NIK handling, statement counting;</li>
 *   <li>{@code graphql}: scalars, errors (also {@code DatabaseUnavailable}), paging, request limits;</li>
 *   <li>{@code audit}, {@code events}: the audit log; workflow events, webhooks and subscriptions;</li>
 *   <li>{@code road}, {@code region}: the road graph and routing; regions and the RW layer import;</li>
 *   <li>{@code facility}, {@code cases}: the registry; case records and their import, which announces
 *   {@code CaseImportStarted}/{@code CaseImportFinished};</li>
 *   <li>{@code access}, {@code calendar}, {@code fhir}, {@code indicators}, {@code ops}: RW-to-facility access, days
 *   off, the FHIR view of the registry, RW indicators (and the hex heat, rebuilt on {@code CaseImportFinished}),
 *   metrics;</li>
 *   <li>{@code surface}, {@code tiles}, {@code targeting}: travel-time surfaces, map tiles, target selection;</li>
 *   <li>{@code exports}, {@code outreach}: downloads, outreach plans and schedules;</li>
 *   <li>{@code visits}, {@code web}: realised visits (they answer targeting's "when was this RW last visited" through
 *   {@code targeting.LastVisits}); the app page, report styles, REST errors;</li>
 *   <li>{@code demo}: the Kota Pekalongan reference and demo data loaders (no package above names it but
 *   {@code cli});</li>
 *   <li>{@code cli}: the one-shot {@code ./atlas} commands (they load the bundled reference data before importing
 *   and write the demo generator's files for benchmarks, so they may use {@code demo}).</li>
 * </ol>
 */
class ModularityTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("id.ilpatlas.api");
    }

    @Test
    void featurePackagesFormAnAcyclicGraph() {
        slices().matching("id.ilpatlas.api.(*)..")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .because("a package of api depends only on the packages below it (see ModularityTest's javadoc for "
                        + "the layering); break a cycle by moving a shared type down, by the lower package offering a "
                        + "Java API or an interface the higher one implements, or by an application event")
                .check(classes);
    }

    @Test
    void controllersRunNoSql() {
        noClasses()
                .that()
                .areAnnotatedWith("org.springframework.stereotype.Controller")
                .or()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or(haveGraphQlMappings())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "javax.sql..", "java.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("id.ilpatlas.api.Sql")
                .because("a controller maps a request to a feature's service or repository; the SQL lives there")
                .check(classes);
    }

    @Test
    void productionNeverNeedsTheDemo() {
        noClasses()
                .that()
                .resideOutsideOfPackages("id.ilpatlas.api.demo..", "id.ilpatlas.api.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("id.ilpatlas.api.demo..")
                .because("the Pekalongan demo loaders sit on top of the product: only the demo (and the ./atlas "
                        + "commands, which load the bundled data first) may name them")
                .check(classes);
    }

    @Test
    void theGeoCoreNeedsNoSyntheticData() {
        JavaClasses geo = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("id.ilpatlas.geo");
        noClasses()
                .that()
                .resideOutsideOfPackage("id.ilpatlas.geo.synthetic..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("id.ilpatlas.geo.synthetic..")
                .because("the synthetic generators (demo RWs and case files) use the geo core, never the other way")
                .check(geo);
    }

    /** Classes with a method mapped to a GraphQL field ({@code @QueryMapping}, {@code @SchemaMapping}, ...). */
    private static DescribedPredicate<JavaClass> haveGraphQlMappings() {
        return DescribedPredicate.describe(
                "have GraphQL mapping methods",
                c -> c.getMethods().stream()
                        .anyMatch(m -> m.getAnnotations().stream()
                                .anyMatch(a -> a.getRawType()
                                                .getPackageName()
                                                .equals("org.springframework.graphql.data.method.annotation")
                                        && a.getRawType().getSimpleName().endsWith("Mapping"))));
    }
}
