package id.ilpatlas.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrivacyConfigTest {

    private static final String NIK = "3375014501230001";

    @Test
    void withoutAKeyTheApplicationRefusesToStart() {
        assertThatThrownBy(() -> new PrivacyConfig().nik("", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATLAS_NIK_KEY");
    }

    @Test
    void theDemoProfileHashesWithARandomKeyOfTheRun() {
        Nik first = new PrivacyConfig().nik("", true);
        Nik second = new PrivacyConfig().nik(" ", true);
        assertThat(first.hash(NIK)).isNotEqualTo(second.hash(NIK)).hasSize(64);
    }

    @Test
    void aConfiguredKeyIsUsedAsIs() {
        String key = "a-configured-key-0123456789abcdef0123";
        assertThat(new PrivacyConfig().nik(key, true).hash(NIK)).isEqualTo(new Nik(key).hash(NIK));
    }
}
