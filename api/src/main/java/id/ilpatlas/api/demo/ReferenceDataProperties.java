package id.ilpatlas.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atlas.reference-data.*}.
 *
 * @param loadOnStart load the Kota Pekalongan reference data into an empty database when the app starts
 * @param rwSeed      seed of the synthetic RW generator; changing it changes every synthetic RW polygon
 */
@ConfigurationProperties("atlas.reference-data")
public record ReferenceDataProperties(boolean loadOnStart, long rwSeed) {}
