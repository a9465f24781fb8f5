package dev.crossfire.post;

import dev.crossfire.avro.Post;
import dev.crossfire.serde.AvroSerde;

/**
 * Turns the bytes of a posts-topic value into a {@link Post}. Two encodings are accepted, told apart
 * by the first byte: Confluent Avro (magic byte 0) as the architecture specifies, and the JSON of
 * contracts.md, which is what most connectors and the {@code detect} command write.
 */
public final class PostDecoder {

    private final AvroSerde<Post> avro;

    public PostDecoder(AvroSerde<Post> avro) {
        this.avro = avro;
    }

    public Post decode(String topic, byte[] value) throws InvalidPostException {
        if (value == null || value.length == 0) {
            throw new InvalidPostException(RejectReason.EMPTY_VALUE, "empty value");
        }
        if (value[0] == AvroSerde.MAGIC_BYTE) {
            try {
                return avro.deserialize(topic, value);
            } catch (RuntimeException e) {
                throw new InvalidPostException(RejectReason.NOT_AVRO, "unreadable Avro post: " + e.getMessage());
            }
        }
        return PostJson.parse(value);
    }
}
