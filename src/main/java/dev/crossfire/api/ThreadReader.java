package dev.crossfire.api;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.thread.ThreadRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One instance's part of a thread, read from the thread linker's stores: the root's post where this
 * instance holds it, and the replies and quotes its members index lists under the root, each with
 * its post and link, drawn as the query API shows them.
 */
public final class ThreadReader {

    /** Where the parts are read from: the stores of the query API, or a test's. */
    public interface Source {
        Optional<Post> post(String postId);

        ThreadLink link(String postId);

        /** Visits the ids of the replies and quotes listed under the root, until the visitor returns false. */
        void members(String rootId, java.util.function.Predicate<String> visitor);
    }

    private final InteractionDeriver deriver;

    public ThreadReader(InteractionDeriver deriver) {
        this.deriver = deriver;
    }

    /** At most {@code bound} nodes. */
    public List<ThreadNode> read(String rootId, int bound, Source source) {
        List<ThreadNode> nodes = new ArrayList<>();
        source.post(rootId).ifPresent(root -> {
            ThreadLink link = source.link(rootId);
            nodes.add(node(root, link == null ? ThreadRules.root(root) : link));
        });
        Consumer<ThreadNode> add = nodes::add;
        source.members(rootId, postId -> {
            ThreadLink link = source.link(postId);
            Optional<Post> post = source.post(postId);
            if (link != null && post.isPresent()) {
                add.accept(node(post.get(), link));
            }
            return nodes.size() < bound;
        });
        return nodes;
    }

    ThreadNode node(Post post, ThreadLink link) {
        InteractionDeriver.Involvement involvement = deriver.derive(post, link.getParentAuthorHandle());
        TreeSet<String> figures = new TreeSet<>();
        involvement.author().ifPresent(a -> figures.add(a.id()));
        involvement.targets().forEach(t -> figures.add(t.figure().id()));
        String parent = link.getParentId();
        String relation = null;
        if (parent != null) {
            relation = post.getReplyTo() != null && parent.equals(post.getReplyTo().getPostId()) ? "REPLY" : "QUOTE";
        }
        return ThreadNode.newBuilder()
            .setPostId(post.getId())
            .setParentId(link.getStatus() == LinkStatus.ROOT ? null : parent)
            .setRelation(relation)
            .setAuthorHandle(post.getAuthor().getHandle())
            .setAuthorFigureId(involvement.author().map(f -> f.id()).orElse(null))
            .setCreatedAt(post.getCreatedAt())
            .setDepth(link.getDepth())
            .setStatus(link.getStatus())
            .setText(post.getText())
            .setUrl(post.getUrl())
            .setFigureIds(List.copyOf(figures))
            .build();
    }

}
