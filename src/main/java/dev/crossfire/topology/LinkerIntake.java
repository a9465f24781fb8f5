package dev.crossfire.topology;

import dev.crossfire.avro.LinkerMessage;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.StrayPost;
import dev.crossfire.avro.ThreadLink;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The three doors into the thread linker, each turning its topic's records into {@link LinkerInput}.
 *
 * <p>The posts and thread-links topics are the changelogs of read-only stores
 * ({@code Topology#addReadOnlyStateStore}), whose API gives their update processor no output. The
 * linker writes those stores itself, exactly as their restore does, and these doors only pass the
 * records on: the output type is widened once, here, and nowhere else.
 */
final class LinkerIntake {

    private LinkerIntake() {
    }

    /** Posts topic → {@link LinkerInput.PostRecord}. */
    static final class Posts implements Processor<Bytes, byte[], Void, Void> {
        private ProcessorContext<Object, LinkerInput> context;

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<Void, Void> context) {
            this.context = (ProcessorContext<Object, LinkerInput>) (ProcessorContext<?, ?>) context;
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            byte[] key = record.key() == null ? null : record.key().get();
            context.forward(record.withKey((Object) null).withValue((LinkerInput) new LinkerInput.PostRecord(key, record.value())));
        }
    }

    /** Thread-links topic → {@link LinkerInput.Link}. */
    static final class Links implements Processor<String, ThreadLink, Void, Void> {
        private ProcessorContext<Object, LinkerInput> context;

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<Void, Void> context) {
            this.context = (ProcessorContext<Object, LinkerInput>) (ProcessorContext<?, ?>) context;
        }

        @Override
        public void process(Record<String, ThreadLink> record) {
            if (record.value() != null) {
                context.forward(record.withKey((Object) null).withValue((LinkerInput) new LinkerInput.Link(record.value())));
            }
        }
    }

    /** Thread-requests topic → {@link LinkerInput.Request} or {@link LinkerInput.Stray}. */
    static final class Requests implements Processor<String, LinkerMessage, Object, LinkerInput> {
        private ProcessorContext<Object, LinkerInput> context;

        @Override
        public void init(ProcessorContext<Object, LinkerInput> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, LinkerMessage> record) {
            if (record.value() == null) {
                return;
            }
            Object body = record.value().getBody();
            LinkerInput input;
            if (body instanceof ParentRequest request) {
                input = new LinkerInput.Request(request);
            } else if (body instanceof StrayPost stray) {
                Post post = stray.getPost();
                input = new LinkerInput.Stray(post);
            } else {
                throw new IllegalStateException("unknown message on the thread-requests topic: " + body.getClass().getName());
            }
            context.forward(record.withKey((Object) null).withValue(input));
        }
    }
}
