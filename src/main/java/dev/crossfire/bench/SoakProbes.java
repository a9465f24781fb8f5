package dev.crossfire.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.crossfire.metrics.CrossfireMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** The readings of a soak sample that come from the JVM, the process and crossfire's own metrics. */
final class SoakProbes {

    private static final Path STATUS = Path.of("/proc/self/status");

    private SoakProbes() {
    }

    /** Used heap right after an explicit full GC, and how long the GC took. */
    record HeapAfterGc(long usedBytes, long committedBytes, long gcMillis) {
    }

    static HeapAfterGc heapAfterGc() {
        long started = System.nanoTime();
        System.gc();
        long gcMillis = (System.nanoTime() - started) / 1_000_000;
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new HeapAfterGc(heap.getUsed(), heap.getCommitted(), gcMillis);
    }

    /** How the heap figure is measured, with the flags that would change what {@code System.gc()} does. */
    static String heapMeasure() {
        String how = "used heap of the whole JVM right after System.gc()";
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (Boolean.parseBoolean(hotspot.getVMOption("DisableExplicitGC").getValue())) {
                return "used heap of the whole JVM (-XX:+DisableExplicitGC: System.gc() does nothing, garbage included)";
            }
            if (Boolean.parseBoolean(hotspot.getVMOption("ExplicitGCInvokesConcurrent").getValue())) {
                return how + " (a concurrent cycle: -XX:+ExplicitGCInvokesConcurrent)";
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // not HotSpot: say what was asked for
        }
        String collectors = String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        return how + " (a full, stop-the-world collection; collectors: " + collectors + ")";
    }

    /** Resident memory of this process from {@code /proc/self/status}, or -1 where there is none. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /** The sum over tasks of a crossfire gauge; -1 when no task has it (yet). */
    static long gaugeSum(MeterRegistry registry, String name) {
        double sum = 0;
        boolean any = false;
        for (Gauge g : registry.find(name).gauges()) {
            double v = g.value();
            if (!Double.isNaN(v)) {
                sum += v;
                any = true;
            }
        }
        return any ? (long) sum : -1;
    }

    /** Records crossfire has read from the posts topic so far. */
    static double postsIn(MeterRegistry registry) {
        var counter = registry.find(CrossfireMetrics.POSTS_IN).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Entries of a key-value store over all tasks, counted one by one (exact, unlike RocksDB's estimate); -1 while it cannot be queried. */
    static long countEntries(KafkaStreams streams, String store) {
        try (KeyValueIterator<Object, Object> all = streams.store(StoreQueryParameters.fromNameAndType(store,
            QueryableStoreTypes.keyValueStore())).all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        } catch (InvalidStateStoreException e) {
            return -1; // rebalancing
        }
    }

    /** Bytes in RocksDB's memtables over every persistent store: state that is not on disk yet. */
    static long memtableBytes(KafkaStreams streams) {
        return sumStreamsMetric(streams, "size-all-mem-tables").values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * RocksDB's {@code estimate-num-keys} of every persistent store, summed over tasks (and, for
     * the window stores, over their segments, which Kafka Streams adds up itself).
     */
    static Map<String, Long> storeKeys(KafkaStreams streams) {
        return sumStreamsMetric(streams, "estimate-num-keys");
    }

    /** A RocksDB metric of Kafka Streams' state-store metrics, per store, summed over tasks. */
    private static Map<String, Long> sumStreamsMetric(KafkaStreams streams, String metric) {
        Map<String, Long> byStore = new TreeMap<>();
        streams.metrics().forEach((name, value) -> {
            if (!name.name().equals(metric)) {
                return;
            }
            String store = name.tags().entrySet().stream().filter(t -> t.getKey().endsWith("-state-id")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
            if (store != null && value.metricValue() instanceof Number n) {
                byStore.merge(store, n.longValue(), Long::sum);
            }
        });
        return byStore;
    }
}
