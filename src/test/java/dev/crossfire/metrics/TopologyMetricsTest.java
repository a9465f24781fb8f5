package dev.crossfire.metrics;

import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.SeedStory;
import dev.crossfire.topology.TopologyFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real counts from the production topology under TopologyTestDriver. */
class TopologyMetricsTest {

    /** "Now" for the alert latencies: five seconds after the fixture's records reached Kafka. */
    private static final Instant NOW = TopologyFixture.INGEST_TIME.plusSeconds(5);

    private static CrossfireMetrics metrics() {
        return CrossfireMetrics.prometheus(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theSeedStoryWithBadRecordsIsCounted() {
        try (CrossfireMetrics metrics = metrics(); TopologyFixture t = new TopologyFixture(metrics)) {
            MeterRegistry r = metrics.registry();
            t.registry(FigureBuilder.seedFigures());
            t.sendRaw("k1", "this is not json {");
            t.sendRaw("k2", post("x:2", "someone", "2020-05-20T10:00:00Z", "no id").json().replace("\"id\":\"x:2\",", ""));
            t.send(SeedStory.inOrder());
            List<ExchangeAlert> alerts = t.alerts();
            assertThat(alerts).extracting(ExchangeAlert::getLevel).containsExactly(EscalationLevel.NOTICE, EscalationLevel.ESCALATING);

            assertThat(count(r, CrossfireMetrics.POSTS_IN)).isEqualTo(7);
            assertThat(count(r, CrossfireMetrics.POSTS_REJECTED, "reason", "NOT_JSON")).isEqualTo(1);
            assertThat(count(r, CrossfireMetrics.POSTS_REJECTED, "reason", "MISSING_FIELD")).isEqualTo(1);
            assertThat(count(r, CrossfireMetrics.POSTS_REJECTED, "reason", "SELF_REFERENCE")).isZero();
            // Trump quotes Tuberville and names Sessions; Sessions quotes Trump; Sessions names Tuberville; Trump quotes Sessions
            assertThat(count(r, CrossfireMetrics.INTERACTIONS, "kind", "QUOTE")).isEqualTo(3);
            assertThat(count(r, CrossfireMetrics.INTERACTIONS, "kind", "NAME")).isEqualTo(2);
            assertThat(count(r, CrossfireMetrics.INTERACTIONS, "kind", "REPLY")).isZero();
            assertThat(count(r, CrossfireMetrics.INTERACTIONS, "kind", "MENTION")).isZero();
            assertThat(count(r, CrossfireMetrics.ALERTS, "level", "NOTICE")).isEqualTo(1);
            assertThat(count(r, CrossfireMetrics.ALERTS, "level", "ESCALATING")).isEqualTo(1);
            assertThat(count(r, CrossfireMetrics.ALERTS, "level", "SEVERE")).isZero();
            assertThat(count(r, CrossfireMetrics.POSTS_DUPLICATE)).isZero();

            // in order, every parent is linked before its children arrive: nothing waits
            assertThat(count(r, CrossfireMetrics.THREAD_BUFFERED)).isZero();
            assertThat(gauge(r, CrossfireMetrics.THREAD_BUFFER_CHILDREN)).isZero();

            Timer sinceCreated = latency(r, "ESCALATING", CrossfireMetrics.SINCE_CREATED);
            assertThat(sinceCreated.count()).isEqualTo(1);
            assertThat((long) sinceCreated.totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(Duration.between(SeedStory.TRUMP_ANSWERS.createdAt(), NOW).toMillis());
            Timer sinceArrival = latency(r, "ESCALATING", CrossfireMetrics.SINCE_ARRIVAL);
            assertThat(sinceArrival.count()).isEqualTo(1);
            assertThat(sinceArrival.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5_000.0);
            assertThat(latency(r, "NOTICE", CrossfireMetrics.SINCE_ARRIVAL).count()).isEqualTo(1);

            assertThat(r.find(CrossfireMetrics.STORE_ENTRIES).tag("store", "exchanges").gauge()).isNotNull();
            assertThat(r.find(CrossfireMetrics.STORE_ENTRIES).tag("store", "exchanges").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(gauge(r, CrossfireMetrics.FIGURES)).isEqualTo(FigureBuilder.seedFigures().size());

            String scrape = metrics.scrape();
            assertThat(scrape).contains(
                "crossfire_posts_in_total 7.0",
                "crossfire_posts_rejected_total{reason=\"NOT_JSON\"} 1.0",
                "crossfire_interactions_total{kind=\"QUOTE\"} 3.0",
                "crossfire_alerts_total{level=\"ESCALATING\"} 1.0",
                "crossfire_alert_latency_seconds_count{level=\"ESCALATING\",since=\"arrival\"} 1",
                "crossfire_alert_latency_seconds_bucket{level=\"ESCALATING\",since=\"arrival\",le=\"10.0\"} 1",
                "crossfire_thread_released_total{status=\"LINKED\"} 0.0",
                "crossfire_thread_buffered_total",
                "crossfire_thread_buffer_overflow_total",
                "crossfire_thread_buffer_children{task=",
                "crossfire_store_entries{store=\"thread-waiting\",task=",
                "crossfire_store_entries{store=\"exchanges\",task=",
                "crossfire_posts_duplicate_total",
                "crossfire_figures ");
        }
    }

    @Test
    void outOfOrderDuplicatesAndOrphansAreCountedAndWaitingPostsKeepTheirArrival() {
        try (CrossfireMetrics metrics = metrics(); TopologyFixture t = new TopologyFixture(SeedStory.settingsForDisorder(), metrics)) {
            MeterRegistry r = metrics.registry();
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.outOfOrderWithDuplicate());
            t.send(post("x:600", "someone", SeedStory.TRUMP_ANSWERS.createdAt(), "quoting a post we never see").quoteOf("x:1", "nobody"));

            assertThat(count(r, CrossfireMetrics.POSTS_IN)).isEqualTo(7);
            assertThat(count(r, CrossfireMetrics.POSTS_DUPLICATE)).isEqualTo(1);
            // Sessions' quote waits for Trump's post, Trump's post for Tuberville's, x:600 for a post that never comes
            assertThat(count(r, CrossfireMetrics.THREAD_BUFFERED)).isEqualTo(3);
            assertThat(count(r, CrossfireMetrics.THREAD_RELEASED, "status", "LINKED")).isEqualTo(2);
            assertThat(count(r, CrossfireMetrics.THREAD_RELEASED, "status", "ORPHAN")).isZero();
            assertThat(gauge(r, CrossfireMetrics.THREAD_BUFFER_CHILDREN)).isEqualTo(1);
            assertThat(r.find(CrossfireMetrics.STORE_ENTRIES).tag("store", "thread-waiting").gauge().value()).isGreaterThanOrEqualTo(1);

            t.endOfInput();
            assertThat(count(r, CrossfireMetrics.THREAD_RELEASED, "status", "ORPHAN")).isEqualTo(1);
            assertThat(gauge(r, CrossfireMetrics.THREAD_BUFFER_CHILDREN)).isZero();
            assertThat(count(r, CrossfireMetrics.THREAD_BUFFER_OVERFLOW)).isZero();

            long alerts = t.alerts().size();
            assertThat(alerts).isEqualTo(2);
            assertThat(count(r, CrossfireMetrics.ALERTS, "level", "ESCALATING")).isEqualTo(1);
            // every alert has both latencies, including one triggered by a post that waited in the buffer
            double arrivals = r.find(CrossfireMetrics.ALERT_LATENCY).tag("since", CrossfireMetrics.SINCE_ARRIVAL).timers().stream()
                .mapToLong(Timer::count).sum();
            assertThat(arrivals).isEqualTo(alerts);
        }
    }

    @Test
    void gaugesAreRemovedWhenTheTopologyCloses() {
        try (CrossfireMetrics metrics = metrics()) {
            MeterRegistry r = metrics.registry();
            try (TopologyFixture t = new TopologyFixture(metrics)) {
                t.send(SeedStory.inOrder());
                assertThat(r.find(CrossfireMetrics.STORE_ENTRIES).gauges()).hasSize(2);
                assertThat(r.find(CrossfireMetrics.THREAD_BUFFER_CHILDREN).gauges()).hasSize(1);
            }
            assertThat(r.find(CrossfireMetrics.STORE_ENTRIES).gauges()).isEmpty();
            assertThat(r.find(CrossfireMetrics.THREAD_BUFFER_CHILDREN).gauges()).isEmpty();
            assertThat(metrics.scrape()).contains("crossfire_posts_in_total 5.0");
        }
    }

    private static double count(MeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).counter().count();
    }

    private static double gauge(MeterRegistry r, String name) {
        return r.get(name).gauge().value();
    }

    private static Timer latency(MeterRegistry r, String level, String since) {
        return r.get(CrossfireMetrics.ALERT_LATENCY).tags("level", level, "since", since).timer();
    }
}
