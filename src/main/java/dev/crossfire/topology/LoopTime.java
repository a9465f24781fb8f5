package dev.crossfire.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record time a loop record (a parent request, a stray, a link) is read at: that of the posts
 * record that caused it, carried in a header, rather than the broker's append time.
 *
 * <p>A task reads, of its partitions' next records, the one with the lowest time. With append times
 * a loop record is always newer than a backlog of posts appended before it, so a task used to read
 * its whole backlog before any answer to its requests: every level of a deep thread then cost a
 * round trip after the last post, and the waiting lists grew meanwhile. Stamped with its cause's
 * time, an answer is read before the posts that came after its question. This only orders work:
 * no decision reads a record's time (see docs/determinism.md), and the broker still stamps the
 * append time that retention uses.
 */
final class LoopTime implements TimestampExtractor {

    static final String HEADER = "crossfire.origin-time";

    static Header header(long time) {
        return new RecordHeader(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(time).array());
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Header origin = record.headers().lastHeader(HEADER);
        if (origin != null && origin.value() != null && origin.value().length == Long.BYTES) {
            long time = ByteBuffer.wrap(origin.value()).getLong();
            if (time >= 0) {
                return time;
            }
        }
        // written by an older version, or by hand: the append time, which the broker always sets
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
