package dev.crossfire.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The highest used heap seen while it runs, sampled every 50 ms on a daemon thread. */
final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    HeapSampler() {
        thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakBytes() {
        return peak;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
