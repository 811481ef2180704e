package id.ilpatlas.api;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application from the IDE on the test database fixture ({@link AtlasDatabase}) with the demo data.
 */
public final class TestAtlasApplication {

    private TestAtlasApplication() {}

    public static void main(String[] args) {
        AtlasDatabase.Settings db = AtlasDatabase.settings();
        System.setProperty("spring.datasource.url", db.url());
        System.setProperty("spring.datasource.username", db.username());
        System.setProperty("spring.datasource.password", db.password());
        SpringApplication application = new SpringApplication(AtlasApplication.class);
        application.setAdditionalProfiles("demo");
        application.run(args);
    }
}
