package dev.crossfire.topology;

import dev.crossfire.avro.ExchangeInput;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.LinkerMessage;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.StrayPost;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.avro.Watermark;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The thread linker's outputs, one typed method per sink. Each sink has its own topic and serdes
 * ({@link CrossfireTopology}); a record goes to exactly the sink its method names, never to all
 * children to be told apart by type downstream.
 */
final class LinkerOutlets {

    static final String THREADS = "threads-sink";
    static final String REQUESTS = "thread-requests-sink";
    static final String LINKS = "thread-links-sink";
    static final String TURNS = "turns-sink";
    static final String REJECTED = "rejected-sink";

    private final ProcessorContext<Object, Object> context;
    /** The time of the input record being processed, which loop records carry on ({@link LoopTime}). */
    private long origin;

    LinkerOutlets(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    /** Loop records sent from now on were caused by an input record read at {@code time}. */
    void causedAt(long time) {
        this.origin = time;
    }

    private Headers loop() {
        return new RecordHeaders().add(LoopTime.header(origin));
    }

    void thread(ThreadedPost post, long timestamp) {
        send(THREADS, post.getRootId(), post, timestamp, new RecordHeaders());
    }

    void ask(ParentRequest request) {
        send(REQUESTS, request.getParentId(), new LinkerMessage(request), request.getChildCreatedAt().toEpochMilli(), loop());
    }

    void stray(StrayPost stray) {
        send(REQUESTS, stray.getPost().getId(), new LinkerMessage(stray), stray.getPost().getCreatedAt().toEpochMilli(), loop());
    }

    void link(ThreadLink link) {
        send(LINKS, link.getPostId(), link, link.getCreatedAt().toEpochMilli(), loop());
    }

    void turn(Interaction turn) {
        send(TURNS, turn.getPairKey(), new ExchangeInput(turn), turn.getTurn().getCreatedAt().toEpochMilli(), new RecordHeaders());
    }

    /** To every partition of the turns topic: {@link CrossfireTopology} gives watermarks a partitioner that says so. */
    void watermark(Watermark watermark) {
        // a watermark's record timestamp means nothing: its time is in its body, and may be the end of time
        send(TURNS, null, new ExchangeInput(watermark), 0L, new RecordHeaders());
    }

    void reject(byte[] key, byte[] value, long timestamp, Headers headers) {
        send(REJECTED, key, value, timestamp, headers);
    }

    private void send(String sink, Object key, Object value, long timestamp, Headers headers) {
        context.forward(new Record<>(key, value, timestamp, headers), sink);
    }
}
