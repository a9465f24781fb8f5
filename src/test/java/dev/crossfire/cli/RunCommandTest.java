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
        assertThat(run.err().strip()).isEqualTo("crossfire: bootstrap.servers is not set");
    }

    @Test
    void aRegistryThatIsDownStopsTheStartWithOneLine() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Path config = dir.resolve("crossfire.properties");
        Files.writeString(config, "bootstrap.servers=127.0.0.1:1\nschema.registry.url=http://127.0.0.1:" + deadPort + "\n");
        CliRun run = CliRun.of("run", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("crossfire:"))).singleElement().asString()
            .contains("registry at http://127.0.0.1:" + deadPort + " unreachable");
    }

    @Test
    void aMissingFileIsNamed() {
        CliRun run = CliRun.of("run", "--config", dir.resolve("nope.properties").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("crossfire: cannot read configuration file " + dir.resolve("nope.properties") + ": no such file");
    }
}
