package dev.crossfire.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import dev.crossfire.avro.Post;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.post.PostValidator;
import dev.crossfire.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for the posts topic: the post's createdAt. A record that cannot be read, or whose
 * createdAt is far in the future, must not move stream time (one bad clock would expire every
 * buffer), so it gets the partition's current time and is rejected downstream. Control records
 * carry their time in a header (else the record timestamp); they never move stream time back.
 */
final class PostTimestampExtractor implements TimestampExtractor {

    private final PostDecoder decoder;
    private final PostValidator validator;

    PostTimestampExtractor(PostDecoder decoder, PostValidator validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    private static long controlTime(ConsumerRecord<Object, Object> record) {
        Header time = record.headers().lastHeader(DeadLetter.CONTROL_TIME);
        if (time != null) {
            try {
                return Long.parseLong(new String(time.value(), StandardCharsets.UTF_8).strip());
            } catch (NumberFormatException | NullPointerException e) {
                return -1; // unreadable: the partition's current time
            }
        }
        return record.timestamp();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long fallback = Math.max(partitionTime, 0);
        if (record.headers().lastHeader(DeadLetter.CONTROL) != null) {
            return Math.max(controlTime(record), fallback);
        }
        try {
            Post post = decoder.decode(record.topic(), (byte[]) record.value());
            long createdAt = post.getCreatedAt().toEpochMilli();
            if (createdAt <= 0 || validator.isFarFuture(createdAt, record.timestamp())) {
                return fallback;
            }
            return createdAt;
        } catch (InvalidPostException e) {
            return fallback;
        } catch (RuntimeException e) {
            if (SchemaRegistryException.isTransientIn(e)) {
                // a post stamped with the fallback now would be rejected later as a clock problem
                throw e;
            }
            return fallback;
        }
    }
}
