package dev.crossfire.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the posts JSON Lines format of contracts.md into a {@link Post}. Unknown fields are ignored;
 * a missing required field or a wrong type is an {@link InvalidPostException} naming the field.
 */
public final class PostJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // a hostile 1 MB line must fail on our own size rule, not on Jackson's default string cap
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(20_000_000).build());
    }

    private PostJson() {
    }

    public static Post parse(byte[] bytes) throws InvalidPostException {
        int bad = Utf8.firstBadByte(bytes);
        if (bad >= 0) {
            throw new InvalidPostException(RejectReason.NOT_UTF8, Utf8.problem(bytes, bad));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidPostException(RejectReason.NOT_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidPostException(RejectReason.NOT_JSON, "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPostException(RejectReason.NOT_JSON, "not a JSON object");
        }
        return fromTree(root);
    }

    public static Post fromTree(JsonNode root) throws InvalidPostException {
        String id = requiredText(root, "id");
        Platform platform = platform(requiredText(root, "platform"));
        JsonNode authorNode = root.get("author");
        if (authorNode == null || authorNode.isNull()) {
            throw new InvalidPostException(RejectReason.MISSING_FIELD, "missing required field author.handle");
        }
        if (!authorNode.isObject()) {
            throw new InvalidPostException(RejectReason.BAD_FIELD, "author must be an object");
        }
        String handle = stripAt(requiredText(authorNode, "author.handle", "handle"));
        if (handle.isEmpty()) {
            throw new InvalidPostException(RejectReason.MISSING_FIELD, "required field author.handle is empty");
        }
        Author author = new Author(optionalText(authorNode, "id"), handle, optionalText(authorNode, "name"));
        Instant createdAt = timestamp(requiredText(root, "createdAt"));
        JsonNode textNode = root.get("text");
        if (textNode == null || textNode.isNull()) {
            throw new InvalidPostException(RejectReason.MISSING_FIELD, "missing required field text (it may be \"\")");
        }
        if (!textNode.isTextual()) {
            throw new InvalidPostException(RejectReason.BAD_FIELD, "text must be a string");
        }
        return Post.newBuilder()
            .setId(id)
            .setPlatform(platform)
            .setAuthor(author)
            .setCreatedAt(createdAt)
            .setText(textNode.textValue())
            .setReplyTo(ref(root, "replyTo"))
            .setQuoteOf(ref(root, "quoteOf"))
            .setRepostOf(ref(root, "repostOf"))
            .setRootId(optionalText(root, "rootId"))
            .setMentions(mentions(root))
            .setLang(optionalText(root, "lang"))
            .setUrl(optionalText(root, "url"))
            .setMetrics(metrics(root))
            .build();
    }

    public static Platform platform(String value) throws InvalidPostException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "x", "twitter" -> Platform.X;
            case "bluesky" -> Platform.BLUESKY;
            case "mastodon" -> Platform.MASTODON;
            case "threads" -> Platform.THREADS;
            case "other" -> Platform.OTHER;
            default -> throw new InvalidPostException(RejectReason.UNKNOWN_PLATFORM,
                "unknown platform '" + value + "' (expected x, bluesky, mastodon, threads or other)");
        };
    }

    public static String platformName(Platform platform) {
        return platform.name().toLowerCase(Locale.ROOT);
    }

    private static Instant timestamp(String value) throws InvalidPostException {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidPostException(RejectReason.BAD_TIMESTAMP, "createdAt '" + value + "' is not an ISO-8601 time with offset");
        }
        try {
            instant.toEpochMilli(); // Avro's timestamp-millis and event time hold epoch milliseconds in a long
        } catch (ArithmeticException e) {
            throw new InvalidPostException(RejectReason.BAD_TIMESTAMP, "createdAt '" + value + "' is too far from 1970 to be held in milliseconds");
        }
        return instant;
    }

    private static PostRef ref(JsonNode root, String field) throws InvalidPostException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidPostException(RejectReason.BAD_FIELD, field + " must be an object with postId");
        }
        String postId = requiredText(node, field + ".postId", "postId");
        String authorHandle = optionalText(node, "authorHandle");
        authorHandle = authorHandle == null || stripAt(authorHandle).isEmpty() ? null : stripAt(authorHandle);
        return new PostRef(postId, authorHandle, optionalText(node, "authorId"));
    }

    private static List<String> mentions(JsonNode root) throws InvalidPostException {
        JsonNode node = root.get("mentions");
        List<String> handles = new ArrayList<>();
        if (node == null || node.isNull()) {
            return handles;
        }
        if (!node.isArray()) {
            throw new InvalidPostException(RejectReason.BAD_FIELD, "mentions must be an array of handles");
        }
        for (JsonNode m : node) {
            if (m.isTextual() && !stripAt(m.textValue()).isEmpty()) {
                handles.add(stripAt(m.textValue()));
            }
        }
        return handles;
    }

    private static Engagement metrics(JsonNode root) {
        JsonNode node = root.get("metrics");
        if (node == null || !node.isObject()) {
            return null;
        }
        // counts come from importers; a negative one is noise, not a reason to reject the post
        return new Engagement(count(node, "likes"), count(node, "reposts"), count(node, "replies"), count(node, "quotes"));
    }

    private static long count(JsonNode metrics, String field) {
        return Math.max(0, metrics.path(field).asLong(0));
    }

    private static String requiredText(JsonNode node, String field) throws InvalidPostException {
        return requiredText(node, field, field);
    }

    private static String requiredText(JsonNode node, String path, String field) throws InvalidPostException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidPostException(RejectReason.MISSING_FIELD, "missing required field " + path);
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new InvalidPostException(RejectReason.BAD_FIELD, path + " must be a string");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw new InvalidPostException(RejectReason.MISSING_FIELD, "required field " + path + " is empty");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    static String stripAt(String handle) {
        String h = handle.strip();
        return h.startsWith("@") ? h.substring(1) : h;
    }
}
