package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.Post;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void theSameSchemaGetsTheSameIdUnderTwoSubjects() {
        int onPosts = registry.register("crossfire.posts-value", Post.getClassSchema());
        int onReplay = registry.register("crossfire.replay-value", Post.getClassSchema());

        assertThat(onReplay).isEqualTo(onPosts);
        assertThat(registry.versions("crossfire.posts-value")).containsExactly(onPosts);
        assertThat(registry.versions("crossfire.replay-value")).containsExactly(onPosts);
    }

    @Test
    void anEqualSchemaParsedFromTextGetsTheSameId() {
        int id = registry.register("crossfire.posts-value", Post.getClassSchema());
        Schema reparsed = new Schema.Parser().parse(Post.getClassSchema().toString());

        assertThat(registry.register("other-value", reparsed)).isEqualTo(id);
    }

    @Test
    void differentSchemasGetDifferentIds() {
        int post = registry.register("crossfire.posts-value", Post.getClassSchema());
        int alert = registry.register("crossfire.alerts-value", ExchangeAlert.getClassSchema());

        assertThat(post).isPositive();
        assertThat(alert).isPositive().isNotEqualTo(post);
        assertThat(registry.schemaById(post)).isEqualTo(Post.getClassSchema());
        assertThat(registry.schemaById(alert)).isEqualTo(ExchangeAlert.getClassSchema());
    }

    @Test
    void versionsListTheIdsOfASubjectOldestFirstWithoutRepeats() {
        int first = registry.register("crossfire.posts-value", Post.getClassSchema());
        int second = registry.register("crossfire.posts-value", ExchangeAlert.getClassSchema());
        int again = registry.register("crossfire.posts-value", Post.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("crossfire.posts-value")).containsExactly(first, second);
    }

    @Test
    void anUnknownSubjectHasNoVersions() {
        registry.register("crossfire.posts-value", Post.getClassSchema());

        assertThat(registry.versions("crossfire.alerts-value")).isEmpty();
    }

    @Test
    void theVersionsListIsACopy() {
        int id = registry.register("crossfire.posts-value", Post.getClassSchema());
        var versions = registry.versions("crossfire.posts-value");
        registry.register("crossfire.posts-value", ExchangeAlert.getClassSchema());

        assertThat(versions).containsExactly(id);
    }

    @Test
    void anUnknownIdIsAClearRegistryError() {
        registry.register("crossfire.posts-value", Post.getClassSchema());

        assertThatThrownBy(() -> registry.schemaById(4711))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageContaining("4711")
            .hasMessageContaining("not in the registry");
    }
}
