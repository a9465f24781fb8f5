package dev.crossfire.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A token from an OAuth token endpoint, and when to fetch the next one.
 *
 * @param value     what goes after {@code Bearer}
 * @param issuedAt  the JWT's {@code iat}, else when it was received
 * @param expiresAt the JWT's {@code exp}, else when it was received plus {@code expires_in}
 */
record AccessToken(String value, Instant issuedAt, Instant expiresAt) {

    /** Confluent's client fetches a new token once this share of its lifetime is gone (OauthTokenCache). */
    static final double REFRESH_SHARE = 0.8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a token endpoint's answer ({@code access_token}, {@code expires_in}). A JWT is checked as
     * Confluent's client checks it, whose registry reads its claims: a subject under {@code subClaim},
     * no blank scope under {@code scopeClaim}. Unlike Confluent's client, an opaque token is taken
     * too, when {@code expires_in} says how long it lasts.
     *
     * @throws IllegalArgumentException saying what is wrong with the answer, never quoting the token
     */
    static AccessToken of(JsonNode answer, Instant received, String scopeClaim, String subClaim) {
        JsonNode token = answer.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new IllegalArgumentException("the answer has no access_token");
        }
        String value = token.asText().strip();
        Instant expiresAt = answer.hasNonNull("expires_in") ? expiry(received, answer.get("expires_in")) : null;
        Instant issuedAt = received;
        JsonNode claims = jwtClaims(value);
        if (claims != null) {
            JsonNode subject = claims.get(subClaim);
            if (subject == null || !subject.isTextual() || subject.asText().isBlank()) {
                throw new IllegalArgumentException("the token has no '" + subClaim + "' claim naming its subject");
            }
            if (!scopesReadable(claims.get(scopeClaim))) {
                throw new IllegalArgumentException("the token's '" + scopeClaim + "' claim holds a blank scope");
            }
            if (claims.hasNonNull("exp")) {
                if (!claims.get("exp").isNumber()) {
                    throw new IllegalArgumentException("the token's 'exp' claim is not a number of seconds");
                }
                expiresAt = Instant.ofEpochMilli((long) (claims.get("exp").asDouble() * 1000));
            }
            if (claims.hasNonNull("iat") && claims.get("iat").isNumber()) {
                issuedAt = Instant.ofEpochMilli((long) (claims.get("iat").asDouble() * 1000));
            }
        }
        if (expiresAt == null) {
            throw new IllegalArgumentException("the answer does not say when the token expires (no expires_in, and no JWT 'exp' claim)");
        }
        return new AccessToken(value, issuedAt, expiresAt);
    }

    /**
     * When to fetch the next token, by Confluent's rule: once {@value #REFRESH_SHARE} of the lifetime
     * has gone, but no later than {@code buffer} before expiry; a token that lives less than
     * {@code buffer} from now, at that share of what is left.
     */
    Instant refreshAt(Instant now, Duration buffer) {
        if (!now.isBefore(expiresAt)) {
            return expiresAt;
        }
        if (now.plus(buffer).isAfter(expiresAt)) {
            return now.plus(share(Duration.between(now, expiresAt)));
        }
        Instant start = issuedAt.isAfter(now) ? now : issuedAt;
        Instant atShare = start.plus(share(Duration.between(start, expiresAt)));
        Instant bufferStart = expiresAt.minus(buffer);
        return atShare.isAfter(bufferStart) ? bufferStart : atShare;
    }

    @Override
    public String toString() {
        return "AccessToken[****, issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }

    private static Duration share(Duration lifetime) {
        return Duration.ofMillis((long) Math.floor(lifetime.toMillis() * REFRESH_SHARE));
    }

    private static Instant expiry(Instant received, JsonNode expiresIn) {
        long seconds = expiresIn.asLong(-1);
        if (seconds <= 0) {
            throw new IllegalArgumentException("the answer's expires_in is not a positive number of seconds");
        }
        return received.plusSeconds(seconds);
    }

    /** Confluent's check: a scope claim that is a string or a list holds no blank scope; one of another kind counts as none. */
    private static boolean scopesReadable(JsonNode scope) {
        if (scope == null || scope.isTextual()) {
            return scope == null || !scope.asText().isBlank();
        }
        if (scope.isArray()) {
            for (JsonNode one : scope) {
                if (!one.isTextual() || one.asText().isBlank()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The claims of a JWT ({@code header.payload.signature}), null for a token of another kind. */
    private static JsonNode jwtClaims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims != null && claims.isObject() ? claims : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
