package dev.crossfire.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The connector's configuration: the reference in docs/live-sources.md lists every key, and a bad one fails at creation. */
class LiveSourceConfigTest {

    @Test
    void theReferenceListsEveryKeyAndNoOther() throws Exception {
        String doc = Files.readString(Path.of("docs/live-sources.md"));
        String table = doc.substring(doc.indexOf("### Configuration reference"), doc.indexOf("## Tests"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|").matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isEqualTo(new TreeSet<>(LiveSourceConfig.DEF.names()));
        for (String key : LiveSourceConfig.DEF.names()) {
            Object def = LiveSourceConfig.DEF.configKeys().get(key).defaultValue;
            if (def instanceof Number n) {
                assertThat(table).as(key + "'s default").containsPattern("\\| `" + Pattern.quote(key) + "` \\| " + n + " \\|");
            }
        }
    }

    @Test
    void aBadConfigurationFailsWhenTheConnectorStarts() {
        Map<String, String> good = Map.of(LiveSourceConfig.NETWORK, "bluesky-jetstream", LiveSourceConfig.URL, "wss://example.invalid/subscribe",
            LiveSourceConfig.REGISTRY_URL, "http://127.0.0.1:8081");
        assertThat(new LiveSourceConfig(good).settings().resumeOverlap()).hasSeconds(5);
        assertThatThrownBy(() -> new LiveSourceConnector().start(with(good, LiveSourceConfig.URL, "https://example.invalid/")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> new LiveSourceConnector().start(with(good, LiveSourceConfig.NETWORK, "x")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(LiveSourceConfig.NETWORK);
        assertThatThrownBy(() -> new LiveSourceConfig(with(good, LiveSourceConfig.URL, "wss://m.example/api/v1/streaming?stream=user&access_token=t")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(LiveSourceConfig.ACCESS_TOKEN);
        LiveSourceConnector connector = new LiveSourceConnector();
        connector.start(good);
        assertThat(connector.taskConfigs(4)).as("one stream, one task").containsExactly(good);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
