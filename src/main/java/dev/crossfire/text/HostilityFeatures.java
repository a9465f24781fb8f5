package dev.crossfire.text;

import dev.crossfire.text.TextTokens.Token;
import java.util.List;

/**
 * The features the hostility model reads from a text, each a 64-bit hash of its name and a value:
 * <ul>
 *   <li>words ({@code w:liar}) and the letter 4-grams of words of four letters or more, edges marked
 *       ({@code c:^lia}, {@code c:liar}, {@code c:iar$}), which catch spellings no list has ("liarrr",
 *       "crookd"); together they weigh as much as one unit vector, so a long text does not score higher
 *       for being long. Pairs of words (bigrams) and 3- and 5-grams scored no better in cross-validation
 *       and cost lookups;</li>
 *   <li>the rules' score ({@code r:score}) and whether it reaches hostile ({@code r:hostile}). Not the
 *       single findings: on few and noisy labels the model would learn that "not" goes with anger and
 *       undo the negation the rules applied; for the same reason words a negation covers are left out;</li>
 *   <li>how negative and how positive the words are, after the VADER sentiment lexicon
 *       ({@code v:negative}, {@code v:positive});</li>
 *   <li>emoji and other pictographs ({@code e:😂}).</li>
 * </ul>
 * Each text feature is reported with the word it comes from, so that a score can be explained word
 * by word. Hashing needs no vocabulary at scoring time and allocates nothing per feature.
 */
final class HostilityFeatures {

    /** Letter n-grams of one length: 3 to 5 scored no better in cross-validation and cost three times the lookups. */
    static final int MIN_GRAM = 4;
    static final int MAX_GRAM = 4;
    static final int MAX_EMOJI = 20;
    /** Shorter words get no letter n-grams: "you" or "the" say all they have as words. */
    static final int MIN_GRAM_WORD = 4;

    /** Receives features; {@code token} is the word a text feature comes from, or -1. */
    interface Sink {
        void feature(long hash, double value, int token);
    }

    /** A sink that also wants each feature's name (training writes them beside the weights). */
    interface NamingSink extends Sink {
        void name(long hash, String name);
    }

    private HostilityFeatures() {
    }

    static void extract(String text, TextTokens scanned, HostilityRules.Findings findings, Sink sink) {
        Hostility rules = findings.hostility();
        boolean[] negated = findings.negated();
        List<Token> toks = scanned.tokens();
        int n = toks.size();
        int occurrences = 0;
        for (int i = 0; i < n; i++) {
            occurrences += 1 + grams(toks.get(i).norm().length());
        }
        double unit = occurrences == 0 ? 0.0 : 1.0 / Math.sqrt(occurrences);
        NamingSink naming = sink instanceof NamingSink ns ? ns : null;
        for (int i = 0; i < n; i++) {
            if (negated[i]) {
                continue; // "not a liar" must not count the liar: the rules' score holds the negated insult
            }
            String w = toks.get(i).norm();
            long word = hash(hash(SEED, "w:"), w);
            sink.feature(word, unit, i);
            if (naming != null) {
                naming.name(word, "w:" + w);
            }
            if (w.length() >= MIN_GRAM_WORD) {
                charGrams(w, unit, i, sink, naming);
            }
        }

        named(sink, naming, "r:score", rules.score());
        if (rules.score() >= HostilityScorer.HOSTILE) {
            named(sink, naming, "r:hostile", 1.0);
        }
        named(sink, naming, "v:negative", Math.min(3.0, findings.negativeValence() / 4.0));
        named(sink, naming, "v:positive", Math.min(3.0, findings.positiveValence() / 4.0));

        int emoji = 0;
        int limit = Math.min(text.length(), HostilityScorer.MAX_CHARS);
        for (int i = 0; i < limit && emoji < MAX_EMOJI; ) {
            int cp = text.codePointAt(i);
            if (pictograph(cp)) {
                named(sink, naming, "e:" + Character.toString(cp), 1.0);
                emoji++;
            }
            i += Character.charCount(cp);
        }
    }

    private static void named(Sink sink, NamingSink naming, String name, double value) {
        long h = hash(SEED, name);
        sink.feature(h, value, -1);
        if (naming != null) {
            naming.name(h, name);
        }
    }

    private static int grams(int wordLength) {
        if (wordLength < MIN_GRAM_WORD) {
            return 0;
        }
        int len = wordLength + 2;
        int g = 0;
        for (int k = MIN_GRAM; k <= MAX_GRAM; k++) {
            g += Math.max(0, len - k + 1);
        }
        return g;
    }

    /** The letter n-grams of "^word$". */
    private static void charGrams(String w, double unit, int token, Sink sink, NamingSink naming) {
        int len = w.length() + 2;
        long prefix = hash(SEED, "c:");
        for (int start = 0; start < len; start++) {
            long h = prefix;
            for (int k = 0; k < MAX_GRAM && start + k < len; k++) {
                h = hash(h, edged(w, start + k));
                if (k + 1 >= MIN_GRAM) {
                    sink.feature(h, unit, token);
                    if (naming != null) {
                        StringBuilder gram = new StringBuilder("c:");
                        for (int j = start; j <= start + k; j++) {
                            gram.append(edged(w, j));
                        }
                        naming.name(h, gram.toString());
                    }
                }
            }
        }
    }

    private static char edged(String w, int at) {
        return at == 0 ? '^' : (at == w.length() + 1 ? '$' : w.charAt(at - 1));
    }

    static boolean pictograph(int cp) {
        return cp >= 0x2100 && Character.getType(cp) == Character.OTHER_SYMBOL;
    }

    /** FNV-1a, 64 bits, over UTF-16 chars. */
    static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    static long hash(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = hash(h, s.charAt(i));
        }
        return h;
    }

    static long hash(long h, char c) {
        h ^= c;
        return h * PRIME;
    }

    /** The hash of a feature's full name, as {@link #extract} computes it. */
    static long hashOf(String name) {
        return hash(SEED, name);
    }
}
