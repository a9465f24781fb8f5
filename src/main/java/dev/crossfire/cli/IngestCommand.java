package dev.crossfire.cli;

import dev.crossfire.app.Cluster;
import dev.crossfire.app.LiveIngest;
import dev.crossfire.ingest.live.CursorFile;
import dev.crossfire.ingest.live.LiveNetwork;
import dev.crossfire.ingest.live.LiveSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingest --from bluesky-jetstream|mastodon-stream URL}: a live stream into a running crossfire. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Reads a live stream, Bluesky's Jetstream or a Mastodon server's streaming API (WebSocket), converts each message "
        + "with the importer import --from bluesky|mastodon uses, and produces the posts to crossfire's posts topic as replay does. "
        + "A message that does not convert goes to the dead-letter topic, byte for byte, with its reason.",
        "Reconnects by itself, with backoff; Jetstream resumes a few seconds before the last event written (--cursor-file keeps it "
            + "across runs). Runs until Ctrl-C, --max posts, or --timeout without one."})
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "bluesky-jetstream|mastodon-stream", description = "The network.")
    String from;

    @Parameters(index = "0", paramLabel = "URL", description = "The stream: wss://jetstream2.us-east.bsky.network/subscribe, or "
        + "wss://SERVER/api/v1/streaming?stream=public (or stream=list&list=ID, stream=hashtag&tag=T, stream=user).")
    URI url;

    @Option(names = "--cursor-file", paramLabel = "FILE", description = "Jetstream: where the cursor of the last event written is kept; "
        + "a run resumes 5 s before it.")
    Path cursorFile;

    @Option(names = "--follow-figures", description = "Jetstream: stream only the Bluesky accounts of the figures registry (their DIDs, "
        + "wantedDids), and follow the registry's changes without restarting.")
    boolean followFigures;

    @Option(names = "--access-token", paramLabel = "TOKEN", defaultValue = "${env:CROSSFIRE_MASTODON_TOKEN}",
        description = "Mastodon: the access token the server asks for (default: $CROSSFIRE_MASTODON_TOKEN).")
    String accessToken;

    @Option(names = "--max", defaultValue = "0", paramLabel = "N", description = "Stop after N posts (default: no limit).")
    long max;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop after this long without a post (30s or PT30S).")
    Duration timeout;

    @Option(names = "--max-message-bytes", defaultValue = "1048576", paramLabel = "BYTES",
        description = "Longer messages go to the dead-letter topic (default: 1 MiB).")
    int maxMessageBytes;

    @Option(names = "--no-progress", description = "No progress line, even on a terminal.")
    boolean noProgress;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Override
    public Integer call() throws Exception {
        LiveNetwork network = LiveNetwork.named(from);
        if (followFigures && network != LiveNetwork.BLUESKY_JETSTREAM) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--follow-figures is for Jetstream: Mastodon's "
                + "streaming API cannot filter by account; stream a list of the figures' accounts instead (stream=list&list=ID with "
                + "--access-token), see docs/live-sources.md");
        }
        if (cursorFile != null && !network.hasCursor()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--cursor-file is for Jetstream: Mastodon's "
                + "streaming API cannot resume");
        }
        LiveSettings settings = LiveSettings.defaults(network, url).withAccessToken(accessToken == null || accessToken.isBlank() ? null : accessToken)
            .withBounds(LiveSettings.DEFAULT_QUEUE_MESSAGES, maxMessageBytes, Math.max(maxMessageBytes, LiveSettings.DEFAULT_MAX_DEAD_LETTER_BYTES));
        Cluster c = cluster.cluster();
        boolean terminal = !noProgress && System.console() != null;
        LiveIngest.Summary s;
        try (StopSignal stop = new StopSignal("ingest-stop", Duration.ofSeconds(10))) {
            s = LiveIngest.run(c, new LiveIngest.Options(settings, cursorFile == null ? null : new CursorFile(cursorFile), followFigures, max,
                timeout, terminal), System.err, stop.flag());
        }
        System.err.printf("ingest --from %s: %,d messages, %,d posts sent to %s, %,d not posts (skipped), %,d dead-lettered to %s, "
                + "%,d reconnects in %.1f s (%s)%s%n", from, s.messages(), s.posts(), c.topics().posts(), s.skipped(), s.deadLettered(),
            c.topics().rejected(), s.reconnects(), s.took().toMillis() / 1000.0, s.stoppedBy(),
            s.cursorUs() >= 0 ? "; cursor " + s.cursorUs() : "");
        return ExitCodes.of(s.deadLettered());
    }
}
