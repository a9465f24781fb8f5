package dev.crossfire.ingest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Post;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.ingest.ImportException;
import dev.crossfire.ingest.PostImporter;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostValidator;
import dev.crossfire.post.RejectReason;
import dev.crossfire.post.Utf8;
import java.time.Instant;
import java.util.List;

/**
 * A message to posts, with the importer {@code import --from} uses for the network and the checks
 * crossfire applies to every post; or to a rejection that says why. Not thread-safe: the Bluesky
 * importer learns handles from identity events in stream order.
 */
final class MessageConverter {

    /** The importer could not make a post of a message of the right kind (the reason says which field). */
    static final String NOT_CONVERTED = "NOT_CONVERTED";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength(LiveSettings.DEFAULT_MAX_DEAD_LETTER_BYTES).build());
    }

    private final LiveNetwork network;
    private final PostImporter importer;
    private final PostValidator validator;
    private final int maxMessageBytes;

    MessageConverter(LiveNetwork network, int maxMessageBytes) {
        CrossfireSettings defaults = CrossfireSettings.defaults();
        this.network = network;
        this.importer = PostImporter.forName(network.importerName());
        this.validator = new PostValidator(defaults.futureTolerance(), defaults.maxTextChars());
        this.maxMessageBytes = maxMessageBytes;
    }

    Delivery convert(RawMessage m) {
        if (m.length() > maxMessageBytes) {
            return reject(m, RejectReason.TOO_LARGE.name(), m.length() + " bytes, more than the " + maxMessageBytes
                + " a message may have" + (m.truncated() ? "; its first " + m.bytes().length + " bytes kept" : ""));
        }
        Utf8.Decoded text = Utf8.decode(m.bytes());
        if (text.text() == null) {
            return reject(m, RejectReason.NOT_UTF8.name(), (m.binary() ? "binary frame: " : "") + Utf8.problem(m.bytes(), text.badByteAt()));
        }
        JsonNode record;
        try {
            record = MAPPER.readTree(text.text());
        } catch (JsonProcessingException e) {
            return reject(m, RejectReason.NOT_JSON.name(), "not valid JSON: " + e.getOriginalMessage());
        }
        if (record == null || !record.isObject()) {
            return reject(m, RejectReason.NOT_JSON.name(), "not a JSON object");
        }
        long cursor = network.cursorOf(record);
        List<Post> posts;
        try {
            posts = importer.posts(record);
            for (Post post : posts) {
                validator.validate(post);
            }
        } catch (ImportException e) {
            return reject(m, NOT_CONVERTED, e.getMessage());
        } catch (InvalidPostException e) {
            return reject(m, e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            return reject(m, RejectReason.UNEXPECTED.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant time = cursor >= 0 ? micros(cursor) : newest(posts);
        return new Delivery(posts, null, cursor, time, posts.isEmpty() ? importer.skippedAs(record) : null);
    }

    private static Delivery reject(RawMessage m, String reason, String message) {
        return new Delivery(List.of(), new Delivery.Rejection(reason, message, m.bytes(), m.length()), m.cursorUs(),
            m.cursorUs() >= 0 ? micros(m.cursorUs()) : null, null);
    }

    private static Instant newest(List<Post> posts) {
        Instant newest = null;
        for (Post p : posts) {
            if (newest == null || p.getCreatedAt().isAfter(newest)) {
                newest = p.getCreatedAt();
            }
        }
        return newest;
    }

    static Instant micros(long us) {
        return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1_000);
    }
}
