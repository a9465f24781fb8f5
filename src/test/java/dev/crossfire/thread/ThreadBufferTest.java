package dev.crossfire.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.PendingChild;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.post.PostSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadBufferTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static Post reply(String id, String text) {
        return Post.newBuilder().setId(id).setPlatform(Platform.X).setAuthor(new Author(null, "fan", null))
            .setCreatedAt(T0).setText(text).setReplyTo(new PostRef("x:parent", null, null)).build();
    }

    private static List<PendingChild> waiting(int n, String text) {
        List<PendingChild> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new PendingChild(reply("x:" + i, text), T0.toEpochMilli(), 0));
        }
        return children;
    }

    @Test
    void childrenAreAdmittedUpToTheCountBound() {
        ThreadBuffer buffer = new ThreadBuffer(3);

        assertThat(buffer.admits("x:parent", waiting(2, "me too"), reply("x:new", "me too"))).isTrue();
        assertThat(buffer.admits("x:parent", waiting(3, "me too"), reply("x:new", "me too"))).isFalse();
    }

    /** Found by HostileThreadsTest: seven replies of 50,000 CJK characters made one buffer entry of over 1 MiB. */
    @Test
    void childrenAreAdmittedOnlyWhileTheParentsEntryStaysUnderTheRecordBound() {
        ThreadBuffer buffer = new ThreadBuffer(1_000);
        String longText = "\u5B57".repeat(50_000); // 150,000 bytes of UTF-8
        long perChild = PostSize.bytes(reply("x:0", longText));
        int fit = (int) (ThreadBuffer.MAX_RECORD_BYTES / (perChild + 16)) - 1;

        assertThat(buffer.admits("x:parent", waiting(fit, longText), reply("x:new", longText))).isTrue();
        assertThat(buffer.admits("x:parent", waiting(fit + 1, longText), reply("x:new", longText))).isFalse();
        // a short reply still fits where a long one no longer does
        assertThat(buffer.admits("x:parent", waiting(fit, longText), reply("x:new", "ok"))).isTrue();
    }

    @Test
    void ordinaryRepliesReachTheCountBoundLongBeforeTheByteBound() {
        ThreadBuffer buffer = new ThreadBuffer(1_000);
        String tweet = "\uD83D\uDE00 ".repeat(93) + "!"; // 280 characters of emoji and spaces: 466 bytes

        assertThat(buffer.admits("x:parent", waiting(999, tweet), reply("x:new", tweet))).isTrue();
    }
}
