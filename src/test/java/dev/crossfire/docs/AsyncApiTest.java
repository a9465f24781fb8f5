package dev.crossfire.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.config.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml: it parses, every reference resolves, every public topic is in it. */
class AsyncApiTest {

    private static final Path DOC = Path.of("docs", "asyncapi.yaml");

    @Test
    void itParsesItsReferencesResolveAndItNamesEveryPublicTopic() throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(DOC.toFile());
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> refs = new ArrayList<>();
        collect(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                JsonNode target = doc.at(ref.substring(1));
                assertThat(target.isMissingNode()).as("internal reference " + ref).isFalse();
            } else {
                Path file = DOC.getParent().resolve(ref).normalize();
                assertThat(file).as("schema file of " + ref).exists();
                Schema.Parser parser = new Schema.Parser();
                // the schemas name shared types from schemas/common, as the build's imports do
                try (var common = Files.list(Path.of("schemas", "common"))) {
                    for (Path p : common.sorted().toList()) {
                        parser.parse(p.toFile());
                    }
                }
                if (!file.getFileName().toString().equals("Post.avsc") && !file.getFileName().toString().equals("PublicFigure.avsc")) {
                    parser.parse(Path.of("schemas", "Post.avsc").toFile());
                }
                Schema schema = parser.parse(file.toFile());
                assertThat(schema.getType()).as(ref).isEqualTo(Schema.Type.RECORD);
            }
        }
        Set<String> addresses = new HashSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        Topics t = Topics.defaults();
        assertThat(addresses).contains(t.posts(), t.figures(), t.threads(), t.alerts(), t.rejected(), t.alerts() + ".undelivered");
    }

    private static void collect(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, refs));
        }
    }
}
