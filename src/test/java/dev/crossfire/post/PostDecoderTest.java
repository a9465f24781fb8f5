package dev.crossfire.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostDecoderTest {

    private static final String TOPIC = "crossfire.posts";
    private static final String JSON = """
        {"id": "x:1263980989120442368", "platform": "x", "author": {"handle": "jeffsessions"},
         "createdAt": "2020-05-22T23:52:07Z", "text": "you're damn fortunate I did",
         "quoteOf": {"postId": "x:1263970567838932993", "authorHandle": "realDonaldTrump"}}
        """;

    private final AvroSerde<Post> avro = new AvroSerde<>(new InMemorySchemaRegistry(), Post.getClassSchema());
    private final PostDecoder decoder = new PostDecoder(avro);

    private static Post sessionsQuotesTrump() {
        return Post.newBuilder()
            .setId("x:1263980989120442368")
            .setPlatform(Platform.X)
            .setAuthor(new Author(null, "jeffsessions", null))
            .setCreatedAt(Instant.parse("2020-05-22T23:52:07Z"))
            .setText("you're damn fortunate I did")
            .setQuoteOf(new PostRef("x:1263970567838932993", "realDonaldTrump", null))
            .setMentions(new ArrayList<>(List.of()))
            .build();
    }

    private InvalidPostException rejection(byte[] value) {
        InvalidPostException e = catchThrowableOfType(InvalidPostException.class, () -> decoder.decode(TOPIC, value));
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void confluentAvroIsDecodedAsAvro() throws InvalidPostException {
        byte[] bytes = avro.serialize(TOPIC, sessionsQuotesTrump());
        assertThat(bytes[0]).isEqualTo(AvroSerde.MAGIC_BYTE);

        assertThat(decoder.decode(TOPIC, bytes)).isEqualTo(sessionsQuotesTrump());
    }

    @Test
    void anythingElseIsReadAsJson() throws InvalidPostException {
        assertThat(decoder.decode(TOPIC, JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(sessionsQuotesTrump());
    }

    @Test
    void bothEncodingsOfOnePostDecodeToTheSamePost() throws InvalidPostException {
        Post fromJson = decoder.decode(TOPIC, JSON.getBytes(StandardCharsets.UTF_8));
        Post fromAvro = decoder.decode(TOPIC, avro.serialize(TOPIC, fromJson));

        assertThat(fromAvro).isEqualTo(fromJson);
    }

    @Test
    void anEmptyValueIsRejectedAsEmpty() {
        assertThat(rejection(new byte[0]).reason()).isEqualTo(RejectReason.EMPTY_VALUE);
        assertThat(rejection(null).reason()).isEqualTo(RejectReason.EMPTY_VALUE);
    }

    @Test
    void brokenAvroIsRejectedAsNotAvroWithTheCause() {
        InvalidPostException e = rejection(new byte[] {0, 0, 0});

        assertThat(e.reason()).isEqualTo(RejectReason.NOT_AVRO);
        assertThat(e.getMessage()).startsWith("unreadable Avro post").contains("magic byte");
    }

    @Test
    void avroWithAnUnknownSchemaIdIsRejectedAsNotAvro() {
        InvalidPostException e = rejection(new byte[] {0, 0, 0, 0, 42, 2, 'x'});

        assertThat(e.reason()).isEqualTo(RejectReason.NOT_AVRO);
        assertThat(e.getMessage()).contains("42");
    }

    @Test
    void truncatedAvroIsRejectedAsNotAvro() {
        byte[] bytes = avro.serialize(TOPIC, sessionsQuotesTrump());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThat(rejection(truncated).reason()).isEqualTo(RejectReason.NOT_AVRO);
    }

    @Test
    void textThatIsNeitherIsRejectedAsNotJson() {
        assertThat(rejection("hello".getBytes(StandardCharsets.UTF_8)).reason()).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void jsonRejectionsKeepTheirOwnReason() {
        byte[] unknownPlatform = JSON.replace("\"x\"", "\"myspace\"").getBytes(StandardCharsets.UTF_8);

        assertThat(rejection(unknownPlatform).reason()).isEqualTo(RejectReason.UNKNOWN_PLATFORM);
    }
}
