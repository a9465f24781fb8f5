package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        assertThat(printed).contains("why:", "RECIPROCAL", "HOSTILE", "Jeff Sessions → Donald J. Trump  QUOTE");
        assertThat(printed).containsPattern("done: posts read 375, rejected 0, duplicates 1, threads 121 \\(orphans 1\\)");
    }
}
