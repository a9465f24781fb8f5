package dev.crossfire.metrics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Carries a post's arrival time (the Kafka timestamp of its record on the posts topic, which the
 * post's event time replaces from the first processor on) through the topology in one header, so
 * that the alert it triggers can measure its latency from arrival. Used only when metrics are on.
 *
 * <p>The posts source's timestamp extractor is the only place that still sees that timestamp, so
 * {@link #stamping} wraps it and writes the header on the consumed record (whose headers become the
 * processors' record headers). Processors pass it on explicitly with {@link #headers(long)}; the
 * thread buffer keeps it in memory for waiting children ({@link ArrivalMemo}). The header never
 * reaches an output topic (threads, alerts, dead letters): only the internal topics carry it.
 */
public final class ArrivalStamp {

    /** Decimal epoch milliseconds, like the other {@code crossfire.source.*} headers. */
    public static final String HEADER = "crossfire.source.timestamp";
    public static final long UNKNOWN = -1;

    private ArrivalStamp() {
    }

    /** The same extractor, stamping each record's own Kafka timestamp in {@link #HEADER} first. */
    public static TimestampExtractor stamping(TimestampExtractor inner) {
        return (record, partitionTime) -> {
            stamp(record.headers(), record.timestamp());
            return inner.extract(record, partitionTime);
        };
    }

    static void stamp(Headers headers, long timestamp) {
        if (headers == null) {
            return;
        }
        try {
            headers.remove(HEADER);
            if (timestamp >= 0) {
                headers.add(HEADER, Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IllegalStateException readOnly) {
            // read-only headers: this record's arrival stays unknown, nothing else changes
        }
    }

    /** The arrival time carried by these headers, or {@link #UNKNOWN}. */
    public static long read(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        if (h == null || h.value() == null) {
            return UNKNOWN;
        }
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /** Fresh headers carrying only the arrival time (none if unknown). */
    public static Headers headers(long arrival) {
        RecordHeaders headers = new RecordHeaders();
        stamp(headers, arrival);
        return headers;
    }

    /** Removes the stamp, for records leaving the topology on an external topic. */
    public static void strip(Headers headers) {
        stamp(headers, UNKNOWN);
    }
}
