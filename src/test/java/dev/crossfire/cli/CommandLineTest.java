package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void aRefusedKafkaLoginSaysWhyInItsOneLine() {
        var untrusted = new org.apache.kafka.common.errors.SslAuthenticationException("SSL handshake failed",
            new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
        assertThat(CrossfireCommand.oneLine(untrusted))
            .isEqualTo("SSL handshake failed (SSLHandshakeException: PKIX path building failed)");
        var wrongPassword = new org.apache.kafka.common.errors.SaslAuthenticationException("Authentication failed: invalid credentials");
        assertThat(CrossfireCommand.oneLine(wrongPassword)).isEqualTo("Authentication failed: invalid credentials");
        // a message that says why already is left as it is
        assertThat(CrossfireCommand.oneLine(new IllegalStateException("refused (SSLHandshakeException: PKIX path building failed)", untrusted)))
            .isEqualTo("refused (SSLHandshakeException: PKIX path building failed)");
        assertThat(CrossfireCommand.oneLine(new IllegalStateException("other", new java.io.IOException("disk")))).isEqualTo("other");
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "detect", "run");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"demo", "detect", "run", "reset", "bench", "bench serde", "bench score", "bench instances", "bench soak", "score", "score train"}) {
            String[] words = (command + " --help").split(" ");
            CliRun r = CliRun.of(words);
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: crossfire " + command);
        }
    }

    @Test
    void aMalformedSchemaRegistrySettingIsRefusedInOneLine() {
        CliRun r = CliRun.of("detect", "--posts", "p", "--figures", "f", "--alerts", "a", "--schema-registry-url", "ftp://registry:8081");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("crossfire: schema.registry.url needs http:// or https:// URLs, got 'ftp://registry:8081'");

        r = CliRun.of("detect", "--posts", "p", "--figures", "f", "--alerts", "a", "--schema-registry-url", "http://registry:8081",
            "--registry-property", "basic.auth.user.info=nocolon");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("crossfire: basic.auth.user.info must be user:password");
    }

    @Test
    void badArgumentsExitNonZeroWithAReason() {
        CliRun r = CliRun.of("detect", "--posts", "p");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("crossfire: Missing required options");
    }
}
