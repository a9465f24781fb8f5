package dev.crossfire.app;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** An alert as an editor reads it: who, how far it went, what was said when, and why it fired. */
public final class AlertText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int TEXT_WIDTH = 160;

    private AlertText() {
    }

    public static String render(ExchangeAlert alert) {
        Map<String, String> names = new HashMap<>();
        for (FigureRef f : alert.getFigures()) {
            names.put(f.getId(), f.getName());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  %s ↔ %s   score %.2f%s%n",
            alert.getLevel(), alert.getFigures().get(0).getName(), alert.getFigures().get(1).getName(), alert.getScore(),
            alert.getPreviousLevel() == null ? "" : "   (was " + alert.getPreviousLevel() + ")"));
        out.append(String.format(Locale.ROOT, "  exchange %s, %d turn%s since %s%n", alert.getExchangeId(), alert.getTurnCount(),
            alert.getTurnCount() == 1 ? "" : "s", TIME.format(alert.getStartedAt())));
        appendTurnsAndWhy(out, names, alert.getTurns(), alert.getReasons(), alert.getTriggeredBy(), alert.getAlertId());
        return out.toString();
    }

    /** The part every kind of alert shares: each turn with its time, figures, text and cues; the reasons; the trigger. */
    static void appendTurnsAndWhy(StringBuilder out, Map<String, String> names, java.util.List<Turn> turns, java.util.List<Reason> reasons,
                                  String triggeredBy, String alertId) {
        for (Turn t : turns) {
            out.append(String.format(Locale.ROOT, "  %s  %s → %s  %s  hostility %.2f%n", TIME.format(t.getCreatedAt()),
                names.getOrDefault(t.getFigureId(), t.getFigureId()), names.getOrDefault(t.getTargetFigureId(), t.getTargetFigureId()),
                t.getKind(), t.getHostility()));
            out.append("      \"").append(shorten(t.getText().replaceAll("\\s+", " "))).append("\"\n");
            if (!t.getCues().isEmpty()) {
                out.append("      cues: ").append(String.join("; ", t.getCues())).append('\n');
            }
        }
        out.append("  why:\n");
        for (Reason r : reasons) {
            out.append(String.format(Locale.ROOT, "    %-38s %4.2f  %s%n", dev.crossfire.exchange.ReasonWords.of(r.getCode()),
                r.getValue() == null ? 0.0 : r.getValue(), r.getDetail()));
        }
        out.append("  triggered by ").append(triggeredBy).append(", alert ").append(alertId).append('\n');
    }

    static String time(java.time.Instant at) {
        return TIME.format(at);
    }

    private static String shorten(String text) {
        return text.length() <= TEXT_WIDTH ? text : text.substring(0, TEXT_WIDTH - 1) + "…";
    }
}
