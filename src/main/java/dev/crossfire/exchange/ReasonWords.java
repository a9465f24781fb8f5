package dev.crossfire.exchange;

import java.util.Map;

/**
 * What each reason code of an alert means, in an editor's words: the alert, the text output and the
 * live page show these, and keep the stable code beside them for programs.
 */
public final class ReasonWords {

    private static final Map<String, String> WORDS = Map.of(
        "RECIPROCAL", "back and forth",
        "HOSTILE", "hostile words on both sides",
        "DIRECT", "how directly they address each other",
        "TEMPO", "how fast they answer",
        "HOSTILITY_RISING", "hostility rising",
        "REACH", "how far it reaches",
        "TURNS", "turns");

    private ReasonWords() {
    }

    /** The words for {@code code}; an unknown code is shown as written, lower case, underscores as spaces. */
    public static String of(String code) {
        String words = WORDS.get(code);
        return words != null ? words : code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
