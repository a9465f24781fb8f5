package dev.crossfire.exchange;

import java.util.Map;

/**
 * What each reason code of an alert means, in an editor's words: the alert, the text output and the
 * live page show these, and keep the stable code beside them for programs.
 */
public final class ReasonWords {

    private static final Map<String, String> WORDS = Map.ofEntries(
        Map.entry("RECIPROCAL", "back and forth"),
        Map.entry("HOSTILE", "hostile words on both sides"),
        Map.entry("DIRECT", "how directly they address each other"),
        Map.entry("TEMPO", "how fast they answer"),
        Map.entry("HOSTILITY_RISING", "hostility rising"),
        Map.entry("REACH", "how far it reaches"),
        Map.entry("TURNS", "turns"),
        Map.entry("ATTACKERS", "how many pile on"),
        Map.entry("ATTACK_HOSTILITY", "how hostile the attacks are"),
        Map.entry("ATTACK_TEMPO", "how close together they joined"),
        Map.entry("COORDINATED", "the same words or the same quoted post"),
        Map.entry("ANSWERED", "the target answering back"));

    private ReasonWords() {
    }

    /** The words for {@code code}; an unknown code is shown as written, lower case, underscores as spaces. */
    public static String of(String code) {
        String words = WORDS.get(code);
        return words != null ? words : code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
