package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.WaitingChildren;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.post.RejectReason;
import dev.crossfire.testing.HostileInput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The properties every hostile-input test asserts, in one place: nothing escapes the driver, every
 * rejected record is dead-lettered once with its bytes and a reason, every accepted post is threaded
 * once, and the state stays within its configured bounds.
 */
final class HostileChecks {

    static final Set<String> REASONS = Stream.of(RejectReason.values()).map(Enum::name).collect(Collectors.toSet());
    /**
     * The largest record the topics and changelogs crossfire does not size itself accept: the
     * broker's default {@code message.max.bytes} (1 MiB less the batch overhead Kafka allows for).
     */
    static final int BROKER_DEFAULT_MAX_RECORD_BYTES = 1_048_588 - 100;

    private HostileChecks() {
    }

    /** Pipes one record; anything thrown out of the driver is what would kill a stream thread. */
    static void pipe(TopologyFixture t, byte[] key, byte[] value) {
        pipeTo(t.posts, key, value);
    }

    /** The same for any input topic (the thread-requests loop is one). */
    static void pipeTo(TestInputTopic<byte[], byte[]> topic, byte[] key, byte[] value) {
        try {
            topic.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), TopologyFixture.INGEST_TIME));
        } catch (RuntimeException | Error e) {
            throw new AssertionError("an exception escaped the topology (a stream thread would die) on key " + HostileInput.hex(key)
                + " value " + HostileInput.hex(value) + ": " + e, e);
        }
    }

    static void pipe(TopologyFixture t, String key, String json) {
        pipe(t, key == null ? null : key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the one record just sent was dead-lettered, untouched, with a reason; returns the reason. */
    static String assertDeadLetteredOnce(TopologyFixture t, byte[] key, byte[] value) {
        List<TestRecord<byte[], byte[]>> rejected = t.rejected.readRecordsToList();
        assertThat(rejected).as("dead letters for value %s", printable(value)).hasSize(1);
        TestRecord<byte[], byte[]> dead = rejected.get(0);
        assertThat(Arrays.equals(dead.key(), key)).as("dead letter keeps the key").isTrue();
        assertThat(Arrays.equals(dead.value(), value)).as("dead letter keeps the bytes").isTrue();
        String reason = header(dead, DeadLetter.REASON);
        assertThat(reason).as("reason of %s (message: %s)", printable(value), header(dead, DeadLetter.MESSAGE)).isIn(REASONS);
        assertThat(header(dead, DeadLetter.MESSAGE)).isNotBlank();
        assertThat(header(dead, DeadLetter.STAGE)).isEqualTo("validate");
        assertThat(header(dead, DeadLetter.SOURCE_TOPIC)).isEqualTo(t.settings.topics().posts());
        return reason;
    }

    /** JSON as text (cut at 300 characters), anything else as hex. */
    static String printable(byte[] value) {
        if (value != null && value.length > 0 && value[0] == '{') {
            String text = new String(value, StandardCharsets.UTF_8);
            return text.length() > 300 ? text.substring(0, 300) + "... (" + value.length + " bytes)" : text;
        }
        return HostileInput.hex(value);
    }

    static String header(TestRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Post id → how often it came out on the threads topic. */
    static Map<String, Integer> threadedCounts(List<ThreadedPost> threaded) {
        Map<String, Integer> counts = new HashMap<>();
        threaded.forEach(p -> counts.merge(p.getPost().getId(), 1, Integer::sum));
        return counts;
    }

    /** The waiting children and the exchanges within their configured bounds; returns the children waiting. */
    static int assertStateWithinBounds(TopologyFixture t) {
        KeyValueStore<String, WaitingChildren> pending = t.driver.getKeyValueStore(StoreNames.WAITING);
        int waiting = 0;
        try (KeyValueIterator<String, WaitingChildren> it = pending.all()) {
            while (it.hasNext()) {
                var entry = it.next();
                int children = entry.value.getChildren().size();
                assertThat(children).as("children waiting for %s", entry.key).isLessThanOrEqualTo(t.settings.maxWaitingChildren());
                int bytes = t.serdes.waiting.serialize("changelog", entry.value).length;
                assertThat(bytes).as("bytes of the children waiting for %s (one changelog record)", entry.key)
                    .isLessThanOrEqualTo(BROKER_DEFAULT_MAX_RECORD_BYTES);
                waiting += children;
            }
        }
        KeyValueStore<String, ExchangeState> exchanges = t.driver.getKeyValueStore(StoreNames.EXCHANGES);
        try (KeyValueIterator<String, ExchangeState> it = exchanges.all()) {
            while (it.hasNext()) {
                var entry = it.next();
                assertThat(entry.value.getTurns().size()).as("turns kept for %s", entry.key).isLessThanOrEqualTo(t.settings.maxTurnsKept());
            }
        }
        return waiting;
    }
}
