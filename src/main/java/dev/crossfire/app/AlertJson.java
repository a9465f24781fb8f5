package dev.crossfire.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import java.util.List;

/** The JSON form of an {@link ExchangeAlert} exactly as contracts.md gives it (times as ISO-8601 UTC). */
public final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    public static ObjectNode toJson(ExchangeAlert alert) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", alert.getAlertId());
        n.put("exchangeId", alert.getExchangeId());
        putLevels(n, alert.getLevel(), alert.getPreviousLevel(), alert.getScore());
        putFigures(n, alert.getFigures());
        putTurns(n, alert.getTurns());
        putReasons(n, alert.getReasons());
        n.put("startedAt", alert.getStartedAt().toString());
        n.put("lastActivityAt", alert.getLastActivityAt().toString());
        n.put("triggeredBy", alert.getTriggeredBy());
        n.put("turnCount", alert.getTurnCount());
        return n;
    }

    /** The level reached, the one before (null for a first alert) and the score: every alert's, whatever its kind. */
    public static void putLevels(ObjectNode n, EscalationLevel level, EscalationLevel previous, double score) {
        n.put("level", level.name());
        if (previous == null) {
            n.putNull("previousLevel");
        } else {
            n.put("previousLevel", previous.name());
        }
        n.put("score", score);
    }

    public static void putFigures(ObjectNode n, List<FigureRef> list) {
        ArrayNode figures = n.putArray("figures");
        for (FigureRef f : list) {
            figures.addObject().put("id", f.getId()).put("name", f.getName());
        }
    }

    public static void putTurns(ObjectNode n, List<Turn> list) {
        ArrayNode turns = n.putArray("turns");
        for (Turn t : list) {
            ObjectNode turn = turns.addObject()
                .put("postId", t.getPostId())
                .put("figureId", t.getFigureId())
                .put("targetFigureId", t.getTargetFigureId())
                .put("kind", t.getKind().name())
                .put("createdAt", t.getCreatedAt().toString())
                .put("hostility", t.getHostility())
                .put("text", t.getText());
            ArrayNode cues = turn.putArray("cues");
            t.getCues().forEach(cues::add);
            turn.put("url", t.getUrl());
        }
    }

    public static void putReasons(ObjectNode n, List<Reason> list) {
        ArrayNode reasons = n.putArray("reasons");
        for (Reason r : list) {
            ObjectNode reason = reasons.addObject().put("code", r.getCode())
                .put("label", dev.crossfire.exchange.ReasonWords.of(r.getCode())).put("detail", r.getDetail());
            if (r.getValue() != null) {
                reason.put("value", r.getValue());
            }
        }
    }

    public static String line(ExchangeAlert alert) {
        return toJson(alert).toString();
    }
}
