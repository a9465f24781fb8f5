package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Post;
import dev.crossfire.post.PostJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name.replace('/', '-'));
        try (InputStream in = getClass().getResourceAsStream("/ingest/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void importsWritesTheRejectedLinesBesideTheOutputAndSummarises() throws Exception {
        Path in = fixture("mastodon/statuses.jsonl");
        Path out = dir.resolve("posts.jsonl");
        CliRun r = CliRun.of("import", "--from", "mastodon", in.toString(), out.toString());

        assertThat(r.exit()).as("a line was rejected: partial success").isEqualTo(ExitCodes.PARTIAL);
        List<String> posts = Files.readAllLines(out);
        assertThat(posts).hasSize(6); // 1 + 1 + 2 (boosted, boost) + 2 (quoted, quote)
        for (String line : posts) {
            Post p = PostJson.parse(line.getBytes(StandardCharsets.UTF_8));
            assertThat(p.getId()).startsWith("mastodon:");
        }
        assertThat(r.err()).contains("line 5: status 112500000000000005: missing account")
            .contains("5 lines, 6 posts written, 0 records not posts (skipped), 1 lines rejected");
        assertThat(Files.readString(dir.resolve("posts.jsonl.rejected.jsonl"))).contains("\"line\":5");
    }

    @Test
    void aCleanImportLeavesNoRejectedFileAndGzipWorksBothWays() throws Exception {
        Path plain = fixture("bluesky/post-views.jsonl");
        Path in = dir.resolve("views.jsonl.gz");
        try (var gz = new GZIPOutputStream(Files.newOutputStream(in))) {
            gz.write(Files.readAllBytes(plain));
        }
        Path out = dir.resolve("posts.jsonl.gz");
        CliRun r = CliRun.of("import", "--from", "bluesky", in.toString(), out.toString());

        assertThat(r.exit()).isZero();
        try (var gz = new GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(gz.readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(2);
        }
        assertThat(dir.resolve("posts.jsonl.gz.rejected.jsonl")).doesNotExist();
    }

    @Test
    void anUnknownSourceIsAUsageError() {
        CliRun r = CliRun.of("import", "--from", "myspace", "in", "out");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown source 'myspace' (expected x-v1, x-v2, bluesky, mastodon or congresstweets)");
    }
}
