package id.ilpatlas.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Content-Security-Policy of /app for an issuer URL (no server needed). */
class PageSecurityHeadersTest {

    @Test
    void connectSrcNamesTheIssuersOriginOnly() {
        assertThat(PageSecurityHeaders.originOf("https://SSO.example.go.id/realms/dinkes"))
                .isEqualTo("https://sso.example.go.id");
        assertThat(PageSecurityHeaders.originOf("http://127.0.0.1:8081/")).isEqualTo("http://127.0.0.1:8081");
        assertThat(PageSecurityHeaders.pagePolicy("https://sso.example.go.id/realms/dinkes"))
                .contains("; connect-src 'self' https://sso.example.go.id; ");
    }

    @Test
    void withoutAnIssuerOnlyThisServer() {
        for (String none : new String[] {null, "", " "}) {
            assertThat(PageSecurityHeaders.pagePolicy(none))
                    .contains("; connect-src 'self'; ")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http");
        }
    }

    @Test
    void aRelativeIssuerIsAStartupError() {
        assertThatThrownBy(() -> PageSecurityHeaders.pagePolicy("sso.example.go.id/realms/dinkes"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("atlas.security.issuer-uri");
    }
}
