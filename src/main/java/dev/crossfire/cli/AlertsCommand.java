package dev.crossfire.cli;

import dev.crossfire.app.AlertKind;
import dev.crossfire.app.AlertsTail;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alerts}: reading crossfire's alerts topic. */
@Command(name = "alerts", mixinStandardHelpOptions = true, subcommands = {AlertsCommand.Tail.class, AlertsNotifyCommand.class},
    description = "Reads crossfire's alerts and pile-ons topics; see alerts tail and alerts notify.")
public final class AlertsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (tail, notify)");
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints each alert as it is committed to the alerts topic: the level (coloured on a terminal), the figures, "
            + "the turns with time and text, the reasons. From now on by default, or from the start of the topic.",
            "Runs until Ctrl-C, --max alerts, or --timeout without one."})
    static final class Tail implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster = new ClusterOptions();

        @Option(names = "--topic", defaultValue = "alerts", paramLabel = "alerts|pileons",
            description = "Which alerts to print: the exchange alerts (default) or the pile-on alerts (several figures turning on one).")
        String topic;

        @Option(names = "--from-beginning", description = "Start at the oldest alert the topic keeps, not at the next one.")
        boolean fromBeginning;

        @Option(names = "--json", description = "One JSON object per alert (JSON Lines), as detect writes them.")
        boolean json;

        @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
            description = "Colour the level: auto (on a terminal), always or never (default: ${DEFAULT-VALUE}).")
        String color;

        @Option(names = "--max", defaultValue = "0", paramLabel = "N", description = "Stop after N alerts (default: no limit).")
        long max;

        @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop when no alert has come for this long, e.g. 30s or PT30S (default: never).")
        java.time.Duration timeout;

        @Override
        public Integer call() throws Exception {
            boolean colour = switch (color) {
                case "always" -> true;
                case "never" -> false;
                case "auto" -> System.console() != null && System.getenv("NO_COLOR") == null;
                default -> throw new IllegalArgumentException("--color must be auto, always or never, not " + color);
            };
            try (StopSignal stop = new StopSignal("alerts-tail-stop", java.time.Duration.ofSeconds(5))) {
                AlertsTail.run(AlertKind.named(topic), cluster.cluster(), fromBeginning, json ? AlertsTail.Format.JSON : AlertsTail.Format.TEXT, colour && !json, max,
                    timeout, System.out, stop.flag());
            }
            return 0;
        }
    }
}
