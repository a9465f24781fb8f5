package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.CrossfireTopology;
import dev.crossfire.topology.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production settings open every RocksDB store of the topology under the one shared memory budget. */
class BoundedRocksDbTest {

    @TempDir
    Path dir;

    @Test
    void theStoresOpenAndWorkUnderTheSharedBudget() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        Properties props = StreamsProperties.of("crossfire-test", "unused:9092", dir.resolve("state"), settings, 1);
        props.put(CrossfireTopology.LOOP_PARTITIONS_CONFIG, 1);
        try (TopologyTestDriver driver = new TopologyTestDriver(
            CrossfireTopology.build(settings, serdes, new FigureDirectory(), new HostilityScorer()), props)) {
            var posts = driver.createInputTopic(settings.topics().posts(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            posts.pipeInput(new TestRecord<>("x:1".getBytes(StandardCharsets.UTF_8),
                PostBuilder.post("x:1", "someone", "2025-12-31T23:00:00Z", "hello").json().getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), TopologyFixture.INGEST_TIME));
            var threads = driver.createOutputTopic(settings.topics().threads(), Serdes.String().deserializer(),
                serdes.threadedPost.deserializer());
            assertThat(threads.readValuesToList()).hasSize(1);
            assertThat(BoundedRocksDb.budgetBytes()).isEqualTo(BoundedRocksDb.DEFAULT_MEMORY_MB * 1024L * 1024);
        }
    }
}
