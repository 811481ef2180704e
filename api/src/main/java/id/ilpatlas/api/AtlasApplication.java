package id.ilpatlas.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** ILP Atlas: GraphQL over PostGIS for Integrasi Layanan Primer. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AtlasApplication {

    public static void main(String[] args) {
        SpringApplication.run(AtlasApplication.class, args);
    }
}
