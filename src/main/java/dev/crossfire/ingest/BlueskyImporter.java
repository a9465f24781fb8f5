package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bluesky, in three shapes a newsroom meets:
 * <ul>
 *   <li>Jetstream events ({@code kind: commit} creating an {@code app.bsky.feed.post} or
 *       {@code app.bsky.feed.repost}; {@code kind: identity} events teach the importer a DID's
 *       handle for the posts after them; other events are skipped);</li>
 *   <li>post views from the AppView ({@code app.bsky.feed.defs#postView}, with its author's handle
 *       and the counts), bare or inside a feed item's {@code post};</li>
 *   <li>repository records ({@code uri} and {@code value}), as {@code com.atproto.repo.listRecords}
 *       returns them.</li>
 * </ul>
 * Posts are identified by their at:// URI. A reply names its parent and root by URI, a quote embeds
 * the quoted record's URI; their authors are the DIDs inside those URIs. Where the author's handle is
 * not known, the DID stands in for it; figures match Bluesky accounts by DID first.
 */
final class BlueskyImporter implements PostImporter {

    /** DIDs whose handle an identity event or a post view told us; bounded, oldest forgotten first. */
    private static final int MAX_KNOWN_HANDLES = 100_000;
    private final Map<String, String> handles = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_KNOWN_HANDLES;
        }
    };

    @Override
    public List<Post> posts(JsonNode record) throws ImportException {
        if (record.has("kind")) {
            return jetstream(record);
        }
        JsonNode view = Json.isObject(record.get("post")) ? record.get("post") : record;
        if (Json.isObject(view.get("record"))) {
            JsonNode author = view.get("author");
            String did = Json.text(author, "did");
            String handle = Json.text(author, "handle");
            if (did != null && handle != null) {
                handles.put(did, handle);
            }
            return one(AtUri.parse(Json.required(view, "uri", "uri")), view.get("record"), Json.text(author, "displayName"), view);
        }
        if (Json.isObject(record.get("value"))) {
            return one(AtUri.parse(Json.required(record, "uri", "uri")), record.get("value"), null, null);
        }
        throw new ImportException("neither a Jetstream event, a post view nor a repository record (no kind, record or value)");
    }

    /** A Jetstream event by kind and, for a commit, by operation and collection ("commit delete app.bsky.feed.like"). */
    @Override
    public String skippedAs(JsonNode record) {
        String kind = Json.text(record, "kind");
        if (kind == null) {
            return "not a post";
        }
        JsonNode commit = record.get("commit");
        if (!"commit".equals(kind) || !Json.isObject(commit)) {
            return kind + " event";
        }
        String collection = Json.text(commit, "collection");
        return Json.text(commit, "operation") + " " + (collection == null ? "record" : collection);
    }

    private List<Post> jetstream(JsonNode event) throws ImportException {
        String kind = Json.text(event, "kind");
        String did = Json.required(event, "did", "did");
        if ("identity".equals(kind)) {
            String handle = Json.text(event.get("identity"), "handle");
            if (handle != null) {
                handles.put(did, handle);
            }
            return List.of();
        }
        JsonNode commit = event.get("commit");
        if (!"commit".equals(kind) || !Json.isObject(commit) || !"create".equals(Json.text(commit, "operation"))) {
            return List.of(); // account events, deletions, updates: no new post
        }
        String collection = Json.text(commit, "collection");
        if (!AtUri.POST.equals(collection) && !AtUri.REPOST.equals(collection)) {
            return List.of(); // likes, follows, blocks...
        }
        AtUri uri = AtUri.of(did, collection, Json.required(commit, "rkey", "commit.rkey"));
        if (!Json.isObject(commit.get("record"))) {
            throw new ImportException("commit " + uri + " has no record");
        }
        return one(uri, commit.get("record"), null, null);
    }

    private List<Post> one(AtUri uri, JsonNode record, String displayName, JsonNode view) throws ImportException {
        if (AtUri.REPOST.equals(uri.collection())) {
            AtUri subject = AtUri.parse(Json.required(record.get("subject"), "uri", "repost subject.uri"));
            return List.of(base(uri, record, displayName).setText("").setRepostOf(ref(subject)).build());
        }
        if (!uri.isPost()) {
            return List.of();
        }
        String text = record.path("text").asText("");
        Post.Builder post = base(uri, record, displayName).setText(text);
        JsonNode reply = record.get("reply");
        if (Json.isObject(reply)) {
            post.setReplyTo(ref(AtUri.parse(Json.required(reply.get("parent"), "uri", "reply.parent.uri"))));
            String root = Json.text(reply.get("root"), "uri");
            if (root != null) {
                post.setRootId(AtUri.parse(root).postId());
            }
        }
        AtUri quoted = quoted(record.get("embed"));
        if (quoted != null) {
            post.setQuoteOf(ref(quoted));
        }
        post.setMentions(mentions(record, text));
        JsonNode langs = record.get("langs");
        if (langs != null && langs.isArray() && !langs.isEmpty()) {
            post.setLang(langs.get(0).asText());
        }
        if (view != null) {
            post.setMetrics(new Engagement(Json.count(view, "likeCount"), Json.count(view, "repostCount"),
                Json.count(view, "replyCount"), Json.count(view, "quoteCount")));
        }
        return List.of(post.build());
    }

    private Post.Builder base(AtUri uri, JsonNode record, String displayName) throws ImportException {
        String created = Json.required(record, "createdAt", "record.createdAt");
        Instant createdAt;
        try {
            createdAt = OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportException(uri + ": createdAt '" + created + "' is not an ISO-8601 time with offset");
        }
        String did = uri.authority();
        String handle = handles.getOrDefault(did, did);
        return Post.newBuilder()
            .setId(uri.postId())
            .setPlatform(Platform.BLUESKY)
            .setAuthor(new Author(did, handle, displayName))
            .setCreatedAt(createdAt)
            .setMentions(List.of())
            .setUrl("https://bsky.app/profile/" + did + "/post/" + uri.rkey());
    }

    private PostRef ref(AtUri target) {
        String did = target.authority();
        return new PostRef(target.postId(), handles.get(did), did);
    }

    /** The post a record embeds: {@code app.bsky.embed.record}, or the record half of {@code recordWithMedia}. */
    private static AtUri quoted(JsonNode embed) throws ImportException {
        if (!Json.isObject(embed)) {
            return null;
        }
        String type = Json.text(embed, "$type");
        JsonNode record = embed.get("record");
        if ("app.bsky.embed.recordWithMedia".equals(type) && Json.isObject(record)) {
            record = record.get("record");
        } else if (!"app.bsky.embed.record".equals(type)) {
            return null; // images, links, video
        }
        String uri = Json.text(record, "uri");
        if (uri == null) {
            return null;
        }
        AtUri target = AtUri.parse(uri);
        return target.isPost() ? target : null; // a list or a feed generator is not a post
    }

    /**
     * Mentions are facets over UTF-8 byte ranges of the text; the handle is read from the text as
     * written, the DID where the range does not hold one.
     */
    private static List<String> mentions(JsonNode record, String text) {
        Set<String> found = new LinkedHashSet<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (!"app.bsky.richtext.facet#mention".equals(Json.text(feature, "$type"))) {
                    continue;
                }
                int start = facet.path("index").path("byteStart").asInt(-1);
                int end = facet.path("index").path("byteEnd").asInt(-1);
                String written = start >= 0 && end > start && end <= bytes.length
                    ? new String(bytes, start, end - start, StandardCharsets.UTF_8).strip() : "";
                if (written.startsWith("@") && written.length() > 1) {
                    found.add(written.substring(1));
                } else if (Json.text(feature, "did") != null) {
                    found.add(Json.text(feature, "did"));
                }
            }
        }
        return new ArrayList<>(found);
    }
}
