package dev.crossfire.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference, docs/configuration.md, lists every setting with its real default. */
class ConfigurationReferenceTest {

    @Test
    void everySettingIsDocumentedWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        for (ConfigKeys.Key key : ConfigKeys.ALL.values()) {
            String row = "| `" + key.name() + "` | " + (key.defaultValue() == null ? "(required)"
                : key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`") + " |";
            assertThat(readme).as(key.name()).contains(row);
        }
    }
}
