package dev.crossfire.topology;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.avro.ThreadedPost;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps every post of a thread under its root id, for {@code GET /threads/{rootId}}. It reads the
 * threads output topic, which is already keyed by root, so the tree costs no repartition topic. The
 * store is a window store on the post's creation time: a thread is forgotten with its links, after
 * the link retention, without a sweep of our own.
 */
final class ThreadTreeProcessor implements Processor<String, ThreadedPost, Void, Void> {

    private WindowStore<String, ThreadNode> trees;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        trees = context.getStateStore(StoreNames.THREAD_TREES);
    }

    @Override
    public void process(Record<String, ThreadedPost> record) {
        ThreadedPost threaded = record.value();
        if (threaded == null) {
            return;
        }
        trees.put(threaded.getRootId(), node(threaded), threaded.getPost().getCreatedAt().toEpochMilli());
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
