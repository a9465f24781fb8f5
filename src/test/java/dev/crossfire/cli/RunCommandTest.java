package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run refuses to start, in one line, when what it needs is missing or unreachable. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSettingIsNamed() throws Exception {
        Path config = dir.resolve("crossfire.properties");
        Files.writeString(config, "schema.registry.url=http://127.0.0.1:8081\n");
        CliRun run = CliRun.of("run", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("crossfire: 1 configuration problem:\ncrossfire:   bootstrap.servers: required, not set");
    }

    @Test
    void aRegistryThatIsDownStopsTheStartWithOneLine() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Path config = dir.resolve("crossfire.properties");
        Files.writeString(config, "bootstrap.servers=127.0.0.1:1\nschema.registry.url=http://127.0.0.1:" + deadPort + "\ncrossfire.http.port=0\n");
        CliRun run = CliRun.of("run", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("crossfire:"))).singleElement().asString()
            .contains("registry at http://127.0.0.1:" + deadPort + " unreachable");
    }

    @Test
    void everyProblemGetsALineOfItsOwn() throws Exception {
        Path config = dir.resolve("crossfire.yaml");
        Files.writeString(config, """
            bootstrap.servers: 127.0.0.1:9092
            crossfire:
              thread:
                parent-wait: soon
              exchange:
                max-turns: 0
              escalation:
                weight:
                  hostility: 2
              topic-posts: typo
            """);
        CliRun run = CliRun.of("run", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().toList()).containsExactlyInAnyOrder(
            "crossfire: 5 configuration problems:",
            "crossfire:   crossfire.topic-posts: unknown crossfire setting (see the configuration reference)",
            "crossfire:   schema.registry.url: required, not set",
            "crossfire:   crossfire.escalation.weight.hostility: 2.0 is outside [0, 1]",
            "crossfire:   crossfire.thread.parent-wait: 'soon' is not a duration (e.g. 500ms, 30s, 15m, 72h, 7d)",
            "crossfire:   crossfire.exchange.max-turns: must be at least 1");
    }

    @Test
    void printConfigShowsTheEffectiveSettingsWithSecretsMasked() throws Exception {
        Path config = dir.resolve("crossfire.properties");
        Files.writeString(config, String.join("\n", "bootstrap.servers=kafka:9092", "schema.registry.url=https://registry:8081",
            "basic.auth.user.info=editor:s3cret", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password=\"x\";",
            "ssl.truststore.password=changeit", "security.protocol=SASL_SSL", ""));
        CliRun run = CliRun.of("run", "--config", config.toString(), "--print-config");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("basic.auth.user.info=editor:****", "sasl.jaas.config=****", "ssl.truststore.password=****",
            "security.protocol=SASL_SSL", "processing.guarantee=exactly_once_v2", "crossfire.thread.parent-wait=PT15M")
            .doesNotContain("s3cret", "changeit", "password=\"x\"");
    }

    @Test
    void aMissingFileIsNamed() {
        CliRun run = CliRun.of("run", "--config", dir.resolve("nope.properties").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("crossfire: cannot read configuration file " + dir.resolve("nope.properties") + ": no such file");
    }
}
