package dev.crossfire.topology;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.thread.LateFiling;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps every post of a thread under its root id, for {@code GET /threads/{rootId}}. It reads the
 * threads output topic, which is already keyed by root, so the tree costs no repartition topic. The
 * store is a window store on the post's creation time: a thread is forgotten with its links, after
 * the link retention, without a sweep of our own. A late post (see {@link LateFiling}) is filed at
 * stream time, or the store would drop it.
 */
final class ThreadTreeProcessor implements Processor<String, ThreadedPost, Void, Void> {

    private final Duration retention;
    private ProcessorContext<Void, Void> context;
    private WindowStore<String, ThreadNode> trees;

    ThreadTreeProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        trees = context.getStateStore(StoreNames.THREAD_TREES);
    }

    @Override
    public void process(Record<String, ThreadedPost> record) {
        ThreadedPost threaded = record.value();
        if (threaded == null) {
            return;
        }
        long createdAt = threaded.getPost().getCreatedAt().toEpochMilli();
        trees.put(threaded.getRootId(), node(threaded), LateFiling.fileAt(createdAt, context.currentStreamTimeMs(), retention));
    }

    static ThreadNode node(ThreadedPost threaded) {
        Post post = threaded.getPost();
        String parent = threaded.getParentId();
        String relation = null;
        if (parent != null) {
            relation = post.getReplyTo() != null && parent.equals(post.getReplyTo().getPostId()) ? "REPLY" : "QUOTE";
        }
        return ThreadNode.newBuilder()
            .setPostId(post.getId())
            .setParentId(parent)
            .setRelation(relation)
            .setAuthorHandle(post.getAuthor().getHandle())
            .setAuthorFigureId(threaded.getAuthorFigureId())
            .setCreatedAt(post.getCreatedAt())
            .setDepth(threaded.getDepth())
            .setStatus(threaded.getStatus())
            .setText(post.getText())
            .setUrl(post.getUrl())
            .setFigureIds(threaded.getFigureIds())
            .build();
    }
}
