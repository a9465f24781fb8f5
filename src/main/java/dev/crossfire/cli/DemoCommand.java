package dev.crossfire.cli;

import dev.crossfire.app.AlertText;
import dev.crossfire.app.FileRun;
import dev.crossfire.app.PostLines;
import dev.crossfire.app.RunSummary;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code demo}: the bundled sample through the real topology on the embedded broker, alerts printed for an editor. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Starts the embedded Kafka broker and schema registry, loads the bundled figures registry and sample stream "
        + "(the Trump-Sessions exchange of May 2020 among a few hundred ordinary posts), runs the topology and prints each "
        + "alert as it arrives. Exits 0 when the sample is done."})
public final class DemoCommand implements Callable<Integer> {

    static final String FIGURES = "/demo/figures.yaml";
    static final String POSTS = "/demo/posts.jsonl";

    @Option(names = "--follow", description = "Keep running after the sample, printing alerts for posts sent to the posts topic, "
        + "and serve the live view and the query API (see --http-port).")
    boolean follow;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
        description = "With --follow: the loopback port of the live view (http://127.0.0.1:PORT/live/) and the query API; 0 for any free port "
            + "(default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "DURATION", description = "Bound on each wait (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (httpPort < 0 || httpPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--http-port: " + httpPort + " is not a port (0-65535; 0 for any free one)");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Figure> figures;
        try (InputStream in = resource(FIGURES)) {
            figures = FigureFile.read(in, FIGURES);
        }
        List<PostLines.Line> lines;
        try (InputStream in = resource(POSTS)) {
            lines = PostLines.read(in);
        }
        out.printf("crossfire demo: %d public figures, %d posts; starting an embedded Kafka broker...%n%n", figures.size(), lines.size());
        RunSummary summary = FileRun.run(figures, lines, CrossfireSettings.defaults(),
            new FileRun.Options(null, null, TopicLayout.DEFAULT_PARTITIONS, timeout, follow, follow ? httpPort : -1),
            alert -> out.println(AlertText.render(alert)));
        out.println("done: " + summary.describe());
        for (RunSummary.RejectedLine r : summary.rejected()) {
            out.println("  rejected line " + r.line() + ": " + r.reason() + ": " + r.message());
        }
        return 0;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoCommand.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the bundled " + name + " is missing from the jar");
        }
        return in;
    }
}
