package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "detect", "run");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"demo", "detect", "run"}) {
            CliRun r = CliRun.of(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: crossfire " + command);
        }
    }

    @Test
    void aSchemaRegistryUrlIsRefusedClearlyUntilTheClientExists() {
        CliRun r = CliRun.of("detect", "--posts", "p", "--figures", "f", "--alerts", "a", "--schema-registry-url", "http://localhost:8081");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("crossfire: --schema-registry-url is not supported yet").doesNotContain("\n");
    }

    @Test
    void badArgumentsExitNonZeroWithAReason() {
        CliRun r = CliRun.of("detect", "--posts", "p");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("crossfire: Missing required options");
    }
}
