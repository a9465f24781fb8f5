package dev.crossfire.bench;

import dev.crossfire.app.IdleWatch;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Samples an application's committed lag on each input topic while a phase runs, and tells when
 * each topic was last behind: where the time went (reading posts, or answering its own loop after
 * the last post).
 */
final class LagTrace implements AutoCloseable {

    private static final long EVERY_MS = 100;

    private final Thread sampler;
    private final long started;
    /** Per topic: the largest lag seen, and the time (ms since the start) it was last seen behind. */
    private final Map<String, long[]> byTopic = new TreeMap<>();
    private volatile boolean stop;
    private LagTrace(org.apache.kafka.clients.admin.Admin admin, String applicationId, Set<String> inputs, long started) {
        this.started = started;
        IdleWatch watch = new IdleWatch(admin, applicationId, inputs);
        this.sampler = new Thread(() -> {
            while (!stop) {
                try {
                    Map<String, Long> lag = watch.lagByTopic();
                    long at = (System.nanoTime() - started) / 1_000_000;
                    synchronized (byTopic) {
                        lag.forEach((topic, behind) -> {
                            long[] seen = byTopic.computeIfAbsent(topic, k -> new long[2]);
                            seen[0] = Math.max(seen[0], behind);
                            if (behind > 1) { // one: a transaction marker not yet passed
                                seen[1] = at;
                            }
                        });
                    }
                    Thread.sleep(EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a sample missed: the next one will do
                }
            }
        }, "bench-lag-trace");
        sampler.setDaemon(true);
    }

    static LagTrace start(org.apache.kafka.clients.admin.Admin admin, String applicationId, Set<String> inputs, long started) {
        LagTrace trace = new LagTrace(admin, applicationId, inputs, started);
        trace.sampler.start();
        return trace;
    }

    String summary() {
        StringBuilder out = new StringBuilder("caught up on each input after (ms since RUNNING; peak lag): ");
        synchronized (byTopic) {
            byTopic.forEach((topic, seen) -> out.append(topic).append(' ').append(seen[1]).append(" (").append(seen[0]).append("), "));
        }
        return out.substring(0, out.length() - 2);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        sampler.interrupt();
        sampler.join(5_000);
    }
}
