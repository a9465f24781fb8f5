package dev.crossfire.app;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every crossfire run does when a stream thread dies of an unexpected error: it is logged and
 * the thread replaced, since bad records never get that far (they go to the dead-letter topic) and
 * what does is usually passing, like a registry that is away. A thread that keeps dying is not
 * passing: after {@link #MAX_REPLACEMENTS} the client shuts down, so that a batch run fails with the
 * error and a service's supervisor restarts it, instead of both looping on it for ever.
 */
public final class ThreadFailurePolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadFailurePolicy.class);
    public static final int MAX_REPLACEMENTS = 20;

    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<Throwable> last = new AtomicReference<>();
    private final int maxReplacements;

    public ThreadFailurePolicy() {
        this(MAX_REPLACEMENTS);
    }

    ThreadFailurePolicy(int maxReplacements) {
        this.maxReplacements = maxReplacements;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        last.set(exception);
        int n = failures.incrementAndGet();
        if (n > maxReplacements) {
            LOG.error("stream thread failed {} times, shutting down: {}", n, exception.toString(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed, replacing it ({} of at most {}): {}", n, maxReplacements, exception.toString(), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public int failures() {
        return failures.get();
    }

    /** The last error a thread died of, or null. */
    public Throwable lastFailure() {
        return last.get();
    }
}
