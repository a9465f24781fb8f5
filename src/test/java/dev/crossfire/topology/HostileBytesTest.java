package dev.crossfire.topology;

import static dev.crossfire.topology.HostileChecks.assertDeadLetteredOnce;
import static dev.crossfire.topology.HostileChecks.pipe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Post;
import dev.crossfire.post.PostJsonTestAccess;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.HostileInput;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import dev.crossfire.testing.Tries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bytes no producer should send, as the posts topic's value and key: each is dead-lettered once,
 * untouched, with a reason from {@code RejectReason}, nothing escapes the driver, and the topology
 * still threads and alerts on good posts afterwards.
 */
class HostileBytesTest {

    private static final Instant AT = Instant.parse("2025-12-31T12:00:00Z");

    @Test
    void randomBytesAsValueAndKeyAreDeadLetteredOneForOne() {
        try (TopologyFixture t = new TopologyFixture()) {
            Tries.run("random bytes are dead-lettered", 1L, 400, (random, i) -> {
                byte[] key = random.nextInt(5) == 0 ? null : HostileInput.bytes(random, 40);
                byte[] value = HostileInput.bytes(random, random.nextInt(10) == 0 ? 20_000 : 300);
                pipe(t, key, value);
                assertDeadLetteredOnce(t, key, value);
            });
            assertThat(t.threads.isEmpty()).isTrue();
            stillWorks(t);
        }
    }

    @Test
    void avroCutAtAnyPointIsRejectedAsNotAvro() {
        try (TopologyFixture t = new TopologyFixture()) {
            Tries.run("truncated Avro is rejected", 2L, 300, (random, i) -> {
                byte[] whole = avro(t, post(random, i));
                byte[] cut = Arrays.copyOf(whole, random.nextInt(whole.length));
                pipe(t, key(i), cut);
                assertThat(assertDeadLetteredOnce(t, key(i), cut)).isIn("NOT_AVRO", "EMPTY_VALUE");
            });
            stillWorks(t);
        }
    }

    @Test
    void aWellFormedHeaderWithAnUnknownSchemaIdIsRejectedNamingTheId() {
        try (TopologyFixture t = new TopologyFixture()) {
            Tries.run("unknown schema id is rejected", 3L, 100, (random, i) -> {
                byte[] bytes = avro(t, post(random, i));
                int id = 1_000 + random.nextInt(Integer.MAX_VALUE - 1_000) * (random.nextBoolean() ? 1 : -1);
                ByteBuffer.wrap(bytes, 1, 4).putInt(id);
                pipe(t, key(i), bytes);
                assertThat(assertDeadLetteredOnce(t, key(i), bytes)).isEqualTo("NOT_AVRO");
            });
        }
    }

    @Test
    void theIdOfAnotherRegisteredSchemaIsRejectedNotMisread() {
        try (TopologyFixture t = new TopologyFixture()) {
            // the registry now holds the figure schema too: a figure's bytes in the posts topic
            byte[] figure = t.serdes.figure.serialize(t.settings.topics().figures(), FigureBuilder.seedFigures().get(0));
            pipe(t, key(0), figure);
            assertThat(assertDeadLetteredOnce(t, key(0), figure)).isEqualTo("NOT_AVRO");
            Tries.run("a post's body under another schema's id is rejected", 4L, 50, (random, i) -> {
                byte[] bytes = avro(t, post(random, i));
                System.arraycopy(figure, 1, bytes, 1, 4);
                pipe(t, key(i), bytes);
                assertThat(assertDeadLetteredOnce(t, key(i), bytes)).isEqualTo("NOT_AVRO");
            });
        }
    }

    @Test
    void aWrongMagicByteIsReadAsJsonAndRejected() {
        try (TopologyFixture t = new TopologyFixture()) {
            Tries.run("wrong magic byte is rejected", 5L, 100, (random, i) -> {
                byte[] bytes = avro(t, post(random, i));
                bytes[0] = (byte) (1 + random.nextInt(255));
                pipe(t, key(i), bytes);
                // read as JSON text: Avro's binary is rarely UTF-8, and when it is, it is not JSON
                assertThat(assertDeadLetteredOnce(t, key(i), bytes)).isIn("NOT_UTF8", "NOT_JSON");
            });
        }
    }

    @Test
    void aValidHeaderFollowedByNoiseOrFlippedBytesIsRejectedOrAcceptedButNeverThrows() {
        try (TopologyFixture t = new TopologyFixture()) {
            int[] accepted = {0};
            Tries.run("noise after a valid header", 6L, 150, (random, i) -> {
                byte[] bytes = avro(t, post(random, i));
                if (random.nextBoolean()) {
                    byte[] noise = HostileInput.bytes(random, 200);
                    bytes = Arrays.copyOf(bytes, 5 + noise.length);
                    System.arraycopy(noise, 0, bytes, 5, noise.length);
                } else {
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        int at = 5 + random.nextInt(bytes.length - 5);
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                pipe(t, key(i), bytes);
                if (t.rejected.isEmpty()) {
                    accepted[0]++; // a flip can leave a valid post (another letter in the text): it is threaded
                } else {
                    assertDeadLetteredOnce(t, key(i), bytes);
                }
            });
            t.endOfInput();
            assertThat(t.threads()).hasSizeLessThanOrEqualTo(accepted[0]);
            HostileChecks.assertStateWithinBounds(t);
        }
    }

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] avro(TopologyFixture t, PostBuilder post) {
        Post decoded = PostJsonTestAccess.parse(post.json());
        return t.serdes.post.serialize(t.settings.topics().posts(), decoded);
    }

    private static PostBuilder post(Random random, int i) {
        PostBuilder post = PostBuilder.post("x:" + i, HostileInput.handle(random), AT.plusSeconds(i), HostileInput.text(random, 200));
        if (random.nextBoolean()) {
            post.replyTo("x:" + random.nextInt(i + 1_000), random.nextBoolean() ? null : "someone");
        }
        post.mentions("a", "b", HostileInput.handle(random));
        return post;
    }

    /** Good input after the bad still threads and alerts: nothing was left stuck. */
    private static void stillWorks(TopologyFixture t) {
        t.registry(FigureBuilder.seedFigures());
        t.send(SeedStory.inOrder());
        assertThat(t.rejected.isEmpty()).isTrue();
        assertThat(t.alerts()).isNotEmpty();
    }
}
