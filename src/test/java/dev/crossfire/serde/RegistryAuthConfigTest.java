package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which authentication Confluent's settings give, and the combinations refused by name instead of half-followed. */
class RegistryAuthConfigTest {

    private static RegistrySettings settings(String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of(RegistrySettings.URL, "https://registry.example:8081"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return RegistrySettings.fromConfig(config);
    }

    private static String[] oauth(String... more) {
        String[] base = {RegistrySettings.BEARER_CREDENTIALS_SOURCE, "oauthbearer", RegistrySettings.BEARER_ISSUER_ENDPOINT_URL,
            "https://idp.example/oauth2/token", RegistrySettings.BEARER_CLIENT_ID, "crossfire", RegistrySettings.BEARER_CLIENT_SECRET, "secret-Y2"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void eachModeIsReadWithConfluentsDefaults() {
        assertThat(settings().auth()).isInstanceOf(RegistryAuth.None.class);
        assertThat(settings(RegistrySettings.USER_INFO, "editor:pw").auth()).isEqualTo(new RegistryAuth.Basic("editor:pw", "basic.auth.user.info"));
        assertThat(settings(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN", RegistrySettings.BEARER_TOKEN, "t").auth())
            .isEqualTo(new RegistryAuth.StaticToken("t", new RegistryAuth.Target(null, null)));
        RegistryAuth.OAuth oauth = (RegistryAuth.OAuth) settings(oauth()).auth();
        assertThat(oauth.source()).isEqualTo("OAUTHBEARER");
        assertThat(oauth.scopeClaim()).isEqualTo("scope");
        assertThat(oauth.subClaim()).isEqualTo("sub");
        assertThat(oauth.cacheBuffer()).hasSeconds(300);
        assertThat(oauth.scope()).isNull();
    }

    @Test
    void basicAndBearerTogetherAreRefused() {
        assertThatThrownBy(() -> settings(RegistrySettings.USER_INFO, "editor:pw", RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN",
            RegistrySettings.BEARER_TOKEN, "t"))
            .hasMessage("basic and bearer authentication exclude each other: bearer.auth.credentials.source and basic.auth.user.info are both set; keep one");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "https://editor:pw@registry.example",
            RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN", RegistrySettings.BEARER_TOKEN, "t")))
            .hasMessageContaining("bearer.auth.credentials.source and the user info in schema.registry.url are both set");
        assertThatThrownBy(() -> settings(oauth(RegistrySettings.CREDENTIALS_SOURCE, "SASL_INHERIT")))
            .hasMessageContaining("bearer.auth.credentials.source and basic.auth.credentials.source are both set");
    }

    @Test
    void aBearerSettingWithoutItsSourceOrOutsideItsModeIsRefused() {
        assertThatThrownBy(() -> settings(RegistrySettings.BEARER_TOKEN, "t"))
            .hasMessage("bearer.auth.token is set but bearer.auth.credentials.source is not (Confluent's client would ignore it): "
                + "set bearer.auth.credentials.source to STATIC_TOKEN, OAUTHBEARER or SASL_OAUTHBEARER_INHERIT");
        assertThatThrownBy(() -> settings(oauth(RegistrySettings.BEARER_TOKEN, "t")))
            .hasMessage("bearer.auth.token is not read with bearer.auth.credentials.source=OAUTHBEARER; remove it");
        assertThatThrownBy(() -> settings(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN", RegistrySettings.BEARER_TOKEN, "t",
            RegistrySettings.BEARER_CLIENT_ID, "c", RegistrySettings.BEARER_SCOPE, "s"))
            .hasMessage("bearer.auth.client.id, bearer.auth.scope are not read with bearer.auth.credentials.source=STATIC_TOKEN; remove them");
    }

    @Test
    void missingOrMalformedBearerSettingsAreNamed() {
        assertThatThrownBy(() -> settings(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN"))
            .hasMessage("bearer.auth.credentials.source=STATIC_TOKEN needs bearer.auth.token");
        assertThatThrownBy(() -> settings(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "OAUTHBEARER", RegistrySettings.BEARER_ISSUER_ENDPOINT_URL,
            "https://idp.example/token", RegistrySettings.BEARER_CLIENT_ID, "c"))
            .hasMessage("bearer.auth.credentials.source=OAUTHBEARER needs bearer.auth.client.secret");
        assertThatThrownBy(() -> settings(oauth(RegistrySettings.BEARER_ISSUER_ENDPOINT_URL, "idp.example/token")))
            .hasMessage("bearer.auth.issuer.endpoint.url needs an http:// or https:// URL, got 'idp.example/token'");
        assertThatThrownBy(() -> settings(oauth(RegistrySettings.BEARER_CACHE_EXPIRY_BUFFER_SECONDS, "3601")))
            .hasMessage("bearer.auth.cache.expiry.buffer.seconds must be a whole number of seconds from 0 to 3600, got 3601");
        assertThatThrownBy(() -> settings(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "CUSTOM"))
            .hasMessageStartingWith("bearer.auth.credentials.source=CUSTOM (a provider class of your own) is not supported");
        assertThatThrownBy(() -> settings(RegistrySettings.CREDENTIALS_SOURCE, "SASL"))
            .hasMessage("basic.auth.credentials.source must be USER_INFO, URL or SASL_INHERIT, got SASL");
    }

    @Test
    void noModePrintsItsSecret() {
        assertThat(settings(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN", RegistrySettings.BEARER_TOKEN, "static-X1",
            RegistrySettings.BEARER_LOGICAL_CLUSTER, "lsrc-1").toString())
            .contains("bearerAuth=STATIC_TOKEN(****, logical cluster lsrc-1)").doesNotContain("static-X1");
        assertThat(settings(oauth(RegistrySettings.BEARER_SCOPE, "schema_registry")).toString())
            .contains("bearerAuth=OAUTHBEARER(client crossfire at https://idp.example/oauth2/token, scope schema_registry)")
            .doesNotContain("secret-Y2");
        assertThat(settings(RegistrySettings.USER_INFO, "editor:pw-Z3").toString()).contains("basicAuth=editor:****").doesNotContain("pw-Z3");
    }
}
