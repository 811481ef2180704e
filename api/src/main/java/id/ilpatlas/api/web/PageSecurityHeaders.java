package id.ilpatlas.api.web;

import id.ilpatlas.api.security.SecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers of the pages the service serves. The web app ({@code /app})
 * gets a Content-Security-Policy that allows only this server ({@code 'self'}), plus what MapLibre GL needs (its
 * workers from {@code blob:} URLs, {@code data:}/{@code blob:} images) and, for the OpenID Connect sign-in, fetches
 * to the configured issuer's origin ({@code atlas.security.issuer-uri}: discovery and token endpoint); no inline
 * script or style, no eval, no plugin, no framing ({@code frame-ancestors 'none'}), forms and {@code <base>} only to
 * this server. The HTML reports the app opens as {@code blob:} pages (Rapat KIA-gizi, Pusling schedule) inherit the
 * app's policy: their one {@code <style>} block each is allowed by its SHA-256 ({@link ReportStyles}).
 *
 * <p>GraphiQL ({@code /graphiql}) is left out of the script and style rules: its page starts GraphiQL with an inline
 * script and GraphiQL/CodeMirror add {@code <style>} elements at run time, so a policy would need
 * {@code 'unsafe-inline'} (which makes it pointless). It is a developer tool for the schema, holding no token unless
 * one is pasted; it gets {@code frame-ancestors 'none'} like every page. Every response: {@code Referrer-Policy:
 * no-referrer} (the address of a screen, e.g. with a kelurahan, never goes to another server) and
 * {@code X-Content-Type-Options: nosniff} (Spring Security writes it too).
 */
@Component
class PageSecurityHeaders extends OncePerRequestFilter {

    /** The policy of /app. */
    private final String pagePolicy;

    PageSecurityHeaders(SecurityProperties security) {
        this.pagePolicy = pagePolicy(security.issuerUri());
    }

    /** The Content-Security-Policy of /app for this issuer (null or blank: no OIDC sign-in). */
    static String pagePolicy(String issuerUri) {
        String issuer = issuerUri == null || issuerUri.isBlank() ? "" : " " + originOf(issuerUri);
        return "default-src 'self'; script-src 'self'; style-src 'self'" + ReportStyles.cspHashes()
                + "; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'" + issuer
                + "; worker-src 'self' blob:; child-src 'self' blob:; object-src 'none'; base-uri 'self'"
                + "; form-action 'self'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of a URL (a Keycloak realm URL has a path; CSP source expressions name origins). */
    static String originOf(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("atlas.security.issuer-uri is not an absolute URL: " + url);
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isUnder(path, "/app")) {
            response.setHeader("Content-Security-Policy", pagePolicy);
        } else {
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        }
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
