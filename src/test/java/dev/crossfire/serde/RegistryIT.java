package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Post;
import dev.crossfire.registry.ApicurioRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * crossfire's registry client and serde against a real Confluent-API registry server (Apicurio
 * Registry 2.4.2's ccompat API, started on loopback for this class).
 */
class RegistryIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpSchemaRegistryClient client(Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.put(RegistrySettings.URL, REGISTRY.url());
        return new HttpSchemaRegistryClient(RegistrySettings.fromConfig(config).withTimeouts(Duration.ofSeconds(5), 1, Duration.ofMillis(100)));
    }

    private static String topic(String name) {
        return "it." + name + "." + System.nanoTime();
    }

    @Test
    void schemasAreRegisteredOnFirstUseAndIdsStayTheSameForAFreshClient() {
        String topic = topic("posts");
        byte[] bytes = new AvroSerde<Post>(client(Map.of()), Post.getClassSchema()).serialize(topic, AvroSerdeTest.fullPost());
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();

        // another run of the app: a fresh client, the same schema, the same id; and it decodes by id
        HttpSchemaRegistryClient fresh = client(Map.of());
        assertThat(fresh.latest(topic + "-value").id()).isEqualTo(id);
        byte[] again = new AvroSerde<Post>(fresh, Post.getClassSchema()).serialize(topic, AvroSerdeTest.fullPost());
        assertThat(ByteBuffer.wrap(again, 1, 4).getInt()).isEqualTo(id);
        assertThat(new AvroSerde<Post>(client(Map.of()), Post.getClassSchema()).deserialize(topic, bytes)).isEqualTo(AvroSerdeTest.fullPost());
    }

    @Test
    void bytesDecodeWithPlainAvroGivenOnlyTheSchemaFetchedById() throws Exception {
        String topic = topic("alerts");
        byte[] bytes = new AvroSerde<Post>(client(Map.of()), Post.getClassSchema()).serialize(topic, AvroSerdeTest.fullPost());
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(REGISTRY.url() + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        Schema fetched = new Schema.Parser().parse(JSON.readTree(answer.body()).get("schema").asText());
        GenericRecord record = new GenericDatumReader<GenericRecord>(fetched)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(record.get("id").toString()).isEqualTo(AvroSerdeTest.fullPost().getId());
        assertThat(record.get("text").toString()).isEqualTo(AvroSerdeTest.fullPost().getText());
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithAClearMessage() {
        String subject = topic("threads") + "-value";
        HttpSchemaRegistryClient client = client(Map.of());
        client.register(subject, Post.getClassSchema());
        client.setCompatibility(subject, "FULL");
        assertThat(client.compatibility(subject)).isEqualTo("FULL");
        Schema breaking = new Schema.Parser().parse(Post.getClassSchema().toString()
            .replaceFirst("\\]\\}$", ",{\"name\":\"mandatory\",\"type\":\"string\"}]}"));

        assertThat(client.isCompatible(subject, breaking)).isFalse();
        assertThatThrownBy(() -> client.register(subject, breaking))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageStartingWith("cannot register the schema dev.crossfire.avro.Post under subject " + subject
                + ": incompatible with the schemas already registered")
            .hasMessageContaining("HTTP 409");
        assertThatThrownBy(() -> RegistryCheck.verify(client, Map.of(subject, breaking)))
            .hasMessageStartingWith("schema registry check failed: subject " + subject + " (FULL) refuses crossfire's dev.crossfire.avro.Post");
    }

    @Test
    void aV2WithANewOptionalFieldPassesFullAndEachAppReadsTheOther() throws IOException {
        String topic = topic("posts");
        String subject = topic + "-value";
        HttpSchemaRegistryClient client = client(Map.of());
        client.register(subject, Post.getClassSchema());
        client.setCompatibility(subject, "FULL");
        Schema v2 = SchemaEvolutionTest.postV2();
        assertThat(client.isCompatible(subject, v2)).isTrue();
        int v2Id = client.register(subject, v2);

        // the current app writing with the latest (v2) version, as use.latest.version asks
        AvroSerde<Post> latest = new AvroSerde<>(client(Map.of(RegistrySettings.AUTO_REGISTER, "false", RegistrySettings.USE_LATEST_VERSION, "true")),
            Post.getClassSchema(), false, new SubjectPolicy(RegistrySettings.SubjectStrategy.TOPIC, false, true));
        byte[] written = latest.serialize(topic, AvroSerdeTest.fullPost());
        assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(v2Id);
        // ... and the current app reads it back, the new field ignored
        assertThat(new AvroSerde<Post>(client(Map.of()), Post.getClassSchema()).deserialize(topic, written)).isEqualTo(AvroSerdeTest.fullPost());
        // a v2 app reads the same bytes with the field at its default
        GenericRecord asV2 = new GenericDatumReader<GenericRecord>(client.schemaById(v2Id), v2)
            .read(null, DecoderFactory.get().binaryDecoder(written, 5, written.length - 5, null));
        assertThat(asV2.get("sensitivity")).isNull();
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsAClearError() {
        String topic = topic("figures");
        AvroSerde<Post> serde = new AvroSerde<>(client(Map.of(RegistrySettings.AUTO_REGISTER, "false")), Post.getClassSchema(), false,
            new SubjectPolicy(RegistrySettings.SubjectStrategy.TOPIC, false, false));
        assertThatThrownBy(() -> serde.serialize(topic, AvroSerdeTest.fullPost()))
            .hasMessageContaining("look up the schema dev.crossfire.avro.Post under subject " + topic + "-value")
            .hasMessageContaining("not found");
    }

    @Test
    void theRegistryDownMidRunLeavesCachedIdsWorkingAndDownAtStartIsOneClearLine() throws Exception {
        String topic = topic("posts");
        AvroSerde<Post> serde = new AvroSerde<>(client(Map.of()), Post.getClassSchema());
        byte[] before = serde.serialize(topic, AvroSerdeTest.fullPost());
        serde.deserialize(topic, before);

        REGISTRY.stop();
        try {
            byte[] during = serde.serialize(topic, AvroSerdeTest.fullPost());
            assertThat(during).isEqualTo(before);
            assertThat(serde.deserialize(topic, during)).isEqualTo(AvroSerdeTest.fullPost());

            HttpSchemaRegistryClient cold = client(Map.of());
            assertThatThrownBy(() -> RegistryCheck.verify(cold, Map.of(topic + "-value", Post.getClassSchema())))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("unreachable")
                .hasMessageContaining(REGISTRY.url())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            REGISTRY.restart();
        }
        assertThat(List.of(client(Map.of()).register(topic("again") + "-value", Post.getClassSchema()))).isNotEmpty();
    }
}
