package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a newcomer runs it: the bundled sample on the real embedded broker, alerts printed. */
class DemoCommandIT {

    @Test
    void theDemoPrintsTheTrumpSessionsEscalationAndNothingElseEscalates() {
        CliRun run = CliRun.of("demo");
        String printed = run.out();
        System.out.println(printed);
        assertThat(run.exit()).isZero();
        assertThat(printed).contains("ESCALATING  Donald J. Trump ↔ Jeff Sessions");
        assertThat(printed.lines().filter(l -> l.startsWith("ESCALATING") || l.startsWith("SEVERE")))
            .allMatch(l -> l.contains("Donald J. Trump ↔ Jeff Sessions"));
        assertThat(printed).contains("why:", "back and forth", "hostile words on both sides", "Jeff Sessions → Donald J. Trump  QUOTE")
            .doesNotContain("HOSTILITY_RISING");
        // every parent of the sample is in it and earlier than its child: no orphan, whatever the speed (docs/determinism.md)
        assertThat(printed).contains("done: posts read 375, rejected 0, duplicates 1, threads 120 (orphans 0)");
    }

    @Test
    void aFollowedDemoStoppedBySigtermLeavesNothingInTheTempDirectory(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("demo.log");
        Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + tmpdir, "-cp", System.getProperty("java.class.path"), CrossfireCommand.class.getName(),
            "demo", "--follow", "--http-port", "0")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(log).contains("following:")) {
                assertThat(demo.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("the demo did not reach --follow in 2 minutes").isLessThan(deadline);
                Thread.sleep(200);
            }
            try (Stream<Path> during = Files.list(tmpdir)) {
                assertThat(during).as("the run's broker and state live here while it runs").isNotEmpty();
            }

            demo.destroy(); // SIGTERM, as docker stop and kubectl send
            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();

            try (Stream<Path> after = Files.list(tmpdir)) {
                assertThat(after).as(Files.readString(log)).isEmpty();
            }
            assertThat(Files.readString(log)).contains("stopping: closing the topology and the broker, deleting the working directory");
        } finally {
            demo.destroyForcibly();
        }
    }
}
