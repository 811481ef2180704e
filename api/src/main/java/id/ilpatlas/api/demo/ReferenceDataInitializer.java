package id.ilpatlas.api.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the Pekalongan reference data on start when {@code atlas.reference-data.load-on-start} is true. */
@Component
@ConditionalOnProperty(name = "atlas.reference-data.load-on-start", havingValue = "true")
@Order(0)
class ReferenceDataInitializer implements ApplicationRunner {

    private final PekalonganReferenceData referenceData;

    ReferenceDataInitializer(PekalonganReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    @Override
    public void run(ApplicationArguments args) {
        referenceData.ensureLoaded();
    }
}
