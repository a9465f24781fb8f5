package dev.crossfire.app;

import dev.crossfire.serde.SchemaRegistryException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that throws on a record: the source record goes to the dead-letter topic with the
 * exception in its headers and processing goes on, so one record that trips a bug cannot stop the
 * service. A schema registry that cannot be reached fails the task instead (the thread is replaced and
 * the record read again), since the record itself is not at fault.
 */
public class ProcessingPolicy extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingPolicy.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (SchemaRegistryException.isTransientIn(exception)) {
            LOG.warn("schema registry unavailable in {} on {}-{} offset {}: the record waits, the thread restarts: {}",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
