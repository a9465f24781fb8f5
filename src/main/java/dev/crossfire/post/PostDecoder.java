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

    /**
     * The largest record decoded at all, checked on the raw bytes so an oversized record costs no
     * parsing (the timestamp extractor decodes every record before the validator sees it). JSON can
     * take twelve bytes for a character that Avro writes in four, so this is looser than
     * {@link PostValidator#MAX_POST_BYTES}; it only spares the decoder a record that could never pass.
     */
    public static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

    private final AvroSerde<Post> avro;

    public PostDecoder(AvroSerde<Post> avro) {
        this.avro = avro;
    }

    public Post decode(String topic, byte[] value) throws InvalidPostException {
        if (value == null || value.length == 0) {
            throw new InvalidPostException(RejectReason.EMPTY_VALUE, "empty value");
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw new InvalidPostException(RejectReason.TOO_LARGE,
                "the record has " + value.length + " bytes, more than the limit of " + MAX_RECORD_BYTES);
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
