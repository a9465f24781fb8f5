package dev.crossfire.post;

import dev.crossfire.avro.Post;
import java.nio.charset.StandardCharsets;

/** Parses test posts through the production reader, failing the test on invalid input. */
public final class PostJsonTestAccess {

    private PostJsonTestAccess() {
    }

    public static Post parse(String json) {
        try {
            return PostJson.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidPostException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
