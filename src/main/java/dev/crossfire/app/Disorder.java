package dev.crossfire.app;

import dev.crossfire.config.CrossfireSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How far out of creation-time order a finite input is: the most any post comes after a post
 * created later than it. A batch run knows its whole input, so it sets its allowed lateness and its
 * parent wait to at least this, and its answer is then the same whatever order the file lists the
 * posts in, and on every run.
 */
public final class Disorder {

    private Disorder() {
    }

    public static Duration of(List<PostLines.Line> lines) {
        Instant newest = null;
        long worst = 0;
        for (PostLines.Line line : lines) {
            Instant at = line.createdAt();
            if (at == null) {
                continue;
            }
            if (newest != null && at.isBefore(newest)) {
                worst = Math.max(worst, newest.toEpochMilli() - at.toEpochMilli());
            }
            if (newest == null || at.isAfter(newest)) {
                newest = at;
            }
        }
        return Duration.ofMillis(worst);
    }

    /**
     * The settings of a batch run over {@code lines}: end of input accepted, no partition ever deemed
     * idle (the end of input lets the last turns go), lateness and parent wait raised to the input's disorder.
     */
    public static CrossfireSettings batchSettings(CrossfireSettings settings, List<PostLines.Line> lines) {
        return batchSettings(settings, of(lines));
    }

    /** The settings of a batch run over an input this far out of order at most. */
    public static CrossfireSettings batchSettings(CrossfireSettings settings, Duration disorder) {
        CrossfireSettings batch = settings.withEndOfInput(true).withIdleAfter(Duration.ZERO);
        if (disorder.compareTo(batch.allowedLateness()) > 0) {
            batch = batch.withAllowedLateness(disorder);
        }
        if (disorder.compareTo(batch.parentWait()) > 0) {
            batch = batch.withParentWait(disorder);
        }
        return batch;
    }
}
