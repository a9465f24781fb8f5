package dev.crossfire.app;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.ingest.BoundedLines;
import dev.crossfire.post.PostDecoder;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * One line of the file; key and createdAt are null where the line does not give them. {@code refused}
     * says why a line is not sent at all (longer than any record crossfire reads), else it is null.
     */
    public record Line(int number, byte[] value, String key, Instant createdAt, String refused) {
    }

    /** Longest line sent; the decoder refuses a longer record anyway ({@link PostDecoder#MAX_RECORD_BYTES}). */
    static final int MAX_LINE_BYTES = PostDecoder.MAX_RECORD_BYTES;

    private PostLines() {
    }

    /**
     * Every line but blank ones, as bytes: a line that is not UTF-8 is sent as it is, for the topology
     * to reject with its column ({@code NOT_UTF8}), and the lines after it are read as usual.
     */
    public static List<Line> read(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        BoundedLines file = new BoundedLines(in, MAX_LINE_BYTES);
        BoundedLines.Line line;
        while ((line = file.next()) != null) {
            int number = (int) line.number();
            if (line.tooLong()) {
                lines.add(new Line(number, null, "line:" + number, null, line.problem(MAX_LINE_BYTES)));
                continue;
            }
            String text = line.text();
            if (text != null && text.isBlank()) {
                continue;
            }
            String key = null;
            Instant createdAt = null;
            if (text != null) {
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
            }
            lines.add(new Line(number, line.raw(), key == null ? "line:" + number : key, createdAt, null));
        }
        return lines;
    }
}
