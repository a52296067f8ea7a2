package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests, and verifies them on the receiving side. Self-contained (JDK only), so
 * a receiver may copy it as it is.
 *
 * <p>Every request carries {@code ConnectorHub-Signature: t=<unix seconds>,v1=<hex>} where
 * {@code <hex>} is HMAC-SHA256, keyed with the endpoint's signing secret (the whole
 * {@code whsec_...} string as UTF-8 bytes), over {@code t + "." + body} (the raw body bytes as
 * received). A receiver checks it before parsing the body:
 *
 * <pre>{@code
 * byte[] body = exchange.getRequestBody().readAllBytes();       // raw bytes, before any JSON parsing
 * String header = exchange.getRequestHeaders().getFirst("ConnectorHub-Signature");
 * if (!WebhookSignature.verify(secret, header, body, Duration.ofMinutes(5), Instant.now())) {
 *     exchange.sendResponseHeaders(400, -1);                    // forged, altered or replayed late
 *     return;
 * }
 * // deduplicate on the ConnectorHub-Event-Id header: delivery is at least once
 * }</pre>
 *
 * <p>Without this class: split the header on {@code ,} into {@code t} and {@code v1}; compute
 * {@code HMAC-SHA256(secret, t + "." + body)} as lowercase hex; compare with
 * {@link MessageDigest#isEqual} (constant time); refuse when {@code |now - t|} exceeds the
 * tolerance. Several {@code v1} values may appear in future (secret rotation); any match is enough.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "ConnectorHub-Signature";
    public static final String EVENT_ID_HEADER = "ConnectorHub-Event-Id";
    public static final String EVENT_TYPE_HEADER = "ConnectorHub-Event-Type";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code timestamp} (unix seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + hmacHex(secret, timestamp, body);
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} with {@code secret}, made within
     * {@code tolerance} of {@code now}. Never throws on a malformed header; answers false.
     */
    public static boolean verify(String secret, String header, byte[] body, Duration tolerance, Instant now) {
        requireNonNull(secret, "secret is null");
        requireNonNull(body, "body is null");
        requireNonNull(tolerance, "tolerance is null");
        requireNonNull(now, "now is null");
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String item = part.strip();
            if (item.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(item.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (item.startsWith("v1=")) {
                signatures.add(item.substring(3));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmacHex(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String signature : signatures) {
            // constant time: how much of a guess is right must not show in the timing
            match |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static String hmacHex(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
