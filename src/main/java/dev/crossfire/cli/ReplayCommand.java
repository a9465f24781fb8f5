package dev.crossfire.cli;

import dev.crossfire.app.Cluster;
import dev.crossfire.app.Replay;
import dev.crossfire.app.ReplayPace;
import dev.crossfire.ingest.BoundedLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay --posts FILE}: a posts file onto the posts topic of a running crossfire. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Produces the posts of a JSON Lines file (the output of import, the input of detect) to crossfire's posts "
        + "topic, in file order, Avro through the schema registry, each with its createdAt as the record timestamp.",
        "As fast as possible by default, or at --rate posts per second, or --speed times the speed they were written at. "
            + "On a terminal it shows a progress bar (rate, ETA); otherwise it prints one summary line."})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--posts", required = true, paramLabel = "FILE", description = "Posts as JSON Lines (.gz too), or - for standard input.")
    String posts;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    static final class Pace {
        @Option(names = "--rate", paramLabel = "POSTS_PER_SECOND", description = "Send at this many posts per second.")
        Double rate;

        @Option(names = "--speed", paramLabel = "FACTOR",
            description = "Send at this multiple of the original pace: 60 plays an hour of posts in a minute.")
        Double speed;
    }

    @ArgGroup(exclusive = true)
    Pace pace;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Option(names = "--end-of-input", description = "After the posts, send the end-of-input record detect sends, so that replies still "
        + "waiting for a parent are released (as orphans) and the last turns applied, instead of waiting for later posts. For an archive, "
        + "not a live feed; the running crossfire must accept it (crossfire.end-of-input.accept=true).")
    boolean endOfInput;

    @Override
    public Integer call() throws Exception {
        ReplayPace p = pace == null ? ReplayPace.fullSpeed()
            : pace.rate != null ? ReplayPace.rate(pace.rate) : ReplayPace.speedUp(pace.speed);
        Cluster c = cluster.cluster();
        boolean terminal = !noProgress && System.console() != null;
        long total = "-".equals(posts) ? -1 : countLines(Path.of(posts));
        Replay.Summary s;
        try (InputStream in = InputFile.open(posts, "posts file")) {
            s = Replay.run(c, in, total, p, System.err, terminal, endOfInput);
        }
        System.err.printf("replay: %,d records sent to %s in %.1f s (%,.0f/s, %s); %,d invalid lines sent for the dead-letter topic, "
                + "%,d lines too long to send%n", s.sent(), c.topics().posts(), s.took().toMillis() / 1000.0, s.perSecond(), p.describe(),
            s.invalid(), s.tooLong());
        return ExitCodes.of(s.invalid() + s.tooLong());
    }

    /** Non-empty lines, for the progress bar: one quick pass before the real one, holding no line. */
    private static long countLines(Path file) throws IOException {
        long n = 0;
        try (InputStream r = InputFile.open(file.toString(), "posts file")) {
            BoundedLines lines = new BoundedLines(r, 0);
            BoundedLines.Line line;
            while ((line = lines.next()) != null) {
                if (line.length() > 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
