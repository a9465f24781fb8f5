package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Post;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectPolicyTest {

    @Test
    void recordNameStrategyRegistersUnderTheRecordsFullName() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        SubjectPolicy policy = SubjectPolicy.of(RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://registry:8081",
            RegistrySettings.VALUE_SUBJECT_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy")));
        byte[] bytes = new AvroSerde<Post>(registry, Post.getClassSchema(), false, policy).serialize("any.topic", AvroSerdeTest.fullPost());

        assertThat(registry.versions("dev.crossfire.avro.Post")).containsExactly(ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertThat(registry.versions("any.topic-value")).isEmpty();
    }

    /** It ends with "RecordNameStrategy" too, and was once read as that. */
    @Test
    void topicRecordNameStrategyRegistersUnderTopicAndRecordName() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        SubjectPolicy policy = SubjectPolicy.of(RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://registry:8081",
            RegistrySettings.VALUE_SUBJECT_STRATEGY, "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")));
        new AvroSerde<Post>(registry, Post.getClassSchema(), false, policy).serialize("crossfire.posts", AvroSerdeTest.fullPost());

        assertThat(registry.versions("crossfire.posts-dev.crossfire.avro.Post")).hasSize(1);
        assertThat(registry.versions("dev.crossfire.avro.Post")).isEmpty();
        assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://registry:8081",
            RegistrySettings.VALUE_SUBJECT_STRATEGY, "MyOwnRecordNameStrategy"))).hasMessageContaining("TopicRecordNameStrategy");
    }

    @Test
    void topicNameStrategyIsTheDefault() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        new AvroSerde<Post>(registry, Post.getClassSchema()).serialize("crossfire.posts", AvroSerdeTest.fullPost());
        assertThat(registry.versions("crossfire.posts-value")).hasSize(1);
    }

    @Test
    void withoutAutoRegisterTheIdOfTheRegisteredSchemaIsWritten() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        int id = registry.register("crossfire.posts-value", Post.getClassSchema());
        AvroSerde<Post> serde = new AvroSerde<>(registry, Post.getClassSchema(), false, new SubjectPolicy(RegistrySettings.SubjectStrategy.TOPIC, false, false));
        assertThat(ByteBuffer.wrap(serde.serialize("crossfire.posts", AvroSerdeTest.fullPost()), 1, 4).getInt()).isEqualTo(id);
        assertThatThrownBy(() -> serde.serialize("other.topic", AvroSerdeTest.fullPost()))
            .hasMessageContaining("not registered under subject other.topic-value");
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://r:1", RegistrySettings.USE_LATEST_VERSION, "true")))
            .hasMessage("use.latest.version=true needs auto.register.schemas=false");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://r:1", RegistrySettings.AUTO_REGISTER, "maybe")))
            .hasMessage("auto.register.schemas must be true or false, got maybe");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://r:1", RegistrySettings.CREDENTIALS_SOURCE, "SASL_INHERIT",
            RegistrySettings.USER_INFO, "a:b")))
            .hasMessage("basic.auth.credentials.source=SASL_INHERIT takes the user and password from sasl.jaas.config; remove basic.auth.user.info");
        assertThat(RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "http://a:1/, https://b:2")).urls())
            .extracting(Object::toString).containsExactly("http://a:1", "https://b:2");
    }
}
