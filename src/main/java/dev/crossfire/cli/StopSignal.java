package dev.crossfire.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag that SIGTERM or Ctrl-C sets, for a tool's loop to end cleanly: the shutdown hook waits up to
 * {@code grace} for the loop to return (so a consumer leaves its group and commits), then lets the JVM go.
 * Closing removes the hook once the loop has ended by itself.
 */
final class StopSignal implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread hook;

    StopSignal(String name, Duration grace) {
        Thread main = Thread.currentThread();
        hook = new Thread(() -> {
            stop.set(true);
            try {
                main.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    AtomicBoolean flag() {
        return stop;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
