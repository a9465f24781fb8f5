package dev.crossfire.text;

import java.util.List;
import java.util.Objects;

/**
 * How hostile a post's text reads.
 *
 * @param score hostility in [0, 1]: 0 for friendly or neutral text; at or above
 *              {@link HostilityScorer#HOSTILE} the text counts as hostile
 * @param cues  short human-readable reasons, strongest first, for example {@code "insult: coward"},
 *              {@code "personal attack: liar"}, {@code "profanity: damn"}, {@code "negated: not stupid"},
 *              {@code "second-person address"}, {@code "capitals 40%"}, {@code "exclamations 3"};
 *              empty when nothing hostile was found
 */
public record Hostility(double score, List<String> cues) {

    /** Nothing hostile: score 0, no cues. */
    public static final Hostility NONE = new Hostility(0.0, List.of());

    public Hostility {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        cues = List.copyOf(Objects.requireNonNull(cues, "cues"));
    }

    /** Whether the score reaches {@link HostilityScorer#HOSTILE}. */
    public boolean hostile() {
        return score >= HostilityScorer.HOSTILE;
    }
}
