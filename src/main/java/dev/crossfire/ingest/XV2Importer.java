package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * X API v2 responses: {@code data} (one post, as the filtered stream sends it, or a page of them)
 * with {@code includes}. Authors come from {@code includes.users} by {@code author_id}; the tweets
 * in {@code includes.tweets} (the ones referenced) are imported too, before the page, so replies and
 * quotes find their parents.
 */
final class XV2Importer implements PostImporter {

    private record User(String handle, String name) {
    }

    @Override
    public List<Post> posts(JsonNode record) throws ImportException {
        JsonNode data = record.get("data");
        if (data == null || data.isNull()) {
            if (record.has("errors")) {
                throw new ImportException("an error response: " + record.get("errors").toString());
            }
            throw new ImportException("missing data");
        }
        Map<String, User> users = new HashMap<>();
        for (JsonNode u : record.path("includes").path("users")) {
            String id = Json.text(u, "id");
            String username = Json.text(u, "username");
            if (id != null && username != null) {
                users.put(id, new User(username, Json.text(u, "name")));
            }
        }
        Map<String, String> authorOfTweet = new HashMap<>();
        List<JsonNode> included = new ArrayList<>();
        record.path("includes").path("tweets").forEach(included::add);
        List<JsonNode> page = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(page::add);
        } else {
            page.add(data);
        }
        for (JsonNode t : included) {
            authorOfTweet.put(Json.text(t, "id"), Json.text(t, "author_id"));
        }
        for (JsonNode t : page) {
            authorOfTweet.put(Json.text(t, "id"), Json.text(t, "author_id"));
        }
        List<Post> posts = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (JsonNode t : page) {
            done.add(Json.text(t, "id"));
        }
        for (JsonNode t : included) {
            if (!done.contains(Json.text(t, "id"))) {
                posts.add(post(t, users, authorOfTweet));
            }
        }
        for (JsonNode t : page) {
            posts.add(post(t, users, authorOfTweet));
        }
        return posts;
    }

    private static Post post(JsonNode tweet, Map<String, User> users, Map<String, String> authorOfTweet) throws ImportException {
        String id = Json.required(tweet, "id", "data.id");
        String authorId = Json.required(tweet, "author_id", "author_id of post " + id + " (request expansions=author_id)");
        User author = users.get(authorId);
        if (author == null) {
            throw new ImportException("post " + id + ": author " + authorId + " is not in includes.users");
        }
        String created = Json.required(tweet, "created_at", "created_at of post " + id + " (request tweet.fields=created_at)");
        Instant createdAt;
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new ImportException("post " + id + ": created_at '" + created + "' is not ISO-8601");
        }
        String text = Json.text(tweet.get("note_tweet"), "text"); // long posts: the full text is here
        if (text == null) {
            text = tweet.path("text").asText("");
        }
        PostRef replyTo = null;
        PostRef quoteOf = null;
        PostRef repostOf = null;
        for (JsonNode ref : tweet.path("referenced_tweets")) {
            String type = Json.text(ref, "type");
            String refId = Json.text(ref, "id");
            if (type == null || refId == null) {
                continue;
            }
            String refAuthor = authorOfTweet.get(refId);
            if (refAuthor == null && "replied_to".equals(type)) {
                refAuthor = Json.text(tweet, "in_reply_to_user_id");
            }
            User u = refAuthor == null ? null : users.get(refAuthor);
            PostRef r = new PostRef("x:" + refId, u == null ? null : u.handle(), refAuthor == null ? null : "x:" + refAuthor);
            switch (type) {
                case "replied_to" -> replyTo = r;
                case "quoted" -> quoteOf = r;
                case "retweeted" -> repostOf = r;
                default -> { } // a type added later: ignored, the post still counts
            }
        }
        Set<String> mentions = new LinkedHashSet<>();
        for (JsonNode m : tweet.path("entities").path("mentions")) {
            String username = Json.text(m, "username");
            if (username != null) {
                mentions.add(username);
            }
        }
        JsonNode metrics = tweet.get("public_metrics");
        String conversation = Json.text(tweet, "conversation_id");
        return Post.newBuilder()
            .setId("x:" + id)
            .setPlatform(Platform.X)
            .setAuthor(new Author("x:" + authorId, author.handle(), author.name()))
            .setCreatedAt(createdAt)
            .setText(repostOf != null ? "" : text)
            .setReplyTo(replyTo)
            .setQuoteOf(repostOf == null ? quoteOf : null)
            .setRepostOf(repostOf)
            .setRootId(conversation == null ? null : "x:" + conversation)
            .setMentions(repostOf != null ? List.of() : new ArrayList<>(mentions))
            .setLang(Json.text(tweet, "lang"))
            .setUrl("https://twitter.com/" + author.handle() + "/status/" + id)
            .setMetrics(metrics == null ? null : new Engagement(Json.count(metrics, "like_count"), Json.count(metrics, "retweet_count"),
                Json.count(metrics, "reply_count"), Json.count(metrics, "quote_count")))
            .build();
    }
}
