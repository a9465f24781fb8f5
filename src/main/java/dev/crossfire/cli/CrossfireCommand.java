package dev.crossfire.cli;

import dev.crossfire.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The crossfire command line: {@code java -jar target/crossfire.jar --help}. */
@Command(name = "crossfire", mixinStandardHelpOptions = true, version = "crossfire 0.1.0",
    description = "Detects escalating exchanges between public figures in a stream of social posts (Kafka Streams).",
    subcommands = {DemoCommand.class, DetectCommand.class, RunCommand.class, ResetCommand.class, BenchCommand.class, ScoreCommand.class,
        ImportCommand.class, ReplayCommand.class, IngestCommand.class, AlertsCommand.class, FiguresCommand.class, CommandLine.HelpCommand.class})
public final class CrossfireCommand implements Runnable {

    static {
        // Avro 1.12 instantiates generated classes only from trusted packages
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "dev.crossfire.avro");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (demo, detect or run)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new CrossfireCommand());
        // durations on flags as in configuration: PT30S and 30s alike
        cli.registerConverter(java.time.Duration.class, dev.crossfire.config.DurationText::parse);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException config) {
                // one line per problem, so a platform team fixes them all in one go
                commandLine.getErr().println("crossfire: " + config.problems().size() + " configuration problem"
                    + (config.problems().size() == 1 ? "" : "s") + ":");
                config.problems().forEach(p -> commandLine.getErr().println("crossfire:   " + p));
                return ExitCodes.FAILED;
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof dev.crossfire.figure.FigureFileException figures) {
                    // one line per problem, each naming the file, so an editor can jump to every one
                    commandLine.getErr().println("crossfire: public-figures file " + figures.source() + " has " + figures.problems().size()
                        + (figures.problems().size() == 1 ? " problem:" : " problems:"));
                    // file:line:column: what, as compilers print it, so an editor can jump to each
                    figures.problems().forEach(p -> commandLine.getErr().println("crossfire:   " + figures.source()
                        + (p.matches("(?s)^\\d+:\\d+: .*") ? ":" : ": ") + p));
                    return ExitCodes.FAILED;
                }
            }
            commandLine.getErr().println("crossfire: " + oneLine(e));
            return ExitCodes.FAILED;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("crossfire: " + e.getMessage());
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        String message = t.getMessage();
        while ((message == null || message.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            message = t.getMessage();
        }
        if (message == null) {
            message = t.getClass().getSimpleName();
        }
        String why = whyLoginRefused(e);
        if (why != null && !message.contains(why)) {
            message += " (" + why + ")";
        }
        return message.replaceAll("\\s*\\R\\s*", "; ");
    }

    /**
     * When Kafka refused the login, the innermost cause, which says why ("SSL handshake failed" alone
     * does not: an untrusted broker certificate, a client certificate the broker refused, ...); else null.
     */
    private static String whyLoginRefused(Throwable e) {
        boolean refused = false;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            refused |= t instanceof AuthenticationException;
            root = t;
        }
        if (!refused || root instanceof AuthenticationException || root.getMessage() == null) {
            return null;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
