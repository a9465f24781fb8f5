package dev.crossfire.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro values in the Confluent wire format: magic byte 0, the writer schema's registry id as four
 * big-endian bytes, then Avro binary. Subjects follow TopicNameStrategy ({@code <topic>-value}), so
 * Confluent's own serializers and consumers read and write the same bytes.
 *
 * <p>Schema ids are cached per subject and writer schemas per id: once warm, no registry call per
 * record. Readers resolve any registered writer schema against the generated class's schema, which
 * is what makes schema evolution (added fields with defaults, new enum symbols) safe.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    public static final byte MAGIC_BYTE = 0;
    private static final int HEADER_BYTES = 5;

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final boolean isKey;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();
    private final SpecificDatumWriter<T> writer;

    public AvroSerde(SchemaRegistryClient registry, Schema schema) {
        this(registry, schema, false);
    }

    public AvroSerde(SchemaRegistryClient registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.readerSchema = schema;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    public Schema schema() {
        return readerSchema;
    }

    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        String subject = topic + (isKey ? "-key" : "-value");
        int id = idsBySubject.computeIfAbsent(subject, s -> registry.register(s, readerSchema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.write(ByteBuffer.allocate(4).putInt(id).array(), 0, 4);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + readerSchema.getName() + " to " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER_BYTES || bytes[0] != MAGIC_BYTE) {
            throw new SerializationException("not Confluent Avro wire format (expected magic byte 0 and a 4-byte schema id) on " + topic);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readersById.computeIfAbsent(id, i -> new SpecificDatumReader<>(registry.schemaById(i), readerSchema));
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read " + readerSchema.getName() + " from " + topic + ": writer schema id " + id
                + " unavailable: " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + readerSchema.getName() + " (schema id " + id + ") from " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }
}
