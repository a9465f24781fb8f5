package dev.crossfire.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
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
    private final SubjectPolicy policy;
    private final Map<String, SubjectWriter> writersBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();
    private final SpecificDatumWriter<T> writer;

    public AvroSerde(SchemaRegistryClient registry, Schema schema) {
        this(registry, schema, false, SubjectPolicy.defaults());
    }

    public AvroSerde(SchemaRegistryClient registry, Schema schema, boolean isKey) {
        this(registry, schema, isKey, SubjectPolicy.defaults());
    }

    public AvroSerde(SchemaRegistryClient registry, Schema schema, boolean isKey, SubjectPolicy policy) {
        this.registry = registry;
        this.readerSchema = schema;
        this.isKey = isKey;
        this.policy = policy;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    /** The id written for a subject and, with use.latest.version, the registered schema written with. */
    private record SubjectWriter(int id, Schema latest) {
    }

    public Schema schema() {
        return readerSchema;
    }

    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        String subject = policy.strategy().subject(topic, isKey, readerSchema);
        SubjectWriter target;
        try {
            target = writersBySubject.computeIfAbsent(subject, this::writerFor);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot write " + readerSchema.getName() + " to " + topic + ": " + e.getMessage(), e);
        }
        Scratch scratch = SCRATCH.get();
        ScratchBytes out = scratch.out;
        out.reset();
        out.write(MAGIC_BYTE);
        int id = target.id();
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            // buffered and reused: the direct encoder cost a synchronized stream write per field
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, scratch.encoder);
            scratch.encoder = encoder;
            if (target.latest() == null) {
                writer.write(value, encoder);
            } else {
                writeAs(target.latest(), value, encoder);
            }
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            scratch.encoder = null; // it may hold part of this record, which it would flush into the next
            out.reset();
            throw new SerializationException("cannot write " + readerSchema.getName() + " to " + topic + ": " + e.getMessage(), e);
        }
        return out.copyAndShrink();
    }

    /** One serializing thread's output buffer and encoder, kept between records. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final ScratchBytes out = new ScratchBytes();
        BinaryEncoder encoder;
    }

    /** A reusable buffer that does not keep a rare large record's capacity: every buffer has a bound. */
    private static final class ScratchBytes extends ByteArrayOutputStream {
        private static final int KEEP = 64 * 1024;

        ScratchBytes() {
            super(1024);
        }

        byte[] copyAndShrink() {
            byte[] copy = java.util.Arrays.copyOf(buf, count);
            if (buf.length > KEEP) {
                buf = new byte[1024];
            }
            count = 0;
            return copy;
        }
    }

    private SubjectWriter writerFor(String subject) {
        if (policy.autoRegister()) {
            return new SubjectWriter(registry.register(subject, readerSchema), null);
        }
        if (!policy.useLatestVersion()) {
            return new SubjectWriter(registry.idOf(subject, readerSchema), null);
        }
        RegisteredSchema latest = registry.latest(subject);
        if (latest.schema().equals(readerSchema)) {
            return new SubjectWriter(latest.id(), null);
        }
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), readerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("the latest schema of subject " + subject + " (id " + latest.id() + ", version "
                + latest.version() + ") cannot hold crossfire's " + readerSchema.getName() + ": " + compatibility.getDescription());
        }
        return new SubjectWriter(latest.id(), latest.schema());
    }

    /** Writes the record in another registered schema, by Avro's own schema resolution. */
    private void writeAs(Schema target, T value, BinaryEncoder encoder) throws IOException {
        ByteArrayOutputStream ours = new ByteArrayOutputStream(256);
        BinaryEncoder direct = EncoderFactory.get().directBinaryEncoder(ours, null);
        writer.write(value, direct);
        direct.flush();
        Object converted = new GenericDatumReader<>(readerSchema, target)
            .read(null, DecoderFactory.get().binaryDecoder(ours.toByteArray(), null));
        new GenericDatumWriter<>(target).write(converted, encoder);
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
