package dev.crossfire.app;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A posts file as detect sends it: every non-blank line as it is (the topology validates), with the
 * key and event time read where the line allows, so the dead-letter record keeps a useful key and
 * the end-of-input flush knows where stream time stands.
 */
public final class PostLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(20_000_000).build());
    }

    /** One line of the file; key and createdAt are null where the line does not give them. */
    public record Line(int number, byte[] value, String key, Instant createdAt) {
    }

    private PostLines() {
    }

    public static List<Line> read(BufferedReader reader) throws IOException {
        List<Line> lines = new ArrayList<>();
        String text;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            String key = null;
            Instant createdAt = null;
            try {
                JsonNode node = MAPPER.readTree(text);
                if (node != null && node.isObject()) {
                    JsonNode id = node.get("id");
                    key = id != null && id.isValueNode() && !id.asText().isBlank() ? id.asText() : null;
                    JsonNode at = node.get("createdAt");
                    if (at != null && at.isTextual()) {
                        createdAt = OffsetDateTime.parse(at.asText()).toInstant();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the topology rejects it with the reason; here it only lacks a key and a time
            }
            lines.add(new Line(number, text.getBytes(StandardCharsets.UTF_8), key == null ? "line:" + number : key, createdAt));
        }
        return lines;
    }
}
