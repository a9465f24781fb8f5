package dev.crossfire.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.testing.HostileInput;
import dev.crossfire.testing.Tries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PostSizeTest {

    private final AvroSerde<Post> avro = new AvroSerde<>(new InMemorySchemaRegistry(), Post.getClassSchema());

    @Test
    void theSizeIsNeverBelowTheAvroEncodingWhateverTheStringsHold() {
        Tries.run("size bounds the encoding", 31L, 500, (random, i) -> {
            Post post = randomPost(random);
            int encoded = avro.serialize("posts", post).length - 5; // less the wire-format header
            assertThat(PostSize.bytes(post)).as("size of %s", post).isGreaterThanOrEqualTo(encoded);
        });
    }

    @Test
    void utf8CountsEachCharacterAsItsEncoding() {
        assertThat(PostSize.utf8("abc")).isEqualTo(3);
        assertThat(PostSize.utf8("\u00E9")).isEqualTo(2);
        assertThat(PostSize.utf8("\u5B57")).isEqualTo(3);
        assertThat(PostSize.utf8("\uD83D\uDE00")).isEqualTo(4);
        assertThat(PostSize.utf8("\uD800x")).isEqualTo(4); // a lone surrogate: at most 3
    }

    private static Post randomPost(Random random) {
        List<String> mentions = new ArrayList<>();
        for (int k = random.nextInt(20); k > 0; k--) {
            mentions.add(HostileInput.text(random, 30));
        }
        return Post.newBuilder()
            .setId(HostileInput.text(random, 40))
            .setPlatform(Platform.values()[random.nextInt(Platform.values().length)])
            .setAuthor(new Author(random.nextBoolean() ? null : HostileInput.text(random, 20), HostileInput.text(random, 20),
                random.nextBoolean() ? null : HostileInput.text(random, 20)))
            .setCreatedAt(Instant.ofEpochMilli(random.nextLong() >>> 1))
            .setText(HostileInput.text(random, 2_000))
            .setReplyTo(random.nextBoolean() ? null : new PostRef(HostileInput.text(random, 30), HostileInput.text(random, 10), null))
            .setQuoteOf(random.nextBoolean() ? null : new PostRef(HostileInput.text(random, 30), null, HostileInput.text(random, 10)))
            .setRepostOf(random.nextBoolean() ? null : new PostRef("x:1", null, null))
            .setRootId(random.nextBoolean() ? null : HostileInput.text(random, 30))
            .setMentions(mentions)
            .setLang(random.nextBoolean() ? null : "en")
            .setUrl(random.nextBoolean() ? null : HostileInput.text(random, 100))
            .setMetrics(random.nextBoolean() ? null : new Engagement(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()))
            .build();
    }
}
