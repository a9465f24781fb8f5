package dev.crossfire.post;

import dev.crossfire.avro.Post;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.SchemaRegistryException;

/**
 * Turns the bytes of a posts-topic value into a {@link Post}. Two encodings are accepted, told apart
 * by the first byte: Confluent Avro (magic byte 0) as the architecture specifies, and the JSON of
 * contracts.md, which is what most connectors and the {@code detect} command write.
 *
 * <p>A registry that cannot be reached is not the post's fault: that failure is thrown as it is, for
 * the stream thread to stop and read the post again later, never as an {@link InvalidPostException}.
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
                if (SchemaRegistryException.isTransientIn(e)) {
                    throw e; // the registry is away, the post may be fine: it waits, it is not rejected
                }
                throw new InvalidPostException(RejectReason.NOT_AVRO, "unreadable Avro post: " + e.getMessage());
            }
        }
        return PostJson.parse(value);
    }
}
