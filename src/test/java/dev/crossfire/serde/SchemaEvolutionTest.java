package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Post;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * A Post v2 with a new optional field, on the wire through the registry: a new producer with the
 * current app, and the current producer with a new app. What makes both work is the rule the
 * schemas follow (every optional field has a default), which the registry's FULL check enforces.
 */
class SchemaEvolutionTest {

    static final String TOPIC = "crossfire.posts";
    static final String SUBJECT = TOPIC + "-value";

    /** Post as a later version might have it: one more optional field, with a default. */
    static Schema postV2() {
        Schema v1 = Post.getClassSchema();
        String json = v1.toString().replaceFirst("\\]\\}$",
            ",{\"name\":\"sensitivity\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"v2: an editor's flag\"}]}");
        Schema v2 = new Schema.Parser().parse(json);
        assertThat(v2.getField("sensitivity")).isNotNull();
        return v2;
    }

    @Test
    void v2AddsAFieldBothWaysCompatible() {
        Schema v1 = Post.getClassSchema();
        Schema v2 = postV2();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v2, v1).getType())
            .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE); // backward: new reads old
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v1, v2).getType())
            .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE); // forward: old reads new
    }

    @Test
    void aNewProducerWritingV2IsReadByTheCurrentApp() throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Schema v2 = postV2();
        int v2Id = registry.register(SUBJECT, v2);
        GenericRecord record = new GenericData.Record(v2);
        Post original = AvroSerdeTest.fullPost();
        for (Schema.Field f : Post.getClassSchema().getFields()) {
            record.put(f.name(), GenericData.get().deepCopy(f.schema(), toGeneric(original, f)));
        }
        record.put("sensitivity", "embargoed");

        Post read = new AvroSerde<Post>(registry, Post.getClassSchema()).deserialize(TOPIC, frame(v2Id, v2, record));

        assertThat(read).isEqualTo(original);
    }

    @Test
    void theCurrentProducerIsReadByANewAppWithTheDefault() throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        byte[] bytes = new AvroSerde<Post>(registry, Post.getClassSchema()).serialize(TOPIC, AvroSerdeTest.fullPost());
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();

        // the new app: v2 as its reader schema, the writer schema fetched by the id in the bytes
        GenericRecord read = new GenericDatumReader<GenericRecord>(registry.schemaById(id), postV2())
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("sensitivity")).isNull();
        assertThat(read.get("id").toString()).isEqualTo(AvroSerdeTest.fullPost().getId());
        assertThat(registry.versions(SUBJECT)).containsExactly(id);
    }

    private static Object toGeneric(Post post, Schema.Field field) throws IOException {
        // through bytes, so nested specific records become generic ones of the same schema
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<Post>(Post.getClassSchema()).write(post, enc);
        enc.flush();
        GenericRecord generic = new GenericDatumReader<GenericRecord>(Post.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        return generic.get(field.name());
    }

    static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }

    static List<String> fieldNames(Schema s) {
        return s.getFields().stream().map(Schema.Field::name).toList();
    }
}
