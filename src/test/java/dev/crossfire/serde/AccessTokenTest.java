package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the next token is fetched (Confluent's rule), and what a token endpoint's answer must say. */
class AccessTokenTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Duration BUFFER = Duration.ofSeconds(300);

    private static AccessToken lasting(Duration lifetime) {
        return new AccessToken("t", NOW, NOW.plus(lifetime));
    }

    private static AccessToken parse(String answer) throws Exception {
        return AccessToken.of(new ObjectMapper().readTree(answer), NOW, "scope", "sub");
    }

    @Test
    void theNextTokenComesAtFourFifthsOfTheLifetimeButNeverInsideTheBuffer() {
        assertThat(lasting(Duration.ofHours(1)).refreshAt(NOW, BUFFER)).isEqualTo(NOW.plusSeconds(2880));
        assertThat(lasting(Duration.ofHours(10)).refreshAt(NOW, BUFFER)).isEqualTo(NOW.plus(Duration.ofHours(8)));
        assertThat(lasting(Duration.ofMinutes(20)).refreshAt(NOW, BUFFER)).isEqualTo(NOW.plusSeconds(1200 - 300));
        assertThat(lasting(Duration.ofMinutes(10)).refreshAt(NOW, BUFFER)).isEqualTo(NOW.plusSeconds(300));
        // shorter than the buffer: four fifths of what is left
        assertThat(lasting(Duration.ofSeconds(60)).refreshAt(NOW, BUFFER)).isEqualTo(NOW.plusSeconds(48));
        assertThat(lasting(Duration.ofSeconds(60)).refreshAt(NOW.plusSeconds(61), BUFFER)).isEqualTo(NOW.plusSeconds(60));
        // issued before it arrived: the lifetime counts from iat
        assertThat(new AccessToken("t", NOW.minusSeconds(1000), NOW.plusSeconds(9000)).refreshAt(NOW, BUFFER)).isEqualTo(NOW.plusSeconds(7000));
    }

    @Test
    void anAnswerSaysWhatTheTokenIsAndWhenItExpires() throws Exception {
        assertThat(parse("{\"access_token\":\"opaque\",\"expires_in\":3600,\"token_type\":\"bearer\"}"))
            .isEqualTo(new AccessToken("opaque", NOW, NOW.plusSeconds(3600)));
        assertThat(parse("{\"access_token\":\"opaque\",\"expires_in\":\"120\"}").expiresAt()).isEqualTo(NOW.plusSeconds(120));
        String jwt = HttpSchemaRegistryClientBearerTest.jwt("{\"sub\":\"sa\",\"scope\":[\"a\",\"b\"],\"iat\":" + (NOW.getEpochSecond() - 5)
            + ",\"exp\":" + (NOW.getEpochSecond() + 900) + "}");
        assertThat(parse("{\"access_token\":\"" + jwt + "\",\"expires_in\":3600}"))
            .isEqualTo(new AccessToken(jwt, NOW.minusSeconds(5), NOW.plusSeconds(900)));

        assertThatThrownBy(() -> parse("{\"expires_in\":3600}")).hasMessage("the answer has no access_token");
        assertThatThrownBy(() -> parse("{\"access_token\":\"x\",\"expires_in\":0}"))
            .hasMessage("the answer's expires_in is not a positive number of seconds");
        String badScope = HttpSchemaRegistryClientBearerTest.jwt("{\"sub\":\"sa\",\"scope\":[\"a\",\" \"],\"exp\":" + (NOW.getEpochSecond() + 900) + "}");
        assertThatThrownBy(() -> parse("{\"access_token\":\"" + badScope + "\"}")).hasMessage("the token's 'scope' claim holds a blank scope");
        String otherScope = HttpSchemaRegistryClientBearerTest.jwt("{\"sub\":\"sa\",\"scope\":{\"a\":1},\"exp\":" + (NOW.getEpochSecond() + 900) + "}");
        assertThat(parse("{\"access_token\":\"" + otherScope + "\"}").expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(new AccessToken("secret-token", NOW, NOW).toString()).doesNotContain("secret-token");
    }
}
