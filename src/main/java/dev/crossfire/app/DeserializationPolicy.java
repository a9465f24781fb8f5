package dev.crossfire.app;

import dev.crossfire.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized: bad bytes, an unknown schema id, a truncated payload go to the
 * dead-letter topic with the exception in their headers, and the thread goes on. A schema registry
 * that cannot be reached is different: the record is probably fine, so the task fails, the
 * uncaught-exception handler replaces the stream thread, and the record is read again from the last
 * committed offset; under exactly-once nothing of the failed attempt is visible.
 */
public class DeserializationPolicy extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeserializationPolicy.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (SchemaRegistryException.isTransientIn(exception)) {
            LOG.warn("schema registry unavailable while reading {}-{} offset {}: the record waits, the thread restarts: {}",
                context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
