package id.ilpatlas.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 20 item 4, demo apart from product: the start-up runners that load the Pekalongan demo exist only when the
 * demo asks for them. Production settings (both {@code load-on-start} properties absent or false, as in
 * application.yml outside the demo profile) create none of them; each property creates exactly its own.
 */
class DemoRunnersTest {

    private static final Class<?>[] RUNNERS = {
        ReferenceDataInitializer.class, PekalonganPuslingDemo.class, SyntheticCaseDataInitializer.class
    };

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(JdbcClient.class, () -> mock(JdbcClient.class))
            .withBean(TransactionTemplate.class, () -> mock(TransactionTemplate.class))
            .withBean(PekalonganReferenceData.class, () -> mock(PekalonganReferenceData.class))
            .withBean(SyntheticCaseData.class, () -> mock(SyntheticCaseData.class))
            .withUserConfiguration(RUNNERS);

    @Test
    void productionSettingsCreateNoDemoRunner() {
        for (String[] settings :
                new String[][] {{}, {"atlas.reference-data.load-on-start=false", "atlas.cases.demo.load-on-start=false"}
                }) {
            context.withPropertyValues(settings).run(app -> {
                for (Class<?> runner : RUNNERS) {
                    assertThat(app)
                            .as("%s with %s", runner.getSimpleName(), String.join(", ", settings))
                            .doesNotHaveBean(runner);
                }
            });
        }
    }

    @Test
    void eachDemoPropertyCreatesItsOwnRunners() {
        context.withPropertyValues("atlas.reference-data.load-on-start=true").run(app -> {
            assertThat(app)
                    .hasSingleBean(ReferenceDataInitializer.class)
                    .hasSingleBean(PekalonganPuslingDemo.class)
                    .doesNotHaveBean(SyntheticCaseDataInitializer.class);
        });
        context.withPropertyValues("atlas.cases.demo.load-on-start=true").run(app -> {
            assertThat(app)
                    .hasSingleBean(SyntheticCaseDataInitializer.class)
                    .doesNotHaveBean(ReferenceDataInitializer.class)
                    .doesNotHaveBean(PekalonganPuslingDemo.class);
        });
    }
}
