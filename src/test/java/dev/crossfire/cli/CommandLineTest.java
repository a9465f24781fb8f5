package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("demo", "detect", "run");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"demo", "detect", "run"}) {
            Result r = run(command, "--help");
            assertThat(r.exit).as(command).isZero();
            assertThat(r.out).as(command).contains("Usage: crossfire " + command);
        }
    }

    @Test
    void aSchemaRegistryUrlIsRefusedClearlyUntilTheClientExists() {
        Result r = run("detect", "--posts", "p", "--figures", "f", "--alerts", "a", "--schema-registry-url", "http://localhost:8081");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.strip()).startsWith("crossfire: --schema-registry-url is not supported yet").doesNotContain("\n");
    }

    @Test
    void badArgumentsExitNonZeroWithAReason() {
        Result r = run("detect", "--posts", "p");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("crossfire: Missing required options");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CrossfireCommand.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }
}
