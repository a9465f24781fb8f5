package dev.crossfire.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver knows a webhook call came from crossfire: {@code X-Crossfire-Signature: sha256=<hex>},
 * the HMAC-SHA256 under the shared secret of {@code <timestamp>.<body>}, where the timestamp is the
 * {@code X-Crossfire-Timestamp} header (Unix seconds). Signing the time too lets a receiver refuse a
 * replayed call; {@code Idempotency-Key} (the alert id) lets it drop a redelivered one.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Crossfire-Signature";
    public static final String TIMESTAMP_HEADER = "X-Crossfire-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private WebhookSignature() {
    }

    /** {@code sha256=} and the lower-case hex HMAC of {@code timestamp + "." + body}. */
    public static String sign(byte[] secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            byte[] sum = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("sha256=");
            for (byte x : sum) {
                hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
