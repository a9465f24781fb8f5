package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.Post;
import java.util.List;

/**
 * Turns one record of a platform's own payload (one line of its JSON Lines) into crossfire posts.
 * One record may give several posts (an X v2 page, a retweet with the tweet it carries) or none
 * (a Bluesky like, a deletion), which is not an error.
 */
public interface PostImporter {

    /** @throws ImportException when the record is of the right kind but unusable: the reason names the field */
    List<Post> posts(JsonNode record) throws ImportException;

    /**
     * What a record that gave no posts is, in a word or two ("delete", "like"), for the import's
     * summary to count by kind: nothing is dropped without being counted.
     */
    default String skippedAs(JsonNode record) {
        return "not a post";
    }

    /** The {@code --from} names, in the order the help lists them. */
    static PostImporter forName(String name) {
        return switch (name) {
            case "x-v1" -> new XV1Importer();
            case "x-v2" -> new XV2Importer();
            case "bluesky" -> new BlueskyImporter();
            case "mastodon" -> new MastodonImporter();
            case "congresstweets" -> new CongressTweetsImporter();
            default -> throw new IllegalArgumentException("unknown source '" + name
                + "' (expected x-v1, x-v2, bluesky, mastodon or congresstweets)");
        };
    }
}
