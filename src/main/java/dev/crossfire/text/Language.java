package dev.crossfire.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The languages whose hostility crossfire reads, and how a post's language is found: the platform's
 * tag when it gives one (X's {@code lang}, Bluesky's {@code langs}, Mastodon's {@code language}),
 * else a guess from the text.
 *
 * <p>The guess counts each language's most common short words and its letters (ñ, ã õ, è ê œ,
 * ä ö ü ß): a post of five words has too few letters for the n-gram profiles of language-detection
 * libraries, but nearly always holds a pronoun, an article or a verb of being. A text with no such
 * evidence is read as English, the language of most of the feeds crossfire watches. A tag naming a
 * language crossfire does not read gives {@link #OTHER}: its posts are not scored rather than scored
 * with English words (the German article "die" is not the English verb).
 */
public enum Language {
    EN("en", List.of("the", "you", "your", "you're", "is", "are", "and", "of", "to", "a", "this", "that", "it", "not", "he", "she",
        "they", "what", "with", "for", "on", "be", "have", "i", "my", "we", "so", "just", "was")),
    ES("es", List.of("el", "la", "los", "las", "que", "de", "y", "es", "eres", "un", "una", "tú", "tu", "te", "usted", "no", "por",
        "para", "con", "del", "al", "lo", "se", "su", "pero", "muy", "más", "está", "estás", "como", "yo")),
    PT("pt", List.of("o", "a", "os", "as", "que", "de", "e", "é", "um", "uma", "você", "vc", "tu", "não", "nao", "por", "para", "com",
        "do", "da", "dos", "das", "no", "na", "se", "seu", "sua", "mas", "muito", "mais", "está", "eu", "isso")),
    FR("fr", List.of("le", "la", "les", "de", "des", "et", "est", "es", "un", "une", "tu", "toi", "vous", "ne", "pas", "que", "qui",
        "pour", "avec", "du", "au", "ce", "cette", "mais", "très", "plus", "je", "il", "elle", "sont", "c'est", "t'es")),
    DE("de", List.of("der", "die", "das", "und", "ist", "bist", "du", "dich", "dir", "sie", "nicht", "ein", "eine", "einen", "zu",
        "mit", "für", "auf", "den", "dem", "des", "von", "es", "ich", "wir", "aber", "sehr", "noch", "auch", "halt", "doch", "um")),
    /** Tagged with a language crossfire does not read. */
    OTHER("", List.of());

    private final String tag;
    private final Set<String> commonWords;

    /** Each common word with the languages it belongs to, one bit per language: one lookup per word in {@link #guess}. */
    private static final class Index {
        static final java.util.Map<String, Integer> LANGUAGES_OF = build();

        private static java.util.Map<String, Integer> build() {
            java.util.Map<String, Integer> m = new java.util.HashMap<>();
            for (Language l : values()) {
                for (String w : l.commonWords) {
                    m.merge(w, 1 << l.ordinal(), (a, b) -> a | b);
                }
            }
            return java.util.Map.copyOf(m);
        }
    }

    Language(String tag, List<String> commonWords) {
        this.tag = tag;
        this.commonWords = Set.copyOf(commonWords);
    }

    /** The ISO 639-1 code, as platforms tag posts; empty for {@link #OTHER}. */
    public String tag() {
        return tag;
    }

    /**
     * The language of a post: its tag when it has one ("es", "pt-BR", "de_AT"; "und" and blank count
     * as none), otherwise the guess from its text.
     */
    public static Language of(String platformTag, String text) {
        Language tagged = tagged(platformTag);
        return tagged != null ? tagged : guess(text);
    }

    /** The language a platform's tag names; null when there is no tag to go by (none, blank, "und"). */
    static Language tagged(String platformTag) {
        if (platformTag == null) {
            return null;
        }
        String t = platformTag.strip().toLowerCase(Locale.ROOT);
        int cut = indexOfSeparator(t);
        String primary = cut < 0 ? t : t.substring(0, cut);
        if (primary.isEmpty() || primary.equals("und") || primary.equals("zxx") || primary.equals("qme")) {
            return null;
        }
        for (Language l : values()) {
            if (l != OTHER && l.tag.equals(primary)) {
                return l;
            }
        }
        return OTHER;
    }

    private static int indexOfSeparator(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '-' || c == '_') {
                return i;
            }
        }
        return -1;
    }

    /** The language whose common words and letters the text holds most of; English when none stands out. */
    static Language guess(String text) {
        if (text == null || text.isEmpty()) {
            return EN;
        }
        return guess(TextTokens.scan(text, HostilityScorer.MAX_CHARS, HostilityScorer.MAX_TOKENS));
    }

    static Language guess(TextTokens scanned) {
        double[] votes = new double[OTHER.ordinal()];
        for (TextTokens.Token token : scanned.tokens()) {
            String w = token.norm();
            Integer of = Index.LANGUAGES_OF.get(w);
            if (of != null) {
                for (int bits = of; bits != 0; bits &= bits - 1) {
                    votes[Integer.numberOfTrailingZeros(bits)] += 1;
                }
            }
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (c >= 0xC0) { // ASCII says nothing about which of these languages a word is in
                    vote(votes, c);
                }
            }
        }
        if (tied(votes)) {
            // word endings only settle a tie: most posts are told apart by their small words alone
            for (TextTokens.Token token : scanned.tokens()) {
                ending(votes, token.norm());
            }
        }
        Language best = EN;
        double bestVotes = votes[EN.ordinal()];
        for (Language l : values()) {
            // English wins a tie: a borrowed word or two do not make a post Spanish
            if (l != OTHER && l != EN && votes[l.ordinal()] > bestVotes) {
                best = l;
                bestVotes = votes[l.ordinal()];
            }
        }
        return best;
    }

    /** Whether the two languages with the most votes have as many. */
    private static boolean tied(double[] votes) {
        double first = 0;
        double second = 0;
        for (double v : votes) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first > 0 && first == second;
    }

    /** Word endings that belong to one language more than the others ("-ción", "-ção", "-eur", "-ung"). */
    private static void ending(double[] votes, String w) {
        if (w.length() < 5) {
            return;
        }
        if (w.endsWith("ción") || w.endsWith("dad") || w.endsWith("oso")) {
            votes[ES.ordinal()] += 0.5;
        } else if (w.endsWith("ção") || w.endsWith("ões") || w.endsWith("dade")) {
            votes[PT.ordinal()] += 0.5;
        } else if (w.endsWith("eur") || w.endsWith("euse") || w.endsWith("eux") || w.endsWith("ais") || w.endsWith("ait")) {
            votes[FR.ordinal()] += 0.5;
        } else if (w.endsWith("ung") || w.endsWith("keit") || w.endsWith("heit") || w.endsWith("lich") || w.endsWith("chen")
            || w.contains("sch")) {
            votes[DE.ordinal()] += 0.5;
        }
    }

    private static void vote(double[] votes, char c) {
        switch (c) {
                case 'ñ' -> votes[ES.ordinal()] += 1.5;
                case 'ã', 'õ' -> votes[PT.ordinal()] += 1.5;
                case 'ç' -> {
                    votes[PT.ordinal()] += 0.5;
                    votes[FR.ordinal()] += 0.5;
                }
                case 'è', 'ê', 'œ', 'ë', 'î', 'ï', 'û', 'ù', 'â', 'ô' -> votes[FR.ordinal()] += 1;
                case 'ä', 'ö', 'ü', 'ß' -> votes[DE.ordinal()] += 1.5;
                case 'á', 'í', 'ó', 'ú' -> {
                    votes[ES.ordinal()] += 0.5;
                    votes[PT.ordinal()] += 0.5;
                }
                default -> { }
        }
    }
}
