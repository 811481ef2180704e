package id.ilpatlas.api.web;

import id.ilpatlas.api.indicators.KiaGiziReviews;
import id.ilpatlas.api.outreach.schedule.JadwalDocuments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The {@code <style>} blocks of the HTML reports the web app opens as {@code blob:} pages (a blob: page inherits
 * the Content-Security-Policy of the page that made it, {@link PageSecurityHeaders}): the KIA-gizi review
 * ({@code /reports/kia-gizi/…html}) and the Pusling schedule ({@code /exports/outreach-plans/{id}/jadwal.html}).
 * Each is allowed by its SHA-256 hash, so no other inline style is.
 */
final class ReportStyles {

    static final List<String> STYLES = List.of(KiaGiziReviews.HTML_STYLE, JadwalDocuments.HTML_STYLE);

    private ReportStyles() {}

    /** {@code " 'sha256-…' 'sha256-…'"}: the hash sources of the report styles, for style-src. */
    static String cspHashes() {
        StringBuilder b = new StringBuilder();
        for (String style : STYLES) {
            b.append(" 'sha256-").append(sha256(style)).append('\'');
        }
        return b.toString();
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
