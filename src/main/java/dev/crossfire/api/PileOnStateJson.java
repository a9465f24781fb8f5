package dev.crossfire.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.app.AlertJson;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.exchange.Assessment;
import dev.crossfire.pileon.PileOnScorer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An open pile-on as the API shows it: the pile-on alert's field names, with {@code level} the
 * highest level alerted so far (null before the first alert), and {@code score}, {@code currentLevel}
 * and {@code reasons} assessed now from the turns kept, as an exchange is shown.
 */
public final class PileOnStateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PileOnScorer scorer;

    public PileOnStateJson(PileOnScorer scorer) {
        this.scorer = scorer;
    }

    public ObjectNode toJson(PileOnState state) {
        FigureRef target = state.getTarget();
        Assessment now = scorer.assess(target.getId(), target.getName(), state.getTurns());
        ObjectNode n = MAPPER.createObjectNode();
        n.put("pileOnId", state.getPileOnId());
        n.put("level", state.getAlertedLevel() == null ? null : state.getAlertedLevel().name());
        n.put("currentLevel", now.level() == null ? null : now.level().name());
        n.put("score", now.score());
        n.putObject("target").put("id", target.getId()).put("name", target.getName());
        Map<String, String> attackers = new LinkedHashMap<>();
        for (Interaction i : state.getTurns()) {
            if (!i.getTurn().getFigureId().equals(target.getId())) {
                attackers.putIfAbsent(i.getTurn().getFigureId(), i.getSourceName());
            }
        }
        ArrayNode list = n.putArray("attackers");
        attackers.forEach((id, name) -> list.addObject().put("id", id).put("name", name));
        AlertJson.putReasons(n, now.reasons());
        n.put("startedAt", state.getStartedAt().toString());
        n.put("lastActivityAt", state.getLastActivityAt().toString());
        n.put("turnCount", state.getTurns().size() + state.getDroppedTurns());
        AlertJson.putTurns(n, state.getTurns().stream().map(Interaction::getTurn).toList());
        return n;
    }
}
