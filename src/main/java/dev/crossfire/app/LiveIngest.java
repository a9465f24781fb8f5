package dev.crossfire.app;

import dev.crossfire.avro.Post;
import dev.crossfire.ingest.live.CursorFile;
import dev.crossfire.ingest.live.DeadLetterRecord;
import dev.crossfire.ingest.live.Delivery;
import dev.crossfire.ingest.live.FollowedDids;
import dev.crossfire.ingest.live.LiveMetrics;
import dev.crossfire.ingest.live.LiveSettings;
import dev.crossfire.ingest.live.LiveSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ingest}: a live stream into a running crossfire. Posts go to the posts topic as {@code replay}
 * sends them (Avro through the registry, keyed by post id, createdAt as the timestamp); a message that
 * does not convert goes to the dead-letter topic byte for byte, with its reason. The cursor file is
 * written only after the brokers acknowledged every record before it, so a restart never skips one.
 */
public final class LiveIngest {

    /**
     * @param timeout stop after this long without a post (null: never); {@code maxPosts} 0: no limit
     */
    public record Options(LiveSettings settings, CursorFile cursorFile, boolean followFigures, long maxPosts, Duration timeout,
                          boolean terminal) {
    }

    public record Summary(long messages, long posts, long skipped, long deadLettered, long reconnects, long cursorUs, Duration took,
                          String stoppedBy) {
    }

    private static final long REDRAW_NANOS = 500_000_000L;
    private static final int BATCH = 500;
    /** A flush per batch would cap a busy stream at the brokers' round trips; a second of posts at most is sent again after a crash. */
    private static final long KEEP_EVERY_NANOS = 1_000_000_000L;

    private LiveIngest() {
    }

    public static Summary run(Cluster cluster, Options o, PrintStream report, AtomicBoolean stop) throws IOException, InterruptedException {
        long start = System.nanoTime();
        LiveMetrics metrics = new LiveMetrics(new SimpleMeterRegistry(), o.settings().network(), Clock.systemUTC());
        long cursor = o.cursorFile() == null ? -1 : o.cursorFile().read();
        if (cursor >= 0) {
            report.printf("resuming %s a little before cursor %d (from %s)%n", o.settings().displayUrl(), cursor, o.cursorFile().path());
        }
        String posts = cluster.topics().posts();
        String rejected = cluster.topics().rejected();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long messages = 0;
        long written = 0;
        long skipped = 0;
        long dead = 0;
        long kept = cursor;
        String stoppedBy = "stopped";
        long lastPost = System.nanoTime();
        long lastDraw = 0;
        long lastKeep = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producer(), new ByteArraySerializer(), new ByteArraySerializer());
             LiveSource source = LiveSource.open(o.settings(), cursor, o.followFigures(), metrics, line -> notice(report, o.terminal(), line));
             RegistryWatch watch = o.followFigures() ? RegistryWatch.start(cluster, figures -> {
                 FollowedDids f = FollowedDids.of(figures);
                 notice(report, o.terminal(), "registry: " + figures.size() + " figures, " + f.dids().size() + " Bluesky DIDs to follow"
                     + (f.withoutDid() == 0 ? "" : ", " + f.withoutDid() + " Bluesky accounts without a DID (id: did:plc:...) not followed"));
                 source.follow(f.dids());
             }) : null) {
            loop:
            while (!stop.get()) {
                List<Delivery> batch = source.poll(BATCH, Duration.ofMillis(200));
                for (Delivery d : batch) {
                    messages++;
                    if (d.rejected()) {
                        RecordHeaders headers = new RecordHeaders();
                        DeadLetterRecord.headers(d, o.settings()).forEach(headers::add);
                        producer.send(new ProducerRecord<>(rejected, null, null, null, d.rejection().raw(), headers), callback(failure));
                        dead++;
                        notice(report, o.terminal(), "dead-lettered " + d.rejection().reason() + ": " + d.rejection().message());
                    } else if (d.posts().isEmpty()) {
                        skipped++;
                    }
                    for (Post post : d.posts()) {
                        producer.send(new ProducerRecord<>(posts, null, post.getCreatedAt().toEpochMilli(),
                            post.getId().getBytes(StandardCharsets.UTF_8), cluster.serdes().post.serialize(posts, post)), callback(failure));
                        written++;
                        lastPost = System.nanoTime();
                    }
                    cursor = Math.max(cursor, d.cursorUs());
                    if (o.maxPosts() > 0 && written >= o.maxPosts()) {
                        stoppedBy = "--max " + o.maxPosts() + " posts";
                        break loop;
                    }
                }
                long now = System.nanoTime();
                if (now - lastKeep > KEEP_EVERY_NANOS) {
                    kept = keep(producer, failure, o.cursorFile(), cursor, kept);
                    lastKeep = now;
                }
                if (o.terminal() && now - lastDraw > REDRAW_NANOS) {
                    lastDraw = now;
                    report.print("\r\033[K" + progress(written, skipped, dead, metrics, source.connections()));
                    report.flush();
                }
                if (o.timeout() != null && now - lastPost > o.timeout().toNanos()) {
                    stoppedBy = "--timeout " + o.timeout() + " without a post";
                    break;
                }
            }
            keep(producer, failure, o.cursorFile(), cursor, kept);
        }
        if (o.terminal()) {
            report.print("\r\033[K");
        }
        return new Summary(messages, written, skipped, dead, metrics.reconnects(), cursor, Duration.ofNanos(System.nanoTime() - start),
            stoppedBy);
    }

    /** Flushes, then keeps the cursor: it only moves once everything before it is on the brokers. */
    private static long keep(KafkaProducer<byte[], byte[]> producer, AtomicReference<Exception> failure, CursorFile file, long cursor,
                             long kept) throws IOException {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("sending failed: " + failure.get().getMessage() + "; the cursor stays at " + kept, failure.get());
        }
        if (file != null && cursor > kept) {
            file.write(cursor);
            return cursor;
        }
        return kept;
    }

    private static org.apache.kafka.clients.producer.Callback callback(AtomicReference<Exception> failure) {
        return (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        };
    }

    static String progress(long posts, long skipped, long dead, LiveMetrics metrics, int connections) {
        double lag = metrics.lagSeconds();
        return String.format(Locale.ROOT, "%,d posts  %,d skipped  %,d dead-lettered  lag %s  connection %d", posts, skipped, dead,
            Double.isNaN(lag) ? "-" : String.format(Locale.ROOT, "%.1f s", lag), connections);
    }

    private static void notice(PrintStream report, boolean terminal, String line) {
        synchronized (report) {
            report.print(terminal ? "\r\033[K" + line + "\n" : line + "\n");
            report.flush();
        }
    }
}
