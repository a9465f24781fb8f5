package dev.crossfire.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as people write them in configuration: ISO-8601 ({@code PT15M}) or {@code 500ms}, {@code 30s}, {@code 15m}, {@code 72h}, {@code 7d}. */
public final class DurationText {

    private DurationText() {
    }

    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration");
            }
        }
        String unit = t.replaceAll("^[0-9]+", "");
        String number = t.substring(0, t.length() - unit.length());
        if (number.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 30s, 15m, 72h, 7d or PT15M)");
        }
        long n = Long.parseLong(number);
        return switch (unit.strip()) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 30s, 15m, 72h, 7d or PT15M)");
        };
    }
}
