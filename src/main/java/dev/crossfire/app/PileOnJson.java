package dev.crossfire.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnAlert;

/** The JSON form of a {@link PileOnAlert}: the alerts' field names and time format, with the target and attackers. */
public final class PileOnJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PileOnJson() {
    }

    public static ObjectNode toJson(PileOnAlert alert) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", alert.getAlertId());
        n.put("pileOnId", alert.getPileOnId());
        AlertJson.putLevels(n, alert.getLevel(), alert.getPreviousLevel(), alert.getScore());
        n.putObject("target").put("id", alert.getTarget().getId()).put("name", alert.getTarget().getName());
        ArrayNode attackers = n.putArray("attackers");
        for (FigureRef f : alert.getAttackers()) {
            attackers.addObject().put("id", f.getId()).put("name", f.getName());
        }
        AlertJson.putTurns(n, alert.getTurns());
        AlertJson.putReasons(n, alert.getReasons());
        n.put("startedAt", alert.getStartedAt().toString());
        n.put("lastActivityAt", alert.getLastActivityAt().toString());
        n.put("triggeredBy", alert.getTriggeredBy());
        n.put("turnCount", alert.getTurnCount());
        return n;
    }

    public static String line(PileOnAlert alert) {
        return toJson(alert).toString();
    }
}
