package dev.crossfire.topology;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.SignalType;
import dev.crossfire.avro.ThreadSignal;
import dev.crossfire.metrics.ArrivalStamp;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.SchemaRegistryException;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.post.PostValidator;
import dev.crossfire.post.RejectReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stage 1: decode and validate. A valid post goes on keyed by its id, stamped with its createdAt as
 * event time; anything else goes to the dead-letter branch with the reason in headers. Nothing
 * thrown here can stop the application.
 */
final class ValidateProcessor implements Processor<byte[], byte[], String, Object> {

    private final PostDecoder decoder;
    private final PostValidator validator;
    private final String stage;
    private final CrossfireMetrics metrics;
    private ProcessorContext<String, Object> context;

    ValidateProcessor(PostDecoder decoder, PostValidator validator) {
        this(decoder, validator, CrossfireMetrics.noop());
    }

    ValidateProcessor(PostDecoder decoder, PostValidator validator, CrossfireMetrics metrics) {
        this.decoder = decoder;
        this.validator = validator;
        this.stage = "validate";
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.headers().lastHeader(DeadLetter.CONTROL) != null) {
            ThreadSignal flush = ThreadSignal.newBuilder().setType(SignalType.FLUSH).build();
            context.forward(new Record<>(null, flush, record.timestamp()));
            return;
        }
        metrics.postIn();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("posts");
        try {
            Post post = decoder.decode(topic, record.value());
            validator.validate(post);
            if (post.getCreatedAt().toEpochMilli() != record.timestamp()) {
                // the extractor compared createdAt with the record's own Kafka timestamp and refused it
                throw new InvalidPostException(RejectReason.FUTURE_TIMESTAMP, "createdAt " + post.getCreatedAt()
                    + " is further ahead of the time the record reached Kafka than the tolerance allows");
            }
            ThreadSignal arrived = ThreadSignal.newBuilder().setType(SignalType.ARRIVED).setPost(post).build();
            context.forward(new Record<String, Object>(post.getId(), arrived, post.getCreatedAt().toEpochMilli(), record.headers()));
        } catch (InvalidPostException e) {
            reject(record, e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            if (SchemaRegistryException.isTransientIn(e)) {
                throw e; // ProcessingPolicy fails the task; the post is read again once the registry answers
            }
            reject(record, "UNEXPECTED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void reject(Record<byte[], byte[]> record, String reason, String message) {
        metrics.rejected(reason);
        Headers headers = record.headers();
        ArrivalStamp.strip(headers); // internal: dead letters keep their documented headers only
        headers.remove(DeadLetter.REASON).remove(DeadLetter.MESSAGE).remove(DeadLetter.STAGE);
        headers.add(DeadLetter.REASON, bytes(reason));
        headers.add(DeadLetter.MESSAGE, bytes(message == null ? reason : message));
        headers.add(DeadLetter.STAGE, bytes(stage));
        context.recordMetadata().ifPresent(m -> {
            headers.remove(DeadLetter.SOURCE_TOPIC).remove(DeadLetter.SOURCE_PARTITION).remove(DeadLetter.SOURCE_OFFSET);
            headers.add(DeadLetter.SOURCE_TOPIC, bytes(m.topic()));
            headers.add(DeadLetter.SOURCE_PARTITION, bytes(Integer.toString(m.partition())));
            headers.add(DeadLetter.SOURCE_OFFSET, bytes(Long.toString(m.offset())));
        });
        context.forward(new Record<String, Object>(null, new Rejected(record.key(), record.value()), record.timestamp(), headers));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
