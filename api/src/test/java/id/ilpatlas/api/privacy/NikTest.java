package id.ilpatlas.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NikTest {

    private static final String KEY = "test-key-0123456789abcdef0123456789abcdef";
    /** A made-up NIK: Kota Pekalongan, Pekalongan Barat, a woman born 15 March 2020 (15 + 40 = 55), serial 0001. */
    private static final String NIK = "3375015503200001";

    @Test
    void hashIsKeyedStableAndNeverTheNik() {
        Nik nik = new Nik(KEY);
        assertThat(nik.hash(NIK)).hasSize(64).isEqualTo(nik.hash(NIK)).doesNotContain(NIK);
        assertThat(new Nik(KEY + "x").hash(NIK)).isNotEqualTo(nik.hash(NIK));
        // Known answer: HMAC-SHA256 of the NIK under KEY, computed with `openssl dgst -sha256 -hmac`.
        assertThat(nik.hash(NIK)).isEqualTo(OPENSSL_HMAC);
    }

    private static final String OPENSSL_HMAC = "5ebb8c9c14725e7f31227dddee985dc3b4420764b4749c98adc5fd790dbbd48c";

    @Test
    void distinctNiksGiveDistinctHashes() {
        Nik nik = new Nik(KEY);
        SplittableRandom random = new SplittableRandom(2026);
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String candidate = String.format("337501%02d0320%04d", 1 + random.nextInt(28), 1 + i);
            hashes.add(nik.hash(candidate));
        }
        assertThat(hashes).as("seed 2026").hasSize(2000);
    }

    @Test
    void maskShowsOnlyRegionAndLastTwoDigits() {
        assertThat(Nik.mask(NIK)).isEqualTo("337501********01").hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "337501550320000",
                "33750155032000011",
                "3375x15503200001",
                "0075015503200001",
                "3375003203200001",
                "3375013213200001",
                "3375010013200001",
                "3375011503200000"
            })
    void malformedNiksAreRefusedWithoutRepeatingThem(String bad) {
        assertThat(Nik.problem(bad)).isNotNull().doesNotContain(bad.isEmpty() ? "\u0000" : bad);
        assertThatThrownBy(() -> new Nik(KEY).hash(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Nik.mask(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new Nik("short")).hasMessageContaining("32 bytes");
    }
}
