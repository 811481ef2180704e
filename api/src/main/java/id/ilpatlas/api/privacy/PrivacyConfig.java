package id.ilpatlas.api.privacy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The NIK hashing key comes from configuration ({@code atlas.privacy.nik-key}, env ATLAS_NIK_KEY), never from git. */
@Configuration
class PrivacyConfig {

    @Bean
    Nik nik(@Value("${atlas.privacy.nik-key:}") String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("atlas.privacy.nik-key (environment ATLAS_NIK_KEY) is not set: the case "
                    + "registers need a secret key of at least 32 bytes to hash NIK and family card numbers "
                    + "(./atlas start and ./atlas test generate one in .atlas/nik-key)");
        }
        return new Nik(key);
    }
}
