package dev.crossfire.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.LinkStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class CrossfireMetricsTest {

    @Test
    void aStoreGaugeReadsNaNOnceTheStoreIsClosedAndDisappearsWithItsRegistration() {
        CrossfireMetrics metrics = new CrossfireMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
        MeterRegistry r = metrics.registry();
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String())
            .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.put("a", "1");
        store.put("b", "2");

        CrossfireMetrics.Registration registration = metrics.storeEntries("0_1", store);
        assertThat(r.get(CrossfireMetrics.STORE_ENTRIES).tags("store", "s", "task", "0_1").gauge().value()).isEqualTo(2);
        store.close();
        assertThat(r.get(CrossfireMetrics.STORE_ENTRIES).tags("store", "s", "task", "0_1").gauge().value()).isNaN();
        registration.close();
        registration.close(); // idempotent
        assertThat(r.find(CrossfireMetrics.STORE_ENTRIES).gauges()).isEmpty();
    }

    @Test
    void aNewOwnerReplacesAStaleGaugeAndTheStaleOwnersCloseLeavesItAlone() {
        CrossfireMetrics metrics = new CrossfireMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
        MeterRegistry r = metrics.registry();
        CrossfireMetrics.Count stale = metrics.threadBuffer("0_0", 7);
        CrossfireMetrics.Count fresh = metrics.threadBuffer("0_0", 2);
        fresh.add(1);
        assertThat(r.get(CrossfireMetrics.THREAD_BUFFER_CHILDREN).tag("task", "0_0").gauge().value()).isEqualTo(3);
        stale.close();
        assertThat(r.get(CrossfireMetrics.THREAD_BUFFER_CHILDREN).tag("task", "0_0").gauge().value()).isEqualTo(3);
        fresh.close();
        assertThat(r.find(CrossfireMetrics.THREAD_BUFFER_CHILDREN).gauges()).isEmpty();
    }

    @Test
    void latenciesComeFromTheInjectedClockAndUnknownArrivalsAreNotRecorded() {
        Instant now = Instant.parse("2026-01-01T00:01:00Z");
        CrossfireMetrics metrics = new CrossfireMetrics(new SimpleMeterRegistry(), Clock.fixed(now, ZoneOffset.UTC));
        metrics.alertRaised(EscalationLevel.SEVERE, now.minusSeconds(60).toEpochMilli(), -1);
        MeterRegistry r = metrics.registry();
        assertThat(r.get(CrossfireMetrics.ALERTS).tag("level", "SEVERE").counter().count()).isEqualTo(1);
        assertThat(r.get(CrossfireMetrics.ALERT_LATENCY).tags("level", "SEVERE", "since", "created").timer().totalTime(
            java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(60);
        assertThat(r.get(CrossfireMetrics.ALERT_LATENCY).tags("level", "SEVERE", "since", "arrival").timer().count()).isZero();
        metrics.threadReleased(LinkStatus.ORPHAN);
        metrics.rejected("SOMETHING_NEW");
        assertThat(r.get(CrossfireMetrics.POSTS_REJECTED).tag("reason", "SOMETHING_NEW").counter().count()).isEqualTo(1);
    }

    @Test
    void noopRecordsNothingAndOnlyAPrometheusRegistryScrapes() {
        CrossfireMetrics noop = CrossfireMetrics.noop();
        assertThat(noop.enabled()).isFalse();
        noop.postIn();
        assertThat(noop.registry().get(CrossfireMetrics.POSTS_IN).counter().count()).isZero();
        assertThatThrownBy(noop::scrape).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theJvmAndTheProcessAreExportedAsEveryJvmServiceExportsThem() {
        CrossfireMetrics metrics = CrossfireMetrics.prometheus();
        try {
            assertThat(metrics.scrape()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "system_cpu_count", "process_uptime_seconds");
        } finally {
            metrics.close();
        }
    }

    /** What the live view reports, held by nothing but the metrics (as a method reference would be). */
    private record LiveLoad(java.util.concurrent.atomic.AtomicInteger open, java.util.concurrent.atomic.AtomicLong dropped) {
    }

    @Test
    void theLiveViewsLoadIsReadWhenScrapedAlsoAfterAGarbageCollection() {
        CrossfireMetrics metrics = CrossfireMetrics.prometheus();
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(3);
        java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
        metrics.liveView(new LiveLoad(open, dropped), l -> l.open().get(), l -> l.dropped().get());
        assertThat(metrics.scrape()).contains("crossfire_live_streams 3.0", "crossfire_live_dropped_total 0.0");
        for (int i = 0; i < 3; i++) {
            System.gc(); // a source held weakly would be gone now, and the gauge read NaN
        }
        open.set(1);
        dropped.set(2);
        assertThat(metrics.scrape()).contains("crossfire_live_streams 1.0", "crossfire_live_dropped_total 2.0");
        metrics.close();
    }

    @Test
    void kafkaStreamsOwnMetricsAreBoundAndUnbound() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "crossfire-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("crossfire-metrics").toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            CrossfireMetrics metrics = CrossfireMetrics.prometheus();
            metrics.bind(streams);
            String scrape = metrics.scrape();
            assertThat(scrape).contains("kafka_stream_alive_stream_threads", "crossfire_posts_in_total");
            metrics.close();
            assertThat(metrics.registry().getMeters()).noneMatch(m -> m.getId().getName().startsWith("kafka."));
        }
    }
}
