package dev.crossfire.interaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which words of a post are aimed at which figure, so that each turn is scored for hostility toward
 * the figure it addresses and not for the whole post.
 *
 * <p>A post is cut into sentences (at {@code . ! ? ;} and line breaks). A sentence that names or
 * @-mentions figures is aimed at them. A sentence that names none but speaks of "he", "she" or
 * "they" goes on with the figures the sentence before it named ("Do not trust Jeff Sessions. He let
 * our country down."). Any other is aimed at the figure the post answers (its reply or quote target),
 * or, when it answers none, at every figure it addresses. So
 * "@B Exactly. C is a liar and a coward." replying to B is friendly to B and hostile to C: two
 * allies who agree while they attack a third are not a feud. A figure left with no sentence gets an
 * empty text, which scores 0; a figure every sentence is aimed at gets the text as written.
 */
public final class AimedText {

    /** A figure mentioned or named in the text, with where. */
    public record Mark(String figureId, int start, int end) {
    }

    private AimedText() {
    }

    /**
     * The text aimed at each target, in the order of {@code targets}.
     *
     * @param text     the post's text
     * @param targets  the figures the post addresses (not its author)
     * @param answered the targets the post replies to or quotes: sentences naming nobody go to them
     * @param marks    where each figure is named or mentioned in the text
     */
    public static Map<String, String> split(String text, Collection<String> targets, Set<String> answered, List<Mark> marks) {
        Map<String, StringBuilder> aimed = new LinkedHashMap<>();
        for (String t : targets) {
            aimed.put(t, new StringBuilder());
        }
        if (text == null || text.isEmpty() || targets.isEmpty()) {
            return finish(aimed);
        }
        List<String> unaimedGoTo = new ArrayList<>();
        for (String t : targets) {
            if (answered.contains(t)) {
                unaimedGoTo.add(t);
            }
        }
        if (unaimedGoTo.isEmpty()) {
            unaimedGoTo.addAll(targets);
        }
        int start = 0;
        int n = text.length();
        List<String> named = List.of();
        int sentences = 0;
        Map<String, Integer> received = new LinkedHashMap<>();
        for (int i = 0; i <= n; i++) {
            if (i == n || isSentenceEnd(text.charAt(i))) {
                int end = i == n ? n : i + 1;
                if (end > start && !text.substring(start, end).isBlank()) {
                    sentences++;
                    Aim aim = aimAt(text, start, end, aimed, unaimedGoTo, marks, named);
                    for (String figure : aim.at()) {
                        received.merge(figure, 1, Integer::sum);
                    }
                    named = aim.carried();
                }
                start = end;
            }
        }
        Map<String, String> out = finish(aimed);
        for (String t : targets) {
            if (received.getOrDefault(t, 0) == sentences) {
                out.put(t, text); // aimed at as a whole: the text as written, not sentences joined again
            }
        }
        return out;
    }

    /** The figures one sentence is aimed at, and those a "he" in the next sentence would go on with. */
    private record Aim(List<String> at, List<String> carried) {
    }

    /** Aims one sentence: appends it to the figures it is aimed at. */
    private static Aim aimAt(String text, int start, int end, Map<String, StringBuilder> aimed, List<String> unaimedGoTo,
                                      List<Mark> marks, List<String> namedBefore) {
        String sentence = text.substring(start, end);
        List<String> at = new ArrayList<>();
        boolean namesAnyFigure = false;
        for (Mark m : marks) {
            // the author naming itself aims at nobody: only the figures addressed count
            if (m.start() < end && m.end() > start && aimed.containsKey(m.figureId())) {
                namesAnyFigure = true;
                if (!at.contains(m.figureId())) {
                    at.add(m.figureId());
                }
            }
        }
        List<String> carried = at;
        if (!namesAnyFigure) {
            if (!namedBefore.isEmpty() && speaksOfThirdPerson(sentence)) {
                at.addAll(namedBefore);
                carried = namedBefore;
            } else {
                at.addAll(unaimedGoTo);
                carried = List.of();
            }
        }
        for (String figure : at) {
            StringBuilder b = aimed.get(figure);
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(sentence.strip());
        }
        return new Aim(at, carried);
    }

    private static final Set<String> THIRD_PERSON = Set.of("he", "she", "him", "her", "his", "hers", "they", "them", "their",
        "he's", "she's", "they're", "él", "ella", "il", "elle", "er", "ihn", "ihm", "ele", "ela");

    private static boolean speaksOfThirdPerson(String sentence) {
        int i = 0;
        int n = sentence.length();
        while (i < n) {
            while (i < n && !Character.isLetter(sentence.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && (Character.isLetter(sentence.charAt(i)) || sentence.charAt(i) == '\'' || sentence.charAt(i) == '’')) {
                i++;
            }
            if (i > from && THIRD_PERSON.contains(sentence.substring(from, i).toLowerCase(java.util.Locale.ROOT).replace('’', '\''))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSentenceEnd(char c) {
        return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r';
    }

    private static Map<String, String> finish(Map<String, StringBuilder> aimed) {
        Map<String, String> out = new LinkedHashMap<>();
        aimed.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }
}
