package dev.crossfire.ingest.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.post.PostJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's sample stream (the seed exchange among a day of other posts) as Bluesky would have
 * carried it: each post a Jetstream commit in the documented shape, authors as DIDs made from their
 * handles, replies and quotes as at:// URIs, @mentions as mention facets; and the demo's registry
 * with a Bluesky account (that DID) beside each X account. Written for crossfire's tests from the
 * demo files, which are the project's own (see src/main/resources/demo/README.md).
 */
public final class SeedAsJetstream {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MENTION = Pattern.compile("@([A-Za-z0-9_]+)");
    /** Events a tenth of a second apart: a 5 s resume overlap then resends about 50. */
    static final long SPACING_US = 100_000;

    private SeedAsJetstream() {
    }

    public static String did(String handle) {
        return "did:plc:" + handle.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A record key from any post id (the demo has X, Bluesky and Mastodon posts): its letters and digits. */
    public static String rkey(String postId) {
        return postId.replaceAll("[^A-Za-z0-9]", "");
    }

    /** The demo's posts, in file order, as Jetstream events. */
    public static List<String> events() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/main/resources/demo/posts.jsonl"), StandardCharsets.UTF_8);
        List<Post> posts = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                posts.add(PostJson.parse(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        java.util.Map<String, String> authorOf = new java.util.HashMap<>();
        posts.forEach(p -> authorOf.put(p.getId(), p.getAuthor().getHandle()));
        long t0 = posts.get(0).getCreatedAt().toEpochMilli() * 1_000;
        List<String> events = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            events.add(event(posts.get(i), authorOf, t0 + i * SPACING_US));
        }
        return events;
    }

    private static String event(Post p, java.util.Map<String, String> authorOf, long timeUs) {
        ObjectNode e = MAPPER.createObjectNode();
        String did = did(p.getAuthor().getHandle());
        e.put("did", did).put("time_us", timeUs).put("kind", "commit");
        ObjectNode commit = e.putObject("commit");
        boolean repost = p.getRepostOf() != null;
        String collection = repost ? "app.bsky.feed.repost" : "app.bsky.feed.post";
        commit.put("rev", "3l" + rkey(p.getId())).put("operation", "create").put("collection", collection).put("rkey", rkey(p.getId()))
            .put("cid", "bafyrei" + rkey(p.getId()));
        ObjectNode record = commit.putObject("record");
        record.put("$type", collection).put("createdAt", p.getCreatedAt().toString());
        if (repost) {
            record.putObject("subject").put("uri", uri(p.getRepostOf(), authorOf)).put("cid", "bafyrei");
            return e.toString();
        }
        record.put("text", p.getText());
        if (p.getLang() != null) {
            record.putArray("langs").add(p.getLang());
        }
        if (p.getReplyTo() != null) {
            ObjectNode reply = record.putObject("reply");
            String parent = uri(p.getReplyTo(), authorOf);
            reply.putObject("parent").put("uri", parent).put("cid", "bafyrei");
            String root = p.getRootId() == null ? parent : uri(new PostRef(p.getRootId(), authorOf.get(p.getRootId()), null), authorOf);
            reply.putObject("root").put("uri", root).put("cid", "bafyrei");
        }
        if (p.getQuoteOf() != null) {
            record.putObject("embed").put("$type", "app.bsky.embed.record").putObject("record")
                .put("uri", uri(p.getQuoteOf(), authorOf)).put("cid", "bafyrei");
        }
        byte[] text = p.getText().getBytes(StandardCharsets.UTF_8);
        Matcher m = MENTION.matcher(p.getText());
        var facets = record.putArray("facets");
        while (m.find()) {
            int start = p.getText().substring(0, m.start()).getBytes(StandardCharsets.UTF_8).length;
            int end = start + m.group().getBytes(StandardCharsets.UTF_8).length;
            if (end > text.length) {
                continue;
            }
            ObjectNode facet = facets.addObject();
            facet.putObject("index").put("byteStart", start).put("byteEnd", end);
            facet.putArray("features").addObject().put("$type", "app.bsky.richtext.facet#mention").put("did", did(m.group(1)));
        }
        return e.toString();
    }

    private static String uri(PostRef ref, java.util.Map<String, String> authorOf) {
        String handle = ref.getAuthorHandle() != null ? ref.getAuthorHandle() : authorOf.getOrDefault(ref.getPostId(), "unknown");
        return "at://" + did(handle) + "/app.bsky.feed.post/" + rkey(ref.getPostId());
    }

    /** Posts in {@link #events()} once each: the demo sends one of its posts twice, as a redelivery. */
    public static int distinctPosts() throws Exception {
        return (int) events().stream().map(e -> {
            try {
                var n = MAPPER.readTree(e);
                return n.path("did").asText() + "/" + n.path("commit").path("rkey").asText();
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        }).distinct().count();
    }

    /** The demo's registry with a Bluesky account beside each X account: the same handle, the DID made from it. */
    public static String figures() throws IOException {
        StringBuilder out = new StringBuilder();
        Pattern x = Pattern.compile("^(\\s*- \\{platform: x, handle: )([A-Za-z0-9_]+)(.*)$");
        for (String line : Files.readAllLines(Path.of("src/main/resources/demo/figures.yaml"), StandardCharsets.UTF_8)) {
            out.append(line).append('\n');
            Matcher m = x.matcher(line);
            if (m.matches()) {
                String indent = m.group(1).substring(0, m.group(1).indexOf('-'));
                out.append(indent).append("- {platform: bluesky, handle: ").append(m.group(2)).append(", id: \"")
                    .append(did(m.group(2))).append("\"}\n");
            }
        }
        return out.toString();
    }
}
