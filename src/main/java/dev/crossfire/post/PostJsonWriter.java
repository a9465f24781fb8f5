package dev.crossfire.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;

/** Writes a {@link Post} in the posts JSON Lines format of contracts.md, the inverse of {@link PostJson}. */
public final class PostJsonWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PostJsonWriter() {
    }

    public static String line(Post post) {
        return toJson(post).toString();
    }

    public static ObjectNode toJson(Post post) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", post.getId());
        n.put("platform", PostJson.platformName(post.getPlatform()));
        ObjectNode author = n.putObject("author");
        author.put("id", post.getAuthor().getId());
        author.put("handle", post.getAuthor().getHandle());
        author.put("name", post.getAuthor().getName());
        n.put("createdAt", post.getCreatedAt().toString());
        n.put("text", post.getText());
        ref(n, "replyTo", post.getReplyTo());
        ref(n, "quoteOf", post.getQuoteOf());
        ref(n, "repostOf", post.getRepostOf());
        n.put("rootId", post.getRootId());
        ArrayNode mentions = n.putArray("mentions");
        post.getMentions().forEach(mentions::add);
        n.put("lang", post.getLang());
        n.put("url", post.getUrl());
        Engagement m = post.getMetrics();
        if (m == null) {
            n.putNull("metrics");
        } else {
            n.putObject("metrics").put("likes", m.getLikes()).put("reposts", m.getReposts()).put("replies", m.getReplies())
                .put("quotes", m.getQuotes());
        }
        return n;
    }

    private static void ref(ObjectNode n, String field, PostRef ref) {
        if (ref == null) {
            n.putNull(field);
            return;
        }
        ObjectNode r = n.putObject(field);
        r.put("postId", ref.getPostId());
        if (ref.getAuthorHandle() != null) {
            r.put("authorHandle", ref.getAuthorHandle());
        }
        if (ref.getAuthorId() != null) {
            r.put("authorId", ref.getAuthorId());
        }
    }
}
