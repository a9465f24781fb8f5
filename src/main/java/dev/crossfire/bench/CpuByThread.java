package dev.crossfire.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per kind of thread between two snapshots: where a phase's time went when the broker,
 * the stream threads and the clients share the same cores.
 */
final class CpuByThread {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long startNanos = System.nanoTime();

    CpuByThread() {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                start.put(id, cpu);
            }
        }
    }

    /** Milliseconds of CPU per group since the snapshot, largest first, and the wall time. */
    String summary() {
        Map<String, Long> byGroup = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            byGroup.merge(group(info.getThreadName()), (cpu - start.getOrDefault(id, 0L)) / 1_000_000, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
            .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return "wall " + (System.nanoTime() - startNanos) / 1_000_000 + " ms; CPU ms by thread " + sorted;
    }

    private static String group(String name) {
        if (name.contains("StreamThread")) {
            return name.replaceAll("-[0-9a-f]{8}-[0-9a-f-]{27}", "").replace("-producer", " producer").replace("kafka-producer-network-thread | ", "");
        }
        if (name.startsWith("data-plane-kafka-request-handler")) {
            return "broker request handlers";
        }
        if (name.startsWith("data-plane-kafka-network-thread") || name.startsWith("kafka-network")) {
            return "broker network";
        }
        return name.replaceAll("[-_ ]?\\d+$", "");
    }
}
