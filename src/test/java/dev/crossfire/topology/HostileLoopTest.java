package dev.crossfire.topology;

import static dev.crossfire.topology.HostileChecks.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.app.StreamsProperties;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.HostileInput;
import dev.crossfire.testing.SeedStory;
import dev.crossfire.testing.Tries;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * What the fixture can show of Kafka Streams' own dead-letter queue (KIP-1034), which catches what
 * the validator cannot. Posts are read as bytes, so the places a stranger's bytes can fail to
 * deserialize are the internal topics, input topics like any other. Under the production settings
 * ({@code StreamsProperties}) such a record is skipped (on a broker it also reaches the dead-letter
 * topic: {@code LoopDeadLetterIT}) and the topology goes on; under the driver's defaults it stops the
 * thread.
 */
class HostileLoopTest {

    private static final String EXCEPTION = "__streams.errors.exception";
    private static final String TOPIC = "__streams.errors.topic";

    private static Properties production(CrossfireSettings settings) {
        return StreamsProperties.of("crossfire-test", "unused:9092", Path.of("unused"), settings, 1);
    }

    /**
     * The thread survives and the record is skipped. Whether it also reaches the dead-letter topic the
     * driver cannot show: {@code TopologyTestDriver} 4.3.1 logs "Skipping record due to deserialization
     * error" and writes no dead letter for it, though the same handler, configured from the same
     * settings, returns one when called directly, and {@code LoopDeadLetterIT} sees it on a real broker.
     * If a dead letter comes, it must be the record's.
     */
    @Test
    void underTheProductionSettingsBytesOnTheInternalTopicsThatAreNoMessageAreSkippedAndTheTopologyGoesOn() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        try (TopologyFixture t = new TopologyFixture(settings, production(settings))) {
            for (String topic : t.settings.topics().internal()) {
                TestInputTopic<byte[], byte[]> loop = loop(t, topic);
                Tries.run("garbage on " + topic + " does not stop the thread", 41L, 10, (random, i) -> {
                    byte[] key = HostileInput.bytes(random, 30);
                    byte[] value = HostileInput.bytes(random, 300);
                    if (value.length == 0) {
                        value = new byte[] {1}; // an empty value is a tombstone, which is skipped: not garbage
                    }
                    HostileChecks.pipeTo(loop, key, value);
                    List<TestRecord<byte[], byte[]>> dead = t.rejected.readRecordsToList();
                    assertThat(dead).as("dead letters for %s", HostileInput.hex(value)).hasSizeLessThanOrEqualTo(1);
                    for (TestRecord<byte[], byte[]> letter : dead) {
                        assertThat(Arrays.equals(letter.value(), value)).isTrue();
                        assertThat(header(letter, EXCEPTION)).isNotBlank();
                        assertThat(header(letter, TOPIC)).isEqualTo(topic);
                    }
                });
            }
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.inOrder());
            t.endOfInput();
            assertThat(t.alerts()).isNotEmpty();
        }
    }

    @Test
    void withoutThoseSettingsTheSameRecordsWouldStopTheStreamThread() {
        try (TopologyFixture t = new TopologyFixture()) {
            assertThatThrownBy(() -> loop(t, t.settings.topics().threadRequests()).pipeInput(new byte[] {1}, new byte[] {0, 0, 0, 0, 42, 7}))
                .hasMessageContaining("Deserialization exception handler is set to fail");
        }
    }

    private static TestInputTopic<byte[], byte[]> loop(TopologyFixture t, String topic) {
        return t.driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
