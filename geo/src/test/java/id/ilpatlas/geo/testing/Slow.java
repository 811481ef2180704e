package id.ilpatlas.geo.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class of the slow speed: tagged {@code slow}, left out by the fast profile ({@code ./atlas test --fast},
 * {@code -Pfast}: surefire's {@code excludedGroups=slow}) and run by {@code ./atlas test} like every other test.
 *
 * <p>Slow are the classes that took 2.5 s or more in a full run (solver benchmarks, attack audits, randomised
 * searches, imports), and in {@code api} every test that starts the application or uses the database, except a short
 * list of quick ones that share one application context ({@code TestSpeedTagsTest.FAST_INTEGRATION_TESTS}, which
 * checks the rule): an own context costs a start-up, the synthetic case data about half a minute to load.
 *
 * <p>In {@code geo}'s test-jar so that {@code api}'s tests use the same tag. Inherited, as JUnit's tags are.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(Slow.TAG)
public @interface Slow {

    /** The JUnit tag: {@code -Dgroups=slow} runs only these, {@code -DexcludedGroups=slow} all others. */
    String TAG = "slow";
}
