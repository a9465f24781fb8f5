package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Post;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The importer fixtures under src/test/resources/ingest, line by line. */
final class Fixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static List<String> lines(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/ingest/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode record(String resource, int lineNumber) {
        try {
            return MAPPER.readTree(lines(resource).get(lineNumber - 1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every line through one importer instance, in order (identity events teach later lines). */
    static List<List<Post>> importEach(PostImporter importer, String resource, int lines) throws ImportException {
        List<List<Post>> out = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            out.add(importer.posts(record(resource, i)));
        }
        return out;
    }
}
