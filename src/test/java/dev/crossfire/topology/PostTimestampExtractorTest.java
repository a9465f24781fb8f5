package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.post.PostDecoder;
import dev.crossfire.post.PostValidator;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.testing.PostBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class PostTimestampExtractorTest {

    private static final long APPENDED = Instant.parse("2026-11-27T09:00:00Z").toEpochMilli();

    private final PostTimestampExtractor extractor = new PostTimestampExtractor(
        new PostDecoder(new AvroSerde<>(new InMemorySchemaRegistry(), dev.crossfire.avro.Post.getClassSchema())),
        new PostValidator(Duration.ofHours(1), 50_000));

    @Test
    void aPostIsPlacedAtItsCreationTimeNotWhenTheBrokerAppendedIt() {
        PostBuilder post = PostBuilder.post("x:1", "alice", "2020-05-22T23:10:41Z", "hello");
        assertThat(extractor.extract(record(post.json().getBytes(StandardCharsets.UTF_8), new RecordHeaders()), 0))
            .isEqualTo(Instant.parse("2020-05-22T23:10:41Z").toEpochMilli());
    }

    @Test
    void aFlushMovesStreamTimeToTheTimeInItsHeaderNotToItsAppendTime() {
        long flushAt = Instant.parse("2020-05-26T00:00:00Z").toEpochMilli();
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.CONTROL, DeadLetter.CONTROL_FLUSH.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.CONTROL_TIME, Long.toString(flushAt).getBytes(StandardCharsets.UTF_8));
        assertThat(extractor.extract(record(new byte[0], headers), 0)).isEqualTo(flushAt);
        // never backwards, and an unreadable time keeps the partition's time
        assertThat(extractor.extract(record(new byte[0], headers), flushAt + 5)).isEqualTo(flushAt + 5);
        RecordHeaders garbled = new RecordHeaders();
        garbled.add(DeadLetter.CONTROL, DeadLetter.CONTROL_FLUSH.getBytes(StandardCharsets.UTF_8));
        garbled.add(DeadLetter.CONTROL_TIME, "soon".getBytes(StandardCharsets.UTF_8));
        assertThat(extractor.extract(record(new byte[0], garbled), 42)).isEqualTo(42);
    }

    private static ConsumerRecord<Object, Object> record(byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("crossfire.posts", 0, 0, APPENDED, TimestampType.LOG_APPEND_TIME, 0, value.length, null, value,
            headers, Optional.empty());
    }
}
