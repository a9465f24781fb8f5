package dev.crossfire.app;

import dev.crossfire.avro.Post;
import dev.crossfire.ingest.BoundedLines;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJson;
import dev.crossfire.topology.DeadLetter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code replay}: a posts file onto the posts topic, in file order, each post Avro-encoded through the
 * schema registry with its createdAt as the record's timestamp. A line that is not a valid post is
 * reported with its number and reason and still sent, as it is, so that crossfire puts it on the
 * dead-letter topic with the reason (as detect does), a line that is not UTF-8 too, byte for byte;
 * only a line too long to send at all is kept back, and reported.
 */
public final class Replay {

    /** Longest line sent; the posts topic takes records of up to 8 MB. */
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024;
    static final int REPORTED_LINES = 20;

    public record Summary(long lines, long sent, long invalid, long tooLong, Duration took) {
        public double perSecond() {
            return took.isZero() ? 0 : sent / (took.toNanos() / 1e9);
        }
    }

    private Replay() {
    }

    /**
     * @param total posts expected, for the progress bar's percentage and ETA; -1 when unknown
     */
    public static Summary run(Cluster cluster, InputStream in, long total, ReplayPace pace, PrintStream report, boolean terminal)
        throws IOException, InterruptedException {
        return run(cluster, in, total, pace, report, terminal, false);
    }

    /**
     * @param endOfInput after the posts, the end-of-input record detect sends: an archive has no later
     *                   posts to move the partitions' clocks past its last replies' waits and its last
     *                   turns, so they would wait for the live stream (see {@code EndOfInput}); the
     *                   running crossfire must accept it ({@code crossfire.end-of-input.accept})
     */
    public static Summary run(Cluster cluster, InputStream in, long total, ReplayPace pace, PrintStream report, boolean terminal,
                              boolean endOfInput) throws IOException, InterruptedException {
        String topic = cluster.topics().posts();
        BoundedLines lines = new BoundedLines(in, MAX_LINE_BYTES);
        long start = System.nanoTime();
        ReplayProgress progress = new ReplayProgress(report, terminal, total, start);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = 0;
        long sent = 0;
        long invalid = 0;
        long tooLong = 0;
        Duration sending;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
            BoundedLines.Line line;
            while ((line = lines.next()) != null && failure.get() == null) {
                count++;
                if (line.tooLong()) {
                    tooLong++;
                    reportLine(report, terminal, invalid + tooLong, "line " + line.number() + ": " + line.length()
                        + " bytes, longer than the " + MAX_LINE_BYTES + " a post record may hold; not sent");
                    continue;
                }
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                byte[] raw = line.raw();
                RecordHeaders headers = new RecordHeaders();
                headers.add(DeadLetter.SOURCE_LINE, Long.toString(line.number()).getBytes(StandardCharsets.UTF_8));
                ProducerRecord<byte[], byte[]> record;
                try {
                    if (line.notUtf8()) {
                        throw new InvalidPostException(dev.crossfire.post.RejectReason.NOT_UTF8, line.problem(MAX_LINE_BYTES));
                    }
                    Post post = PostJson.parse(raw);
                    Duration wait = pace.waitBefore(sent, post.getCreatedAt(), System.nanoTime());
                    if (!wait.isZero()) {
                        Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
                    }
                    record = new ProducerRecord<>(topic, null, post.getCreatedAt().toEpochMilli(),
                        post.getId().getBytes(StandardCharsets.UTF_8), cluster.serdes().post.serialize(topic, post), headers);
                } catch (InvalidPostException e) {
                    invalid++;
                    reportLine(report, terminal, invalid + tooLong, "line " + line.number() + ": " + e.reason() + ": " + e.getMessage()
                        + " (sent as it is: crossfire puts it on the dead-letter topic)");
                    record = new ProducerRecord<>(topic, null, null, ("line:" + line.number()).getBytes(StandardCharsets.UTF_8), raw, headers);
                }
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                progress.update(sent, System.nanoTime());
            }
            producer.flush();
            sending = Duration.ofNanos(System.nanoTime() - start); // the rate is of the posts, not of the pauses below
            if (endOfInput && failure.get() == null) {
                KafkaIo.endOfInput(producer, topic);
            }
        }
        progress.finish();
        if (failure.get() != null) {
            throw new IllegalStateException("sending to " + topic + " failed after " + sent + " records: " + failure.get().getMessage(),
                failure.get());
        }
        if (invalid + tooLong > REPORTED_LINES) {
            report.printf("... and %,d more lines reported%n", invalid + tooLong - REPORTED_LINES);
        }
        return new Summary(count, sent, invalid, tooLong, sending);
    }

    private static void reportLine(PrintStream report, boolean terminal, long reported, String message) {
        if (reported <= REPORTED_LINES) {
            report.print(terminal ? "\r\033[K" + message + "\n" : message + "\n");
        }
    }
}
