package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Mastodon statuses (the Status entity of the REST API and of the streaming API's {@code update}
 * payloads). Status and account ids are those of the server the statuses were fetched from, so one
 * archive should come from one server. Handles are written in full, {@code user@server}: a local
 * account's {@code acct} lacks the server, which is taken from its profile URL. A boost ({@code reblog})
 * imports the boosted status, then the boost as a repost; a quote (Mastodon 4.4's {@code quote}) is
 * imported when it was accepted.
 */
final class MastodonImporter implements PostImporter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public List<Post> posts(JsonNode record) throws ImportException {
        JsonNode status = record;
        if (record.has("event")) {
            // the streaming API: {"stream": [...], "event": "update", "payload": "<the status, as a JSON string>"}
            if (!"update".equals(Json.text(record, "event"))) {
                return List.of(); // delete, status.update, notification...: counted by skippedAs
            }
            status = payload(record);
        }
        List<Post> posts = new ArrayList<>();
        JsonNode reblog = status.get("reblog");
        if (Json.isObject(reblog)) {
            posts.add(post(reblog, null));
            posts.add(post(status, reblog));
            return posts;
        }
        JsonNode quoted = quotedStatus(status);
        if (quoted != null) {
            posts.add(post(quoted, null));
        }
        posts.add(post(status, null));
        return posts;
    }

    /**
     * An edit ({@code status.update}) is counted, not imported: crossfire keeps a post's first version
     * and would drop a second record with its id as a redelivery.
     */
    @Override
    public String skippedAs(JsonNode record) {
        String event = Json.text(record, "event");
        return event == null ? "not a status" : event;
    }

    /** The status an update event carries: a JSON string as the server sends it, or an object as some tools store it. */
    private static JsonNode payload(JsonNode event) throws ImportException {
        JsonNode payload = event.get("payload");
        if (Json.isObject(payload)) {
            return payload;
        }
        if (payload == null || !payload.isTextual()) {
            throw new ImportException("update event without a status in its payload");
        }
        try {
            JsonNode status = MAPPER.readTree(payload.asText());
            if (!Json.isObject(status)) {
                throw new ImportException("update event: its payload is not a status object");
            }
            return status;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportException("update event: its payload is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Post post(JsonNode status, JsonNode reblogged) throws ImportException {
        String id = Json.required(status, "id", "id");
        JsonNode account = status.get("account");
        if (!Json.isObject(account)) {
            throw new ImportException("status " + id + ": missing account");
        }
        String handle = fullHandle(Json.required(account, "acct", "account.acct"), Json.text(account, "url"));
        String created = Json.required(status, "created_at", "created_at");
        Instant createdAt;
        try {
            createdAt = OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportException("status " + id + ": created_at '" + created + "' is not ISO-8601");
        }
        Post.Builder post = Post.newBuilder()
            .setId("mastodon:" + id)
            .setPlatform(Platform.MASTODON)
            .setAuthor(new Author(prefixed(Json.text(account, "id")), handle, Json.text(account, "display_name")))
            .setCreatedAt(createdAt)
            .setLang(Json.text(status, "language"))
            .setUrl(Json.text(status, "url") != null ? Json.text(status, "url") : Json.text(status, "uri"))
            .setMetrics(new Engagement(Json.count(status, "favourites_count"), Json.count(status, "reblogs_count"),
                Json.count(status, "replies_count"), 0L));
        if (reblogged != null) {
            return post.setText("").setMentions(List.of()).setRepostOf(ref(reblogged)).build();
        }
        List<String> mentions = new ArrayList<>();
        String replyAccountId = Json.text(status, "in_reply_to_account_id");
        String replyHandle = null;
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode m : status.path("mentions")) {
            String acct = Json.text(m, "acct");
            if (acct == null) {
                continue;
            }
            String full = fullHandle(acct, Json.text(m, "url"));
            if (seen.add(full)) {
                mentions.add(full);
            }
            if (replyAccountId != null && replyAccountId.equals(Json.text(m, "id"))) {
                replyHandle = full;
            }
        }
        if (replyAccountId != null && replyAccountId.equals(Json.text(account, "id"))) {
            replyHandle = handle; // a reply to oneself names nobody in mentions
        }
        String replyId = Json.text(status, "in_reply_to_id");
        if (replyId != null) {
            post.setReplyTo(new PostRef("mastodon:" + replyId, replyHandle, prefixed(replyAccountId)));
        }
        JsonNode quoted = quotedStatus(status);
        if (quoted != null) {
            post.setQuoteOf(ref(quoted));
        }
        return post.setText(plainText(status.path("content").asText(""))).setMentions(mentions).build();
    }

    private static PostRef ref(JsonNode target) throws ImportException {
        String id = Json.required(target, "id", "id of the boosted or quoted status");
        JsonNode account = target.get("account");
        String acct = Json.text(account, "acct");
        return new PostRef("mastodon:" + id, acct == null ? null : fullHandle(acct, Json.text(account, "url")),
            prefixed(Json.text(account, "id")));
    }

    /** Mastodon 4.4 quotes: {@code quote.quoted_status} when the quote was accepted. */
    private static JsonNode quotedStatus(JsonNode status) {
        JsonNode quote = status.get("quote");
        if (!Json.isObject(quote)) {
            return null;
        }
        String state = Json.text(quote, "state");
        JsonNode quoted = quote.get("quoted_status");
        return Json.isObject(quoted) && (state == null || "accepted".equals(state)) ? quoted : null;
    }

    /** {@code user} on its own server is {@code user@server} everywhere else; the server comes from the profile URL. */
    static String fullHandle(String acct, String profileUrl) {
        String handle = acct.startsWith("@") ? acct.substring(1) : acct;
        if (handle.contains("@") || profileUrl == null) {
            return handle;
        }
        try {
            String host = URI.create(profileUrl).getHost();
            return host == null ? handle : handle + "@" + host;
        } catch (IllegalArgumentException e) {
            return handle;
        }
    }

    /** Status HTML to the text a reader sees: paragraphs and line breaks kept, tags and entities gone. */
    static String plainText(String html) {
        if (html.isEmpty()) {
            return "";
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select("p").after("\n\n"); // wholeText already gives a <br> its line break
        doc.outputSettings().prettyPrint(false);
        return doc.body().wholeText().strip();
    }

    private static String prefixed(String accountId) {
        return accountId == null ? null : "mastodon:" + accountId;
    }
}
