package dev.crossfire.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Posts in the JSON Lines format of contracts.md, built the way a scenario reads. */
public final class PostBuilder {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode node = MAPPER.createObjectNode();

    private PostBuilder(String id, String handle, Instant createdAt, String text) {
        node.put("id", id);
        node.put("platform", "x");
        node.putObject("author").put("handle", handle);
        node.put("createdAt", createdAt.toString());
        node.put("text", text);
    }

    public static PostBuilder post(String id, String handle, String createdAt, String text) {
        return new PostBuilder(id, handle, Instant.parse(createdAt), text);
    }

    public static PostBuilder post(String id, String handle, Instant createdAt, String text) {
        return new PostBuilder(id, handle, createdAt, text);
    }

    public PostBuilder replyTo(String postId, String authorHandle) {
        ObjectNode ref = node.putObject("replyTo").put("postId", postId);
        if (authorHandle != null) {
            ref.put("authorHandle", authorHandle);
        }
        return this;
    }

    public PostBuilder quoteOf(String postId, String authorHandle) {
        ObjectNode ref = node.putObject("quoteOf").put("postId", postId);
        if (authorHandle != null) {
            ref.put("authorHandle", authorHandle);
        }
        return this;
    }

    public PostBuilder repostOf(String postId, String authorHandle) {
        node.putObject("repostOf").put("postId", postId).put("authorHandle", authorHandle);
        return this;
    }

    public PostBuilder mentions(String... handles) {
        ArrayNode array = node.putArray("mentions");
        for (String h : handles) {
            array.add(h);
        }
        return this;
    }

    public PostBuilder platform(String platform) {
        node.put("platform", platform);
        return this;
    }

    /** The platform's language tag ({@code lang} in the JSON). */
    public PostBuilder lang(String tag) {
        node.put("lang", tag);
        return this;
    }

    public PostBuilder likes(long likes) {
        node.putObject("metrics").put("likes", likes).put("reposts", 0).put("replies", 0).put("quotes", 0);
        return this;
    }

    public PostBuilder without(String field) {
        node.remove(field);
        return this;
    }

    public String id() {
        return node.get("id").asText();
    }

    public Instant createdAt() {
        return Instant.parse(node.get("createdAt").asText());
    }

    public String json() {
        return node.toString();
    }
}
