package dev.crossfire.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.exchange.ReasonWords;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An alert as a Slack message (incoming webhook, Block Kit): the level and the two figures in the
 * headline, the latest turns with their links, the reasons in words, a link to the live view. The
 * {@code text} field holds the same headline for notifications and clients without blocks.
 */
public final class SlackMessage {

    /** Turns shown, newest last: an editor needs the last exchanges, the live view has the rest. */
    static final int TURNS_SHOWN = 3;
    private static final int TEXT_CHARS = 280;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {
    }

    /** The message's JSON; {@code liveUrl} may be null (no link then). */
    public static String of(ExchangeAlert alert, String liveUrl) {
        List<FigureRef> figures = alert.getFigures();
        String a = figures.isEmpty() ? "?" : figures.get(0).getName();
        String b = figures.size() < 2 ? "?" : figures.get(1).getName();
        String headline = String.format(Locale.ROOT, "%s %s: %s and %s (score %.2f%s)", icon(alert.getLevel()), alert.getLevel(), a, b,
            alert.getScore(), alert.getPreviousLevel() == null ? "" : ", was " + alert.getPreviousLevel());
        String subline = alert.getTurnCount() + " turn" + (alert.getTurnCount() == 1 ? "" : "s") + " since " + TIME.format(alert.getStartedAt());
        return build(headline, subline, figures, alert.getTurns(), alert.getReasons(), alert.getAlertId(), liveUrl);
    }

    /** A pile-on alert's message: the target and how many turned on it in the headline, the attackers below. */
    public static String of(PileOnAlert alert, String liveUrl) {
        List<FigureRef> attackers = alert.getAttackers();
        String headline = String.format(Locale.ROOT, "%s %s pile-on: %d figures turned on %s (score %.2f%s)", icon(alert.getLevel()),
            alert.getLevel(), attackers.size(), alert.getTarget().getName(), alert.getScore(),
            alert.getPreviousLevel() == null ? "" : ", was " + alert.getPreviousLevel());
        String subline = attackers.stream().map(FigureRef::getName).collect(java.util.stream.Collectors.joining(", "))
            + " since " + TIME.format(alert.getStartedAt());
        List<FigureRef> everyone = new java.util.ArrayList<>(attackers);
        everyone.add(alert.getTarget());
        return build(headline, subline, everyone, alert.getTurns(), alert.getReasons(), alert.getAlertId(), liveUrl);
    }

    private static String build(String headline, String subline, List<FigureRef> figures, List<Turn> turns, List<Reason> reasons,
                                String alertId, String liveUrl) {
        Map<String, String> names = new HashMap<>();
        for (FigureRef f : figures) {
            names.put(f.getId(), f.getName());
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("text", headline);
        ArrayNode blocks = root.putArray("blocks");
        section(blocks, "*" + escape(headline) + "*\n" + escape(subline));
        for (Turn t : turns.subList(Math.max(0, turns.size() - TURNS_SHOWN), turns.size())) {
            String who = names.getOrDefault(t.getFigureId(), t.getFigureId()) + " → " + names.getOrDefault(t.getTargetFigureId(),
                t.getTargetFigureId());
            String when = t.getUrl() == null ? TIME.format(t.getCreatedAt()) : "<" + t.getUrl() + "|" + TIME.format(t.getCreatedAt()) + ">";
            StringBuilder s = new StringBuilder();
            s.append(when).append("  *").append(escape(who)).append("*  ").append(t.getKind().name().toLowerCase(Locale.ROOT))
                .append(String.format(Locale.ROOT, ", hostility %.2f", t.getHostility())).append('\n')
                .append("> ").append(escape(shorten(t.getText().replaceAll("\\s+", " "))));
            if (!t.getCues().isEmpty()) {
                s.append("\n_").append(escape(String.join("; ", t.getCues()))).append('_');
            }
            section(blocks, s.toString());
        }
        StringBuilder why = new StringBuilder("*Why*");
        for (Reason r : reasons) {
            why.append("\n• ").append(escape(ReasonWords.of(r.getCode()))).append(": ").append(escape(r.getDetail()));
        }
        section(blocks, why.toString());
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        String footer = "alert " + alertId + (liveUrl == null || liveUrl.isBlank() ? "" : " · <" + liveUrl + "|live view>");
        context.addObject().put("type", "mrkdwn").put("text", footer);
        return root.toString();
    }

    private static void section(ArrayNode blocks, String markdown) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", markdown);
    }

    private static String icon(dev.crossfire.avro.EscalationLevel level) {
        return switch (level) {
            case NOTICE -> ":large_yellow_circle:";
            case ESCALATING -> ":red_circle:";
            case SEVERE -> ":rotating_light:";
        };
    }

    /** Slack's three escapes: a post's text must not become a link or a mention. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shorten(String text) {
        return text.length() <= TEXT_CHARS ? text : text.substring(0, TEXT_CHARS - 1) + "…";
    }
}
