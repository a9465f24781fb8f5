package dev.crossfire.notify;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.FigureRef;
import java.util.List;

/**
 * One alert as the notifier handles it, whichever topic it came from: what the filter looks at, the
 * idempotency key, and the two bodies (the alert's JSON for webhooks, a Slack message for Slack).
 *
 * @param figures the figures it concerns: an exchange's two, or a pile-on's target and attackers
 */
public record Notice(String alertId, EscalationLevel level, List<FigureRef> figures, String json, String slack) {
}
