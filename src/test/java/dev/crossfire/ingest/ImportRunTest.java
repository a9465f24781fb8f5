package dev.crossfire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Post;
import dev.crossfire.post.PostJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportRunTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void badLinesAreReportedWithTheirNumberAndKeptWholeAndTheRestGoOn() throws Exception {
        String input = String.join("\n", Fixtures.lines("x-v1/statuses.jsonl")) + "\n\n[1,2]\n";
        StringWriter out = new StringWriter();
        StringWriter rejects = new StringWriter();
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        ImportRun.Summary summary = new ImportRun(new XV1Importer(), new PrintStream(report, true, StandardCharsets.UTF_8))
            .run(new java.io.ByteArrayInputStream((input).getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, rejects);

        assertThat(summary.lines()).isEqualTo(10);
        assertThat(summary.posts()).isEqualTo(6); // 1 + 1 + 2 (quoted, quote) + 2 (original, retweet)
        assertThat(summary.skipped()).isEqualTo(1); // the delete notice
        assertThat(summary.rejected()).isEqualTo(4);
        String printed = report.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("line 6: status 1264224581611214848: missing user", "line 7: status 1264224581611214849: created_at",
            "line 8: not valid JSON", "line 10: not a JSON object");

        List<JsonNode> kept = new ArrayList<>();
        for (String line : rejects.toString().split("\n")) {
            kept.add(MAPPER.readTree(line));
        }
        assertThat(kept).extracting(n -> n.get("line").asInt()).containsExactly(6, 7, 8, 10);
        assertThat(kept.get(2).get("record").asText()).isEqualTo(Fixtures.lines("x-v1/statuses.jsonl").get(7)); // the line, whole

        // every line written is a post in the contract's format
        for (String line : out.toString().split("\n")) {
            Post post = PostJson.parse(line.getBytes(StandardCharsets.UTF_8));
            assertThat(post.getId()).startsWith("x:");
        }
    }

    @Test
    void aLineLongerThanTheBoundIsSkippedToItsEndAndTheNextLineIsRead() throws Exception {
        String longLine = "x".repeat(50);
        BoundedLines lines = new BoundedLines(new java.io.ByteArrayInputStream(("short\r\n" + longLine + "\nafter\nlast").getBytes(java.nio.charset.StandardCharsets.UTF_8)), 20);
        assertThat(lines.next().text()).isEqualTo("short");
        BoundedLines.Line tooLong = lines.next();
        assertThat(tooLong.tooLong()).isTrue();
        assertThat(tooLong.length()).isEqualTo(50);
        assertThat(tooLong.number()).isEqualTo(2);
        assertThat(lines.next().text()).isEqualTo("after");
        BoundedLines.Line last = lines.next();
        assertThat(last.text()).isEqualTo("last");
        assertThat(last.number()).isEqualTo(4);
        assertThat(lines.next()).isNull();
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedWithItsColumnAndKeptByteForByte() throws Exception {
        List<String> good = Fixtures.lines("x-v1/statuses.jsonl").subList(0, 2);
        byte[] bad = "{\"id\": 1, \"text\": \"na\u00efve\"}".getBytes(StandardCharsets.ISO_8859_1); // Latin-1, not UTF-8
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        input.write((good.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        input.write(bad);
        input.write(("\n" + good.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter rejects = new StringWriter();
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        ImportRun.Summary summary = new ImportRun(new XV1Importer(), new PrintStream(report, true, StandardCharsets.UTF_8))
            .run(new java.io.ByteArrayInputStream(input.toByteArray()), out, rejects);

        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.posts()).isEqualTo(2); // the lines on both sides of it
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("line 2: not UTF-8: byte 0xEF at column 22");
        JsonNode kept = MAPPER.readTree(rejects.toString().strip());
        assertThat(kept.get("line").asInt()).isEqualTo(2);
        assertThat(java.util.Base64.getDecoder().decode(kept.get("recordBase64").asText())).isEqualTo(bad);
    }

    @Test
    void boundedLinesKeepABadLinesBytesAndDecodeACharacterSplitAcrossReads() throws Exception {
        // a two-byte character straddling the reader's 8 KiB buffer, then a lone continuation byte
        String straddling = "a".repeat(8191) + "\u00e9" + "z";
        byte[] loneByte = {'o', 'k', (byte) 0x80, '!'};
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        input.write((straddling + "\n").getBytes(StandardCharsets.UTF_8));
        input.write(loneByte);
        input.write("\r\nlast".getBytes(StandardCharsets.UTF_8));
        BoundedLines lines = new BoundedLines(new java.io.ByteArrayInputStream(input.toByteArray()), 1 << 20);

        assertThat(lines.next().text()).isEqualTo(straddling);
        BoundedLines.Line bad = lines.next();
        assertThat(bad.notUtf8()).isTrue();
        assertThat(bad.raw()).isEqualTo(loneByte);
        assertThat(bad.badByteAt()).isEqualTo(2);
        assertThat(bad.problem(1 << 20)).isEqualTo("not UTF-8: byte 0x80 at column 3 cannot start or continue a character");
        assertThat(lines.next().text()).isEqualTo("last");
        assertThat(lines.next()).isNull();
    }

    @Test
    void aOneMegabyteLineAndBrokenJsonAreRejectedByNumberAndKeptWhileTheLinesAroundThemImport() throws Exception {
        List<String> good = Fixtures.lines("x-v1/statuses.jsonl").subList(0, 2);
        JsonNode status = MAPPER.readTree(good.get(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) status).put("full_text", "x".repeat(1_000_000));
        String huge = MAPPER.writeValueAsString(status);
        String input = good.get(0) + "\n" + huge + "\n{\"broken\": \n" + good.get(1) + "\n";
        StringWriter out = new StringWriter();
        StringWriter rejects = new StringWriter();
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        ImportRun.Summary summary = new ImportRun(new XV1Importer(), new PrintStream(report, true, StandardCharsets.UTF_8))
            .run(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, rejects);

        assertThat(summary.posts()).isEqualTo(2); // lines 1 and 4
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("line 2: ").contains("line 3: not valid JSON");
        List<JsonNode> kept = new ArrayList<>();
        for (String line : rejects.toString().split("\n")) {
            kept.add(MAPPER.readTree(line));
        }
        assertThat(kept.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(kept.get(0).get("record").asText()).isEqualTo(huge); // whole
        assertThat(kept.get(1).get("record").asText()).isEqualTo("{\"broken\": ");
    }
}
