package dev.crossfire.topology;

import static dev.crossfire.topology.HostileChecks.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.app.StreamsProperties;
import dev.crossfire.avro.SignalType;
import dev.crossfire.avro.ThreadSignal;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.HostileInput;
import dev.crossfire.testing.SeedStory;
import dev.crossfire.testing.Tries;
import java.nio.charset.StandardCharsets;
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
 * the validator cannot: records that fail to deserialize or to process past stage 1. Posts are read
 * as bytes, so the place a stranger's bytes can fail to deserialize is the thread-signals loop, an
 * input topic like any other. Under the production settings ({@code StreamsProperties}) a record that
 * fails in processing lands on the dead-letter topic, untouched, with the exception in
 * {@code __streams.errors.*} headers, one that fails to deserialize is skipped, and the topology goes
 * on; under the driver's defaults either stops the thread.
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
    void underTheProductionSettingsBytesOnTheLoopThatAreNoSignalAreSkippedAndTheTopologyGoesOn() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        try (TopologyFixture t = new TopologyFixture(settings, production(settings))) {
            TestInputTopic<byte[], byte[]> loop = loop(t);
            Tries.run("garbage on the loop does not stop the thread", 41L, 30, (random, i) -> {
                byte[] key = HostileInput.bytes(random, 30);
                byte[] value = HostileInput.bytes(random, 300);
                if (value.length == 0) {
                    value = new byte[] {1}; // an empty value is a tombstone, which the loop skips: not garbage
                }
                HostileChecks.pipeTo(loop, key, value);
                List<TestRecord<byte[], byte[]>> dead = t.rejected.readRecordsToList();
                assertThat(dead).as("dead letters for %s", HostileInput.hex(value)).hasSizeLessThanOrEqualTo(1);
                for (TestRecord<byte[], byte[]> letter : dead) {
                    assertThat(Arrays.equals(letter.value(), value)).isTrue();
                    assertThat(header(letter, EXCEPTION)).isNotBlank();
                    assertThat(header(letter, TOPIC)).isEqualTo(settings.topics().threadSignals());
                }
            });
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.inOrder());
            assertThat(t.alerts()).isNotEmpty();
        }
    }

    @Test
    void underTheProductionSettingsASignalNoCrossfireWritesFailsInProcessingAndIsDeadLettered() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        try (TopologyFixture t = new TopologyFixture(settings, production(settings))) {
            byte[] value = signalWithoutItsPost(t);
            HostileChecks.pipeTo(loop(t), "x:1".getBytes(StandardCharsets.UTF_8), value);
            List<TestRecord<byte[], byte[]>> dead = t.rejected.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(header(dead.get(0), EXCEPTION)).contains("NullPointerException");
            assertThat(Arrays.equals(dead.get(0).value(), value)).isTrue();
        }
    }

    @Test
    void withoutThoseSettingsTheSameRecordsWouldStopTheStreamThread() {
        try (TopologyFixture t = new TopologyFixture()) {
            assertThatThrownBy(() -> loop(t).pipeInput(new byte[] {1}, new byte[] {0, 0, 0, 0, 42, 7}))
                .hasMessageContaining("Deserialization exception handler is set to fail");
            assertThatThrownBy(() -> loop(t).pipeInput("x:1".getBytes(StandardCharsets.UTF_8), signalWithoutItsPost(t)))
                .hasRootCauseInstanceOf(NullPointerException.class);
        }
    }

    private static TestInputTopic<byte[], byte[]> loop(TopologyFixture t) {
        return t.driver.createInputTopic(t.settings.topics().threadSignals(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** An AWAITING_PARENT signal without its post: valid Avro, but nothing crossfire ever writes. */
    private static byte[] signalWithoutItsPost(TopologyFixture t) {
        ThreadSignal odd = ThreadSignal.newBuilder().setType(SignalType.AWAITING_PARENT).setWaitingSince(1).build();
        return t.serdes.signal.serialize(t.settings.topics().threadSignals(), odd);
    }
}
