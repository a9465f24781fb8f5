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
    public record Summary(long lines, long posts, long skipped, long rejected, java.util.SortedMap<String, Long> skippedByKind,
                          boolean array) {

        /** What a record was in the input: a line, or an element of a JSON array. */
        public String unit() {
            return array ? "records" : "lines";
        }

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
    /** The largest record read, a line or an array's element: a longer one is skipped to its end and rejected. */
    private final long maxRecordBytes;

    public ImportRun(PostImporter importer, PrintStream report) {
        this(importer, report, MAX_LINE_BYTES);
    }

    ImportRun(PostImporter importer, PrintStream report, long maxRecordBytes) {
        CrossfireSettings defaults = CrossfireSettings.defaults();
        this.importer = importer;
        this.validator = new PostValidator(defaults.futureTolerance(), defaults.maxTextChars());
        this.report = report;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Reads JSON Lines, one record per line; or, when the input starts with {@code [}, one JSON array
     * of records (as congresstweets keeps a day), each element a record.
     *
     * @param rejects where rejected lines go, one JSON object each ({@code line}, {@code reason}, {@code record}; a line that
     *                is not UTF-8 has {@code recordBase64}, its bytes as they were, instead of {@code record}; in an array,
     *                {@code element} gives the record's position too)
     */
    public Summary run(InputStream in, Writer out, Writer rejects) throws IOException {
        java.io.BufferedInputStream input = new java.io.BufferedInputStream(in, 1 << 16);
        Tally tally = new Tally(out, rejects);
        boolean array = startsAnArray(input);
        if (array) {
            readArray(input, tally);
        } else {
            readLines(input, tally);
        }
        out.flush();
        if (rejects != null) {
            rejects.flush();
        }
        if (tally.rejected > REPORTED_REJECTIONS) {
            report.printf("... and %,d more rejected lines%n", tally.rejected - REPORTED_REJECTIONS);
        }
        return new Summary(tally.count, tally.posts, tally.skipped, tally.rejected, tally.skippedByKind, array);
    }

    private void readLines(InputStream in, Tally tally) throws IOException {
        BoundedLines lines = new BoundedLines(in, (int) Math.min(Integer.MAX_VALUE, maxRecordBytes));
        BoundedLines.Line line;
        while ((line = lines.next()) != null) {
            tally.count++;
            if (line.text() != null && line.text().isBlank()) {
                continue;
            }
            String reason = line.problem(lines.maxBytes());
            JsonNode record = null;
            if (reason == null) {
                try {
                    record = MAPPER.readTree(line.text());
                    if (record == null || !record.isObject()) {
                        reason = "not a JSON object";
                    }
                } catch (JsonProcessingException e) {
                    reason = "not valid JSON: " + e.getOriginalMessage();
                }
            }
            if (reason == null) {
                reason = convert(record, tally);
            }
            if (reason != null) {
                ObjectNode kept = MAPPER.createObjectNode();
                kept.put("line", line.number());
                kept.put("reason", reason);
                if (line.notUtf8()) {
                    kept.putNull("record");
                    kept.put("recordBase64", Base64.getEncoder().encodeToString(line.raw()));
                } else {
                    kept.put("record", line.text());
                }
                tally.reject("line " + line.number(), reason, kept);
            }
        }
    }

    /**
     * The elements of one JSON array, each held only up to the bound of a line: a longer element is
     * read through to its end, keeping nothing, and rejected with its size. Broken JSON ends the
     * array: what follows cannot be told apart, so it is reported with its place and the rest counted
     * as not read.
     */
    private void readArray(InputStream in, Tally tally) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.getFactory().createParser(in)) {
            parser.nextToken(); // the '['
            long element = 0;
            while (true) {
                com.fasterxml.jackson.core.JsonToken token;
                long line = 0;
                boolean started = false;
                try {
                    token = parser.nextToken();
                    line = parser.currentTokenLocation().getLineNr();
                    if (token == null || token == com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        return;
                    }
                    element++;
                    started = true;
                    tally.count++;
                    JsonNode record = boundedElement(parser);
                    String reason = record == null
                        ? "element of more than " + maxRecordBytes + " bytes is longer than a record may be"
                        : record.isObject() ? convert(record, tally) : "not a JSON object";
                    if (reason != null) {
                        ObjectNode kept = MAPPER.createObjectNode();
                        kept.put("line", line);
                        kept.put("element", element);
                        kept.put("reason", reason);
                        kept.put("record", record == null ? null : record.toString());
                        tally.reject("element " + element + " (line " + line + ")", reason, kept);
                    }
                } catch (JsonProcessingException e) {
                    var at = e.getLocation();
                    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
                    String reason = "not valid JSON" + where + ": " + e.getOriginalMessage() + "; the rest of the array cannot be read";
                    ObjectNode kept = MAPPER.createObjectNode();
                    kept.put("line", at == null ? line : at.getLineNr());
                    kept.put("reason", reason);
                    kept.putNull("record");
                    tally.reject("element " + (started ? element : element + 1), reason, kept);
                    return;
                }
            }
        }
    }

    /**
     * The element the parser is on, or null when it runs past the bound (the parser is then at its
     * end). Copied token by token, so a long element costs no more memory than the bound.
     */
    private JsonNode boundedElement(com.fasterxml.jackson.core.JsonParser parser) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (!parser.currentToken().isStructStart()) {
            return MAPPER.readTree(parser); // a scalar: one token, bounded by the string limit
        }
        try (com.fasterxml.jackson.databind.util.TokenBuffer copy = new com.fasterxml.jackson.databind.util.TokenBuffer(parser, null)) {
            int depth = 0;
            boolean tooLong = false;
            com.fasterxml.jackson.core.JsonToken token = parser.currentToken();
            while (true) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (!tooLong) {
                    copy.copyCurrentEvent(parser);
                    tooLong = parser.currentLocation().getByteOffset() - start > maxRecordBytes;
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
                if (token == null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(parser, "the array ends inside an element");
                }
            }
            if (tooLong) {
                return null;
            }
            try (com.fasterxml.jackson.core.JsonParser copied = copy.asParser()) {
                return MAPPER.readTree(copied);
            }
        }
    }

    private static boolean startsAnArray(java.io.BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
                    continue; // byte order mark, blank lines
                }
                return b == '[';
            }
            return false;
        } finally {
            in.reset();
        }
    }

    /** Converts one record and writes its posts; returns why it was rejected, or null. */
    private String convert(JsonNode record, Tally tally) throws IOException {
        List<Post> converted;
        try {
            converted = importer.posts(record);
            for (Post post : converted) {
                validator.validate(post);
            }
        } catch (ImportException | InvalidPostException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (converted.isEmpty()) {
            tally.skipped++;
            tally.skippedByKind.merge(importer.skippedAs(record), 1L, Long::sum);
        }
        for (Post post : converted) {
            tally.out.write(PostJsonWriter.line(post));
            tally.out.write('\n');
            tally.posts++;
        }
        return null;
    }

    /** What one run has counted so far, and where its output and rejections go. */
    private final class Tally {
        final Writer out;
        final Writer rejects;
        long count;
        long posts;
        long skipped;
        long rejected;
        final java.util.SortedMap<String, Long> skippedByKind = new java.util.TreeMap<>();

        Tally(Writer out, Writer rejects) {
            this.out = out;
            this.rejects = rejects;
        }

        void reject(String where, String reason, ObjectNode kept) throws IOException {
            rejected++;
            if (rejected <= REPORTED_REJECTIONS) {
                report.printf("%s: %s%n", where, reason);
            }
            if (rejects != null) {
                rejects.write(kept.toString());
                rejects.write('\n');
            }
        }
    }
}
