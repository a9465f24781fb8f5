package dev.crossfire.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.Post;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smoke test of the real Confluent-API registry (Apicurio 2.4.2, see registry-server/README.md) over
 * plain {@link HttpClient}: what crossfire's HTTP registry client will meet. Each nested class runs its
 * own server, one after the other.
 */
class ApicurioRegistryIT {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String SUBJECT = "crossfire.posts-value";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The real Post value schema, as the serde registers it. */
    static final Schema POST = Post.getClassSchema();

    @Nested
    class InMemory {

        @RegisterExtension
        static final ApicurioRegistry registry = ApicurioRegistry.inMemory();

        @Test
        void registeringIsIdempotentAndTheSchemaIsServedById() throws Exception {
            Reply first = register(registry, SUBJECT, POST);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            int id = first.json().get("id").asInt();
            assertThat(id).isPositive();

            Reply again = register(registry, SUBJECT, POST);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("id").asInt()).isEqualTo(id);

            Reply byId = get(registry, "/schemas/ids/" + id);
            assertThat(byId.status()).isEqualTo(200);
            assertThat(new Schema.Parser().parse(byId.json().get("schema").asText())).isEqualTo(POST);

            Reply lookup = post(registry, "/subjects/" + SUBJECT, schemaBody(POST));
            assertThat(lookup.status()).isEqualTo(200);
            assertThat(lookup.json().get("id").asInt()).isEqualTo(id);
            assertThat(lookup.json().get("version").asInt()).isEqualTo(1);
            assertThat(get(registry, "/subjects").json()).extracting(JsonNode::asText).contains(SUBJECT);
        }

        @Test
        void backwardCompatibilityRejectsAnIncompatibleSchemaWith409() throws Exception {
            int id = register(registry, SUBJECT, POST).json().get("id").asInt();

            Reply config = put(registry, "/config/" + SUBJECT, "{\"compatibility\":\"BACKWARD\"}");
            assertThat(config.status()).isEqualTo(200);
            assertThat(config.json().get("compatibility").asText()).isEqualTo("BACKWARD");
            assertThat(get(registry, "/config/" + SUBJECT).json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");

            Schema idBecomesLong = edit(POST, fields -> ((ObjectNode) field(fields, "id")).put("type", "long"));
            Reply check = post(registry, "/compatibility/subjects/" + SUBJECT + "/versions/latest", schemaBody(idBecomesLong));
            assertThat(check.status()).isEqualTo(200);
            assertThat(check.json().get("is_compatible").asBoolean()).isFalse();

            Reply typeChange = register(registry, SUBJECT, idBecomesLong);
            assertThat(typeChange.status()).as(typeChange.body()).isEqualTo(409);
            assertThat(typeChange.json().get("message").asText()).startsWith("Incompatible artifact: " + SUBJECT);
            assertThat(typeChange.json().get("error_code").asInt()).isZero(); // Confluent answers 409 too, with error_code 409

            Schema requiredFieldAdded = edit(POST, fields -> fields.addObject().put("name", "score").put("type", "double"));
            Reply added = register(registry, SUBJECT, requiredFieldAdded);
            assertThat(added.status()).as(added.body()).isEqualTo(409);

            assertThat(get(registry, "/subjects/" + SUBJECT + "/versions").json()).extracting(JsonNode::asInt).containsExactly(1);
            assertThat(get(registry, "/subjects/" + SUBJECT + "/versions/latest").json().get("id").asInt()).isEqualTo(id);
        }

        @Test
        void removingAFieldIsBackwardCompatible() throws Exception {
            String subject = "crossfire.removal-check-value";
            register(registry, subject, POST);
            put(registry, "/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");

            Schema withoutLang = edit(POST, fields -> fields.remove(indexOf(fields, "lang")));
            Reply removed = register(registry, subject, withoutLang);
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(get(registry, "/subjects/" + subject + "/versions").json()).extracting(JsonNode::asInt).containsExactly(1, 2);
        }

        @Test
        void unknownIdsAndSubjectsAnswer404WithConfluentErrorCodes() throws Exception {
            Reply schema = get(registry, "/schemas/ids/987654");
            assertThat(schema.status()).isEqualTo(404);
            assertThat(schema.json().get("error_code").asInt()).isEqualTo(40403);

            Reply subject = get(registry, "/subjects/no.such-value/versions");
            assertThat(subject.status()).isEqualTo(404);
            assertThat(subject.json().get("error_code").asInt()).isEqualTo(40401);
        }

        @Test
        void anInvalidSchemaAnswers422() throws Exception {
            Reply reply = post(registry, "/subjects/" + SUBJECT + "/versions", "{\"schema\":\"{\\\"type\\\":\\\"recordx\\\"}\"}");
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.json().get("error_code").asInt()).isEqualTo(42201);
        }

        @Test
        void stopMakesItUnreachableAndRestartComesBackEmptyOnTheSameUrl() throws Exception {
            String url = registry.url();
            register(registry, SUBJECT, POST);

            registry.stop();
            assertThat(registry.isRunning()).isFalse();
            assertThatThrownBy(() -> get(registry, "/subjects")).isInstanceOf(ConnectException.class);

            registry.restart();
            assertThat(registry.url()).isEqualTo(url);
            assertThat(get(registry, "/subjects").json()).isEmpty();
            // in-memory storage starts over: ids count from 1 again, so the same registrations give the same ids
            assertThat(register(registry, SUBJECT, POST).json().get("id").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class Persistent {

        @RegisterExtension
        static final ApicurioRegistry registry = ApicurioRegistry.persistent();

        @Test
        void restartKeepsSubjectsIdsAndConfiguration() throws Exception {
            int v1 = register(registry, SUBJECT, POST).json().get("id").asInt();
            Schema withoutLang = edit(POST, fields -> fields.remove(indexOf(fields, "lang")));
            int v2 = register(registry, SUBJECT, withoutLang).json().get("id").asInt();
            put(registry, "/config/" + SUBJECT, "{\"compatibility\":\"BACKWARD\"}");

            registry.restart();

            assertThat(new Schema.Parser().parse(get(registry, "/schemas/ids/" + v1).json().get("schema").asText())).isEqualTo(POST);
            assertThat(register(registry, SUBJECT, POST).json().get("id").asInt()).isEqualTo(v1);
            assertThat(register(registry, SUBJECT, withoutLang).json().get("id").asInt()).isEqualTo(v2);
            assertThat(get(registry, "/subjects/" + SUBJECT + "/versions").json()).extracting(JsonNode::asInt).containsExactly(1, 2);
            assertThat(get(registry, "/config/" + SUBJECT).json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
            int next = register(registry, "crossfire.threads-value", Schema.create(Schema.Type.STRING)).json().get("id").asInt();
            assertThat(next).isGreaterThan(Math.max(v1, v2));
        }
    }

    @Nested
    @ExtendWith(ApicurioRegistry.class)
    class InjectedAsParameter {

        @Test
        void theExtensionResolvesARunningRegistry(ApicurioRegistry registry) throws Exception {
            assertThat(registry.isRunning()).isTrue();
            assertThat(registry.url()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
            assertThat(get(registry, "/subjects").status()).isEqualTo(200);
        }
    }

    // ---- plain HTTP ----

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Reply register(ApicurioRegistry registry, String subject, Schema schema) throws Exception {
        return post(registry, "/subjects/" + subject + "/versions", schemaBody(schema));
    }

    static String schemaBody(Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    static Reply get(ApicurioRegistry registry, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET());
    }

    static Reply post(ApicurioRegistry registry, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply put(ApicurioRegistry registry, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(
            request.header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    // ---- schema edits ----

    interface FieldsEdit {
        void apply(ArrayNode fields) throws Exception;
    }

    static Schema edit(Schema schema, FieldsEdit edit) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(schema.toString());
        edit.apply((ArrayNode) tree.get("fields"));
        return new Schema.Parser().parse(JSON.writeValueAsString(tree));
    }

    static JsonNode field(ArrayNode fields, String name) {
        return fields.get(indexOf(fields, name));
    }

    static int indexOf(ArrayNode fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }
}
