package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    /** Flags take durations as configuration does: PT2M and 2m alike; anything else is a usage error. */
    @Test
    void durationsOnFlagsReadAsInConfiguration() {
        for (String t : new String[] {"2m", "PT2M", "120s"}) {
            CliRun r = CliRun.of("detect", "--posts", "/nonexistent.jsonl", "--figures", "/nonexistent.yaml", "--alerts", "/tmp/x.jsonl",
                "--timeout", t);
            assertThat(r.exit()).as(t + ": " + r.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.err()).contains("cannot read figures file");
        }
        CliRun bad = CliRun.of("detect", "--posts", "/nonexistent.jsonl", "--figures", "/nonexistent.yaml", "--alerts", "/tmp/x.jsonl",
            "--timeout", "soon");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("'soon' is not a duration");
    }

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

    @Test
    void aFiguresFileWithSeveralProblemsGivesOneLinePerProblemNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path figures = java.nio.file.Files.writeString(dir.resolve("figures.yaml"), """
            - id: no-accounts
              name: No Accounts
            - name: No Id
              accounts: [{platform: x, handle: noid}]
            """);
        java.nio.file.Path posts = java.nio.file.Files.writeString(dir.resolve("posts.jsonl"), "{}\n");

        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(), "--alerts", dir.resolve("a").toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().strip().lines().toList()).containsExactly(
            "crossfire: public-figures file " + figures + " has 2 problems:",
            "crossfire:   " + figures + ":1:3: entry 1 (id 'no-accounts'): missing accounts (at least one account is required)",
            "crossfire:   " + figures + ":3:3: entry 2 (no id): missing id");
    }

    @Test
    void detectRefusesAnAlertsPathItCannotWriteBeforeReadingAnything(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path posts = java.nio.file.Files.writeString(dir.resolve("posts.jsonl"), "{}\n");

        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", "src/main/resources/demo/figures.yaml",
            "--alerts", dir.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().strip()).isEqualTo("crossfire: cannot write alerts file " + dir + ": it is a directory");
    }

    @Test
    void detectOnAnEmptyFileReportsNothingReadAndWritesNoAlerts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path posts = java.nio.file.Files.writeString(dir.resolve("posts.jsonl"), "\n  \n");
        java.nio.file.Path alerts = dir.resolve("out/alerts.jsonl");

        CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", "src/main/resources/demo/figures.yaml",
            "--alerts", alerts.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("crossfire detect: posts read 0, rejected 0");
        assertThat(alerts).isEmptyFile();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"replay --posts pom.xml", "alerts tail", "figures load --dry-run"})
    void aToolPointedAtADeadBrokerSaysSoInOneLineNamingTheAddress(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:2"));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines().filter(l -> l.startsWith("crossfire:"))).singleElement().asString()
            .startsWith("crossfire: cannot reach Kafka at 127.0.0.1:1: no broker answered within 10 s; check --bootstrap-servers");
    }
}
