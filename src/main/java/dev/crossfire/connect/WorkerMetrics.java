package dev.crossfire.connect;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The live source's meters as the Connect worker's own metrics (KIP-877 plugin metrics), so they
 * reach whatever the worker reports to (JMX, a metrics reporter) beside its task metrics: inside a
 * worker nothing serves crossfire's Micrometer registry. Each meter, including those made later (a
 * dead-letter reason seen for the first time), becomes a gauge named like the meter with dashes,
 * tagged as it is.
 */
final class WorkerMetrics implements AutoCloseable {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PluginMetrics plugin;
    private final List<MetricName> added = new ArrayList<>();

    WorkerMetrics(PluginMetrics plugin) {
        this.plugin = plugin;
        registry.config().onMeterAdded(this::expose);
    }

    MeterRegistry registry() {
        return registry;
    }

    private synchronized void expose(Meter meter) {
        if (plugin == null) {
            return; // a worker older than Kafka 4.1 gives no plugin metrics
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        for (Tag t : meter.getId().getTags()) {
            tags.put(t.getKey(), t.getValue());
        }
        String description = meter.getId().getDescription() == null ? "" : meter.getId().getDescription();
        MetricName name = plugin.metricName(meter.getId().getName().replace('.', '-'), description, tags);
        plugin.addMetric(name, (Gauge<Double>) (config, now) -> first(meter));
        added.add(name);
    }

    private static double first(Meter meter) {
        for (Measurement m : meter.measure()) {
            return m.getValue();
        }
        return Double.NaN;
    }

    @Override
    public synchronized void close() {
        if (plugin != null) {
            added.forEach(plugin::removeMetric);
        }
        added.clear();
        registry.close();
    }
}
