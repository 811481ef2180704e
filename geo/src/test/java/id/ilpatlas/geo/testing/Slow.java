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
 * <p>Slow are the classes that took 3.5 s or more in a full run (solver benchmarks, attack audits, randomised
 * searches, imports), that start an application context of their own, that need the synthetic case data (loading it
 * takes about half a minute, once per database) or drive a browser. In {@code api} a test that starts the application
 * or uses the database is either slow or on {@code TestSpeedTagsTest}'s short list of fast integration tests, which
 * share one application context.
 *
 * <p>In {@code geo}'s test-jar so that {@code api}'s tests use the same tag.
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
