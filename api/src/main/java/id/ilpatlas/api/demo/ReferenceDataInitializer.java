package id.ilpatlas.api.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataInitializer.class);

    private final PekalonganReferenceData referenceData;
    private final ReferenceDataProperties properties;

    ReferenceDataInitializer(PekalonganReferenceData referenceData, ReferenceDataProperties properties) {
        this.referenceData = referenceData;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.loadOnStart()) {
            referenceData.ensureLoaded();
        } else {
            log.info("Reference data loading on start is off (atlas.reference-data.load-on-start=false)");
        }
    }
}
