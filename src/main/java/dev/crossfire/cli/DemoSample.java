package dev.crossfire.cli;

import dev.crossfire.app.PostLines;
import dev.crossfire.avro.Post;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The demo's bundled posts, parsed: the texts and records the micro-benchmarks measure. */
final class DemoSample {

    private DemoSample() {
    }

    static List<Post> posts() throws IOException {
        List<Post> sample = new ArrayList<>();
        try (java.io.InputStream in = Objects.requireNonNull(DemoSample.class.getResourceAsStream(DemoCommand.POSTS),
            "bundled sample missing")) {
            for (PostLines.Line line : PostLines.read(in)) {
                try {
                    sample.add(PostJson.parse(line.value()));
                } catch (InvalidPostException e) {
                    // the bundled sample is valid; nothing to measure in a bad line
                }
            }
        }
        return sample;
    }
}
