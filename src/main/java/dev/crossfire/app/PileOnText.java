package dev.crossfire.app;

import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnAlert;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A pile-on alert as an editor reads it: who was piled on, by whom, what they said when, and why it fired. */
public final class PileOnText {

    private PileOnText() {
    }

    public static String render(PileOnAlert alert) {
        Map<String, String> names = new HashMap<>();
        names.put(alert.getTarget().getId(), alert.getTarget().getName());
        alert.getAttackers().forEach(f -> names.put(f.getId(), f.getName()));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  pile-on: %d figures turned on %s   score %.2f%s%n", alert.getLevel(),
            alert.getAttackers().size(), alert.getTarget().getName(), alert.getScore(),
            alert.getPreviousLevel() == null ? "" : "   (was " + alert.getPreviousLevel() + ")"));
        out.append("  by ").append(alert.getAttackers().stream().map(FigureRef::getName).collect(Collectors.joining(", "))).append('\n');
        out.append(String.format(Locale.ROOT, "  pile-on %s, %d turn%s since %s%n", alert.getPileOnId(), alert.getTurnCount(),
            alert.getTurnCount() == 1 ? "" : "s", AlertText.time(alert.getStartedAt())));
        AlertText.appendTurnsAndWhy(out, names, alert.getTurns(), alert.getReasons(), alert.getTriggeredBy(), alert.getAlertId());
        return out.toString();
    }
}
