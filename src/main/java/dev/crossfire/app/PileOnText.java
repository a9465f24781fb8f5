package dev.crossfire.app;

import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A pile-on alert as an editor reads it: who was piled on, by whom, what they said when, and why it fired. */
public final class PileOnText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int TEXT_WIDTH = 160;

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
            alert.getTurnCount() == 1 ? "" : "s", TIME.format(alert.getStartedAt())));
        for (Turn t : alert.getTurns()) {
            out.append(String.format(Locale.ROOT, "  %s  %s → %s  %s  hostility %.2f%n", TIME.format(t.getCreatedAt()),
                names.getOrDefault(t.getFigureId(), t.getFigureId()), names.getOrDefault(t.getTargetFigureId(), t.getTargetFigureId()),
                t.getKind(), t.getHostility()));
            String text = t.getText().replaceAll("\\s+", " ");
            out.append("      \"").append(text.length() <= TEXT_WIDTH ? text : text.substring(0, TEXT_WIDTH - 1) + "…").append("\"\n");
        }
        out.append("  why:\n");
        for (Reason r : alert.getReasons()) {
            out.append(String.format(Locale.ROOT, "    %-38s %4.2f  %s%n", dev.crossfire.exchange.ReasonWords.of(r.getCode()),
                r.getValue() == null ? 0.0 : r.getValue(), r.getDetail()));
        }
        out.append("  triggered by ").append(alert.getTriggeredBy()).append(", alert ").append(alert.getAlertId()).append('\n');
        return out.toString();
    }
}
