package id.ilpatlas.api.access;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At the end of the start-up loads (reference data, order 0; demo cases, order 1), brings the RW access rows of every
 * kab/kota up to date. Reads check staleness again, so data loaded later (CLI, imports, registry edits) is picked up.
 */
@Component
@Order(10)
class RwAccessInitializer implements ApplicationRunner {

    private final RwAccessService access;

    RwAccessInitializer(RwAccessService access) {
        this.access = access;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.getOptionValues("atlas.cli") == null) {
            access.refresh(access.staleKabkotaCodes());
        }
    }
}
