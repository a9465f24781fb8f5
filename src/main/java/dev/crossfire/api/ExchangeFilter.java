package dev.crossfire.api;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which active exchanges a list request wants: at least {@code level} (alerted so far), last active
 * within [{@code since}, {@code until}], involving {@code figure}; at most {@code limit}, most
 * recently active first.
 */
public record ExchangeFilter(EscalationLevel level, Instant since, Instant until, String figure, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static ExchangeFilter all() {
        return new ExchangeFilter(null, null, null, null, DEFAULT_LIMIT);
    }

    public ExchangeFilter forFigure(String figureId) {
        return new ExchangeFilter(level, since, until, figureId, limit);
    }

    /** Reads {@code level}, {@code since}, {@code until} and {@code limit}; every bad value is named in the message. */
    public static ExchangeFilter parse(Map<String, String> query) {
        List<String> problems = new ArrayList<>();
        EscalationLevel level = null;
        String levelText = query.get("level");
        if (levelText != null && !levelText.isBlank()) {
            try {
                level = EscalationLevel.valueOf(levelText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("level: '" + levelText + "' is not NOTICE, ESCALATING or SEVERE");
            }
        }
        Instant since = instant(query, "since", problems);
        Instant until = instant(query, "until", problems);
        if (since != null && until != null && since.isAfter(until)) {
            problems.add("since: after until");
        }
        int limit = DEFAULT_LIMIT;
        String limitText = query.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
                if (limit < 1 || limit > MAX_LIMIT) {
                    problems.add("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
                }
            } catch (NumberFormatException e) {
                problems.add("limit: '" + limitText + "' is not a number");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ExchangeFilter(level, since, until, null, limit);
    }

    public boolean matches(ExchangeState state) {
        if (!matches(state.getAlertedLevel(), state.getLastActivityAt())) {
            return false;
        }
        return figure == null || state.getFigures().stream().map(FigureRef::getId).anyMatch(figure::equals);
    }

    /**
     * A pile-on matches on its level and last activity like an exchange; on a figure when it is the
     * target or an attacker. One figure attacking another is not a pile-on (the exchanges list shows
     * it): it takes two attackers to be listed.
     */
    public boolean matches(PileOnState state) {
        String target = state.getTarget().getId();
        if (state.getTurns().stream().map(i -> i.getTurn().getFigureId()).filter(id -> !id.equals(target)).distinct().count() < 2) {
            return false;
        }
        if (!matches(state.getAlertedLevel(), state.getLastActivityAt())) {
            return false;
        }
        return figure == null || state.getTarget().getId().equals(figure)
            || state.getTurns().stream().anyMatch(i -> i.getTurn().getFigureId().equals(figure));
    }

    /** At least the level asked for (alerted so far), last active within [since, until]. */
    private boolean matches(EscalationLevel alerted, Instant last) {
        if (level != null && (alerted == null || alerted.ordinal() < level.ordinal())) {
            return false;
        }
        return (since == null || !last.isBefore(since)) && (until == null || !last.isAfter(until));
    }

    /** The same filter as query parameters, for asking the other instances. */
    public String toQuery() {
        StringBuilder q = new StringBuilder("limit=").append(limit);
        if (level != null) {
            q.append("&level=").append(level.name());
        }
        if (since != null) {
            q.append("&since=").append(since);
        }
        if (until != null) {
            q.append("&until=").append(until);
        }
        return q.toString();
    }

    private static Instant instant(Map<String, String> query, String name, List<String> problems) {
        String text = query.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(name + ": '" + text + "' is not an ISO-8601 instant such as 2020-05-22T23:10:41Z");
            return null;
        }
    }
}
