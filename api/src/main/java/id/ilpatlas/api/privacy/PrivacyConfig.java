package id.ilpatlas.api.privacy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The NIK hashing key comes from configuration ({@code atlas.privacy.nik-key}, env ATLAS_NIK_KEY), never from git.
 * Without one the application refuses to start, except in the demo profile
 * ({@code atlas.privacy.random-key-if-missing}), which then hashes with a random key of this run and says so.
 */
@Configuration
class PrivacyConfig {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfig.class);

    @Bean
    Nik nik(
            @Value("${atlas.privacy.nik-key:}") String key,
            @Value("${atlas.privacy.random-key-if-missing:false}") boolean randomIfMissing) {
        if (key == null || key.isBlank()) {
            if (randomIfMissing) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                log.warn("ATLAS_NIK_KEY is not set: hashing NIK with a random key of this run (demo profile). Records "
                        + "imported after a restart will not match earlier ones; set ATLAS_NIK_KEY to keep them.");
                return new Nik(HexFormat.of().formatHex(bytes));
            }
            throw new IllegalStateException("atlas.privacy.nik-key (environment ATLAS_NIK_KEY) is not set: the case "
                    + "registers need a secret key of at least 32 bytes to hash NIK and family card numbers "
                    + "(./atlas start and ./atlas test keep one in .atlas/nik-key)");
        }
        return new Nik(key);
    }
}
