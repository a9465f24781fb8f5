package dev.crossfire.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.app.AlertJson;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.exchange.Assessment;
import dev.crossfire.exchange.EscalationScorer;

/**
 * An active exchange as the API shows it: the alert's field names, with {@code level} the highest
 * level alerted so far (null before the first alert) and {@code score}, {@code currentLevel} and
 * {@code reasons} assessed now from the turns kept, so the answer explains itself.
 */
public final class ExchangeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EscalationScorer scorer;

    public ExchangeJson(EscalationScorer scorer) {
        this.scorer = scorer;
    }

    public ObjectNode toJson(ExchangeState state) {
        Assessment now = scorer.assess(state.getTurns(), state.getFigures(), state.getEngagement(), state.getOtherFigures());
        ObjectNode n = MAPPER.createObjectNode();
        n.put("exchangeId", state.getExchangeId());
        n.put("level", state.getAlertedLevel() == null ? null : state.getAlertedLevel().name());
        n.put("currentLevel", now.level() == null ? null : now.level().name());
        n.put("score", now.score());
        AlertJson.putFigures(n, state.getFigures());
        AlertJson.putReasons(n, now.reasons());
        n.put("startedAt", state.getStartedAt().toString());
        n.put("lastActivityAt", state.getLastActivityAt().toString());
        n.put("turnCount", state.getTurns().size() + state.getDroppedTurns());
        AlertJson.putTurns(n, state.getTurns());
        return n;
    }
}
