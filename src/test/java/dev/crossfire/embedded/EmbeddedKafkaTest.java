package dev.crossfire.embedded;

import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of {@link EmbeddedKafka} that need no running broker. */
class EmbeddedKafkaTest {

    @Test
    void bootstrapMetadataHasProductionFeatureLevels() {
        BootstrapMetadata metadata = EmbeddedKafka.productionBootstrapMetadata();
        assertThat(metadata.metadataVersion()).isEqualTo(MetadataVersion.latestProduction());
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            if (feature != Feature.KRAFT_VERSION) {
                assertThat(metadata.featureLevel(feature.featureName()))
                        .as(feature.featureName()).isEqualTo(feature.latestProduction());
            }
        }
        assertThat(metadata.featureLevel(Feature.TRANSACTION_VERSION.featureName())).isPositive();
    }

    @Test
    void unusableWorkDirFailsWithOneLineMessage(@TempDir Path tmp) throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> EmbeddedKafka.start(notADirectory))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageStartingWith("Embedded Kafka broker failed to start: ")
                .hasMessageNotContaining("\n")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void invalidBrokerConfigFailsWithOneLineMessageAndLeavesNothingBehind(@TempDir Path tmp) {
        assertThatThrownBy(() -> EmbeddedKafka.start(tmp, Map.of("num.network.threads", "many"), Duration.ofSeconds(30)))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageStartingWith("Embedded Kafka broker failed to start: ")
                .hasMessageContaining("num.network.threads")
                .hasMessageNotContaining("\n");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void anExtraListenerMayNotTakeTheNameOfTheBrokersOwnOrAnUnknownProtocol(@TempDir Path tmp) {
        assertThatThrownBy(() -> EmbeddedKafka.start(tmp, Map.of(), Duration.ofSeconds(30), Map.of("external", "SSL")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listener name external is taken");
        assertThatThrownBy(() -> EmbeddedKafka.start(tmp, Map.of(), Duration.ofSeconds(30), Map.of("SECURE", "TLS")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void topicSpec() {
        assertThat(TopicSpec.of("a", 3).effectiveConfigs()).isEmpty();
        assertThat(TopicSpec.compacted("b", 1).effectiveConfigs()).containsEntry("cleanup.policy", "compact");
        assertThat(TopicSpec.compacted("c", 1).withConfig("cleanup.policy", "compact,delete").effectiveConfigs())
                .containsEntry("cleanup.policy", "compact,delete");
        assertThat(TopicSpec.of("d", 1).withConfig("retention.ms", "1000").configs()).containsEntry("retention.ms", "1000");
        assertThatThrownBy(() -> TopicSpec.of("e", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicSpec.of(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeIsOneLine() {
        var e = new RuntimeException("outer", new IllegalStateException("first\nsecond"));
        assertThat(EmbeddedKafka.describe(e)).isEqualTo("IllegalStateException: first second");
    }
}
