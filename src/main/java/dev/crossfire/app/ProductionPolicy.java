package dev.crossfire.app;

import dev.crossfire.serde.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing an output record failed.
 *
 * <ul>
 *   <li>It could not be serialized because the schema registry is unreachable: fail; the thread is
 *   replaced and the input read again once the registry answers.</li>
 *   <li>It could not be serialized for any other reason (the registry refuses crossfire's schema, a
 *   value the schema cannot hold): the source record goes to the dead-letter topic with the exception
 *   in its headers and processing goes on. Serialization happens before the send, so skipping the record
 *   leaves the transaction whole.</li>
 *   <li>The broker refused it: retriable errors are retried; anything else fails the task, whose
 *   transaction is aborted and whose input is read again. Under exactly-once a refused send poisons
 *   the transaction, so going on is not an option (seen here: a resumed RecordTooLargeException
 *   leaves the producer unable to write even to the dead-letter topic). Records are kept well under
 *   the size limits before they are sent instead (see docs/reliability.md).</li>
 * </ul>
 */
public class ProductionPolicy extends DefaultProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionPolicy.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (SchemaRegistryException.isTransientIn(exception)) {
            LOG.warn("schema registry unavailable while writing to {}: the input waits, the thread restarts: {}",
                record.topic(), exception.getMessage());
            return Response.fail();
        }
        LOG.error("cannot serialize the {} of a record for {} (from {}-{} offset {}); its input goes to the dead-letter topic: {}",
            origin == SerializationExceptionOrigin.KEY ? "key" : "value", record.topic(), context.topic(), context.partition(),
            context.offset(), exception.getMessage());
        return Response.resume(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic, context.sourceRawKey(),
            context.sourceRawValue(), context, exception));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        Response response = super.handleError(context, record, exception);
        if (response.result() == Result.RETRY) {
            LOG.warn("sending a record to {} failed, retrying: {}", record.topic(), exception.toString());
        } else {
            LOG.error("the broker refused a record for {}; the task fails and its input is read again: {}",
                record.topic(), exception.toString());
        }
        return response;
    }
}
