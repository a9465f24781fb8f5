package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * X API v1.1 statuses (the Tweet object of the v1.1 data dictionary, as the streaming and REST
 * APIs and the archive tools built on them write it). A retweet or quote carries the tweet it
 * points to; that tweet is imported too, first, so the thread has its parent.
 */
final class XV1Importer implements PostImporter {

    /** v1.1's {@code created_at}: "Fri May 22 23:10:41 +0000 2020". */
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    @Override
    public String skippedAs(JsonNode record) {
        JsonNode status = record.has("tweet") && record.get("tweet").isObject() ? record.get("tweet") : record;
        for (String notice : List.of("delete", "limit", "scrub_geo")) {
            if (status.has(notice)) {
                return notice + " notice";
            }
        }
        return "not a status";
    }

    @Override
    public List<Post> posts(JsonNode record) throws ImportException {
        JsonNode status = record.has("tweet") && record.get("tweet").isObject() ? record.get("tweet") : record; // the account archive's wrapper
        if (status.has("delete") || status.has("limit") || status.has("scrub_geo")) {
            return List.of(); // stream notices, not statuses
        }
        List<Post> posts = new ArrayList<>();
        JsonNode retweeted = status.get("retweeted_status");
        if (Json.isObject(retweeted)) {
            posts.addAll(posts(retweeted));
        } else if (Json.isObject(status.get("quoted_status"))) {
            posts.addAll(posts(status.get("quoted_status")));
        }
        posts.add(post(status));
        return posts;
    }

    private Post post(JsonNode status) throws ImportException {
        String id = idOf(status);
        if (id == null) {
            throw new ImportException("missing id_str");
        }
        JsonNode user = status.get("user");
        if (!Json.isObject(user)) {
            throw new ImportException("status " + id + ": missing user");
        }
        String userId = idOf(user);
        String screenName = Json.text(user, "screen_name");
        if (screenName == null && userId == null) {
            throw new ImportException("status " + id + ": its user has neither screen_name nor id_str");
        }
        // fetched with trim_user=true, a status's user is only its id: figures are then matched by account id
        String handle = screenName != null ? screenName : TRIMMED_USER_HANDLE + userId;
        JsonNode extended = status.get("extended_tweet");
        String text = firstText(Json.text(extended, "full_text"), Json.text(status, "full_text"), Json.text(status, "text"));
        JsonNode retweeted = status.get("retweeted_status");
        PostRef repostOf = Json.isObject(retweeted) ? ref(retweeted) : null;
        PostRef quoteOf = quote(status);
        String replyId = Json.text(status, "in_reply_to_status_id_str");
        if (replyId == null) {
            replyId = Json.text(status, "in_reply_to_status_id");
        }
        PostRef replyTo = replyId == null ? null
            : new PostRef("x:" + replyId, Json.text(status, "in_reply_to_screen_name"), prefixed(Json.text(status, "in_reply_to_user_id_str")));
        return Post.newBuilder()
            .setId("x:" + id)
            .setPlatform(Platform.X)
            .setAuthor(new Author(prefixed(userId), handle, Json.text(user, "name")))
            .setCreatedAt(createdAt(required(status, "created_at", id), id))
            .setText(repostOf != null ? "" : text) // a retweet's text is "RT @x: ..." of the original, imported with it
            .setReplyTo(replyTo)
            .setQuoteOf(repostOf == null ? quoteOf : null)
            .setRepostOf(repostOf)
            .setMentions(repostOf != null ? List.of() : mentions(Json.isObject(extended) ? extended : status))
            .setLang(Json.text(status, "lang"))
            .setUrl(screenName != null ? "https://twitter.com/" + screenName + "/status/" + id : "https://twitter.com/i/web/status/" + id)
            .setMetrics(new Engagement(Json.count(status, "favorite_count"), Json.count(status, "retweet_count"),
                Json.count(status, "reply_count"), Json.count(status, "quote_count")))
            .build();
    }

    /**
     * The handle given to the author of a status whose user was trimmed to its id: no X handle has a
     * colon, so it cannot be taken for one, and it says what it is in the threads output.
     */
    static final String TRIMMED_USER_HANDLE = "id:";

    private static String required(JsonNode status, String field, String id) throws ImportException {
        String value = Json.text(status, field);
        if (value == null) {
            throw new ImportException("status " + id + ": missing " + field);
        }
        return value;
    }

    private static PostRef quote(JsonNode status) {
        JsonNode quoted = status.get("quoted_status");
        if (Json.isObject(quoted)) {
            try {
                return ref(quoted);
            } catch (ImportException e) {
                // fall back to the id alone, below
            }
        }
        String id = Json.text(status, "quoted_status_id_str");
        return id == null ? null : new PostRef("x:" + id, null, null);
    }

    private static PostRef ref(JsonNode target) throws ImportException {
        String id = idOf(target);
        if (id == null) {
            throw new ImportException("embedded status without id_str");
        }
        JsonNode user = target.get("user");
        String userId = idOf(user);
        return new PostRef("x:" + id, Json.text(user, "screen_name"), prefixed(userId));
    }

    private static List<String> mentions(JsonNode withEntities) {
        Set<String> handles = new LinkedHashSet<>();
        for (JsonNode m : withEntities.path("entities").path("user_mentions")) {
            String handle = Json.text(m, "screen_name");
            if (handle != null) {
                handles.add(handle);
            }
        }
        return new ArrayList<>(handles);
    }

    private static Instant createdAt(String value, String id) throws ImportException {
        try {
            return ZonedDateTime.parse(value, CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportException("status " + id + ": created_at '" + value + "' is not v1.1's \"EEE MMM dd HH:mm:ss Z yyyy\"");
        }
    }

    /** v1.1 ids are numbers too large for JavaScript, so {@code id_str} is the one to read; {@code id} if it is missing. */
    private static String idOf(JsonNode node) {
        String id = Json.text(node, "id_str");
        return id != null ? id : Json.text(node, "id");
    }

    private static String prefixed(String userId) {
        return userId == null ? null : "x:" + userId;
    }

    private static String firstText(String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return "";
    }
}
