package dev.crossfire.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.Post;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJsonWriter;
import dev.crossfire.post.PostValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.util.Base64;
import java.util.List;

/**
 * Streams a platform's JSON Lines into crossfire's posts JSON Lines. A line that cannot be read or
 * converted is reported with its number and reason and written, whole, to the rejected-lines file;
 * the lines after it go on. Memory does not grow with the input: one line at a time, each bounded.
 */
public final class ImportRun {

    /** Longer lines are rejected unread; a platform record is a few kB, an X v2 page of 100 posts under 1 MB. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** Rejections printed one by one before the rest are only counted (all are in the rejected-lines file). */
    static final int REPORTED_REJECTIONS = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_BYTES).build());
    }

    /**
     * What one import did. {@code skipped}: records that are not posts (likes, deletions, notices),
     * also counted by kind in {@code skippedByKind}.
     */
    public record Summary(long lines, long posts, long skipped, long rejected, java.util.SortedMap<String, Long> skippedByKind) {

        /** "3 delete, 1 notification", or empty. */
        public String skippedKinds() {
            StringBuilder out = new StringBuilder();
            skippedByKind.forEach((kind, n) -> out.append(out.isEmpty() ? "" : ", ").append(String.format("%,d %s", n, kind)));
            return out.toString();
        }
    }

    private final PostImporter importer;
    private final PostValidator validator;
    private final PrintStream report;

    public ImportRun(PostImporter importer, PrintStream report) {
        CrossfireSettings defaults = CrossfireSettings.defaults();
        this.importer = importer;
        this.validator = new PostValidator(defaults.futureTolerance(), defaults.maxTextChars());
        this.report = report;
    }

    /**
     * @param rejects where rejected lines go, one JSON object each ({@code line}, {@code reason}, {@code record}; a line that
     *                is not UTF-8 has {@code recordBase64}, its bytes as they were, instead of {@code record})
     */
    public Summary run(InputStream in, Writer out, Writer rejects) throws IOException {
        BoundedLines lines = new BoundedLines(in, MAX_LINE_BYTES);
        long count = 0;
        long posts = 0;
        long skipped = 0;
        long rejected = 0;
        java.util.SortedMap<String, Long> skippedByKind = new java.util.TreeMap<>();
        JsonNode last = null;
        BoundedLines.Line line;
        while ((line = lines.next()) != null) {
            count++;
            if (line.text() != null && line.text().isBlank()) {
                continue;
            }
            String reason = line.problem(MAX_LINE_BYTES);
            List<Post> converted = List.of();
            if (reason == null) {
                try {
                    JsonNode record = MAPPER.readTree(line.text());
                    if (record == null || !record.isObject()) {
                        reason = "not a JSON object";
                    } else {
                        last = record;
                        converted = importer.posts(record);
                        for (Post post : converted) {
                            validator.validate(post);
                        }
                    }
                } catch (JsonProcessingException e) {
                    reason = "not valid JSON: " + e.getOriginalMessage();
                } catch (ImportException e) {
                    reason = e.getMessage();
                } catch (InvalidPostException e) {
                    reason = e.getMessage();
                } catch (RuntimeException e) {
                    reason = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            if (reason != null) {
                rejected++;
                reject(rejects, line, reason, rejected);
                continue;
            }
            if (converted.isEmpty()) {
                skipped++;
                skippedByKind.merge(importer.skippedAs(last), 1L, Long::sum);
            }
            for (Post post : converted) {
                out.write(PostJsonWriter.line(post));
                out.write('\n');
                posts++;
            }
        }
        out.flush();
        if (rejects != null) {
            rejects.flush();
        }
        if (rejected > REPORTED_REJECTIONS) {
            report.printf("... and %,d more rejected lines%n", rejected - REPORTED_REJECTIONS);
        }
        return new Summary(count, posts, skipped, rejected, skippedByKind);
    }

    private void reject(Writer rejects, BoundedLines.Line line, String reason, long rejectedSoFar) throws IOException {
        if (rejectedSoFar <= REPORTED_REJECTIONS) {
            report.printf("line %d: %s%n", line.number(), reason);
        }
        if (rejects != null) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("line", line.number());
            n.put("reason", reason);
            if (line.notUtf8()) {
                n.putNull("record");
                n.put("recordBase64", Base64.getEncoder().encodeToString(line.raw()));
            } else {
                n.put("record", line.text());
            }
            rejects.write(n.toString());
            rejects.write('\n');
        }
    }
}
