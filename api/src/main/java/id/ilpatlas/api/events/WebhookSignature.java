package id.ilpatlas.api.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook POST, in the style of Stripe and GitHub: {@code X-Atlas-Signature: sha256=<hex>} where
 * hex is the HMAC-SHA256, keyed with the webhook's secret, of {@code <X-Atlas-Timestamp> + "." + <raw body>}. Signing
 * the timestamp with the body lets a receiver refuse replays of old deliveries (compare the timestamp with its clock,
 * e.g. within 5 minutes). A receiver verifies with {@link #verify} or the recipe in the README.
 */
public final class WebhookSignature {

    /** The header names. */
    public static final String EVENT_ID = "X-Atlas-Event-Id";

    public static final String TIMESTAMP = "X-Atlas-Timestamp";
    public static final String SIGNATURE = "X-Atlas-Signature";
    public static final String ATTEMPT = "X-Atlas-Delivery-Attempt";

    private WebhookSignature() {}

    /** {@code sha256=<lower-case hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True when the signature header matches (compared in constant time). */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
