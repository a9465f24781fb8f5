package dev.crossfire.notify;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.FigureRef;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which alerts a destination wants: at least {@code minLevel}, and, when figures are given, only
 * exchanges or pile-ons one of them is part of (by figure id or name, case-insensitive).
 */
public record AlertFilter(EscalationLevel minLevel, Set<String> figures) {

    public AlertFilter {
        figures = figures.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).filter(f -> !f.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    }

    public boolean wants(Notice notice) {
        if (notice.level().ordinal() < minLevel.ordinal()) {
            return false;
        }
        if (figures.isEmpty()) {
            return true;
        }
        for (FigureRef f : notice.figures()) {
            if (figures.contains(f.getId().toLowerCase(Locale.ROOT)) || figures.contains(f.getName().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
