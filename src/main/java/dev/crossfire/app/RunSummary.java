package dev.crossfire.app;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PileOnAlert;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a file run did: the figures for detect's summary line and the alerts it raised. */
public record RunSummary(int postsRead, List<RejectedLine> rejected, int threadedPosts, int threads, int orphans,
                         List<ExchangeAlert> alerts, List<PileOnAlert> pileOns, Duration elapsed) {

    /** Accepted posts that were not threaded were dropped as redeliveries of a post already seen. */
    public int duplicates() {
        return Math.max(0, postsRead - rejected.size() - threadedPosts);
    }

    /** A rejected record: the file line it came from (0 when unknown), its reason code and message. */
    public record RejectedLine(int line, String reason, String message) {
    }

    public Map<EscalationLevel, Integer> alertsByLevel() {
        Map<EscalationLevel, Integer> counts = new EnumMap<>(EscalationLevel.class);
        for (EscalationLevel level : EscalationLevel.values()) {
            counts.put(level, 0);
        }
        alerts.forEach(a -> counts.merge(a.getLevel(), 1, Integer::sum));
        return counts;
    }

    public String describe() {
        Map<EscalationLevel, Integer> byLevel = alertsByLevel();
        return String.format("posts read %d, rejected %d, duplicates %d, threads %d (orphans %d), alerts %d (NOTICE %d, ESCALATING %d, SEVERE %d) in %.1f s",
            postsRead, rejected.size(), duplicates(), threads, orphans, alerts.size(), byLevel.get(EscalationLevel.NOTICE),
            byLevel.get(EscalationLevel.ESCALATING), byLevel.get(EscalationLevel.SEVERE), elapsed.toMillis() / 1000.0)
            + (pileOns.isEmpty() ? "" : String.format(", pile-on alerts %d", pileOns.size()));
    }
}
