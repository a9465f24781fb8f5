package dev.crossfire.topology;

import dev.crossfire.config.CrossfireSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite input (a file given to {@code detect}) has no later posts to move stream time past the
 * thread buffer's time-outs, so the runner sends FLUSH control records at these times, one after the
 * other, waiting for the application to go idle after each: enough steps for every waiting post,
 * including extended waits and reply cycles, to be released.
 */
public final class EndOfInput {

    private EndOfInput() {
    }

    public static List<Instant> flushTimes(Instant lastEventTime, CrossfireSettings settings) {
        Duration step = settings.threadBufferTimeout().plus(Duration.ofMinutes(1));
        List<Instant> times = new ArrayList<>();
        Instant at = lastEventTime;
        for (int i = 0; i <= ThreadLinkProcessor.MAX_EXTENSIONS; i++) {
            at = at.plus(step);
            times.add(at);
        }
        return times;
    }
}
