package id.ilpatlas.api.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the synthetic demo case data on start when {@code atlas.cases.demo.load-on-start} is true (demo profile). */
@Component
@ConditionalOnProperty(name = "atlas.cases.demo.load-on-start", havingValue = "true")
@Order(1)
class SyntheticCaseDataInitializer implements ApplicationRunner {

    private final SyntheticCaseData data;

    SyntheticCaseDataInitializer(SyntheticCaseData data) {
        this.data = data;
    }

    /** Not for a one-shot command ({@code --atlas.cli}): the command decides what it loads. */
    @Override
    public void run(ApplicationArguments args) {
        if (args.getOptionValues("atlas.cli") == null) {
            data.ensureLoaded();
        }
    }
}
