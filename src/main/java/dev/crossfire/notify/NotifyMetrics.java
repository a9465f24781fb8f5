package dev.crossfire.notify;

import dev.crossfire.metrics.CrossfireMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * What {@code alerts notify} counts, in the Prometheus text format: alerts delivered, retries, alerts
 * dead-lettered, alerts skipped by the filters, and the time from an alert's commit to its delivery.
 * Labelled by destination kind and host, never by URL path (a Slack webhook's path is its secret).
 */
public final class NotifyMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public NotifyMetrics() {
        // a long-running process like run: its heap, GC and CPU are watched the same way (the dashboard's JVM row)
        CrossfireMetrics.bindJvm(registry);
    }

    /**
     * Every destination's counters at zero before the first alert: Prometheus' increase() cannot see a
     * series' first count, and an empty /metrics reads as a broken notifier.
     */
    public void expect(java.util.List<Destination> destinations) {
        for (Destination to : destinations) {
            delivered(to).increment(0);
            retries(to).increment(0);
            deadLetteredCounter(to.label()).increment(0);
        }
        skippedCounter().increment(0);
    }

    public void delivered(Destination to, Duration sinceCommitted) {
        delivered(to).increment();
        Timer.builder("crossfire_notify_latency").description("from the alert's commit to the receiver's 2xx")
            .tag("destination", to.label()).publishPercentiles(0.5, 0.99).register(registry).record(sinceCommitted);
    }

    public void retried(Destination to) {
        retries(to).increment();
    }

    public void deadLettered(String destination) {
        deadLetteredCounter(destination).increment();
    }

    public void skipped() {
        skippedCounter().increment();
    }

    private Counter delivered(Destination to) {
        return Counter.builder("crossfire_notify_delivered").description("alerts delivered (2xx)").tag("destination", to.label())
            .register(registry);
    }

    private Counter retries(Destination to) {
        return Counter.builder("crossfire_notify_retries").description("tries after the first").tag("destination", to.label())
            .register(registry);
    }

    private Counter deadLetteredCounter(String destination) {
        return Counter.builder("crossfire_notify_dead_lettered").description("alerts given up and sent to the dead-letter topic")
            .tag("destination", destination).register(registry);
    }

    private Counter skippedCounter() {
        return Counter.builder("crossfire_notify_skipped").description("alerts the filters (--min-level, --figure) left out")
            .register(registry);
    }

    /** The Prometheus text format, for {@code GET /metrics}. */
    public String scrape() {
        return registry.scrape();
    }
}
