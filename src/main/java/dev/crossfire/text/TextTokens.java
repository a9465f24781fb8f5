package dev.crossfire.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The words of the start of a text, with the surface statistics the hostility rules need.
 *
 * <p>One linear pass over at most {@code maxChars} characters, without regular expressions:
 * words are runs of Unicode letters, digits and combining marks (so Arabic, Hebrew, Cyrillic or CJK
 * text tokenizes too); an apostrophe inside a word is kept ({@code don't}) and English clitics are
 * split off and spelled out ({@code you're} gives {@code you}, {@code are}; {@code Tuberville's}
 * gives {@code tuberville}, {@code 's}). Asterisks inside a word are kept, so a masked swear word
 * ({@code f**k}, {@code F****in}) stays one token. URLs and {@code @handles} are skipped; a
 * {@code #hashtag} counts as its word, or as its words when written in camel case ({@code #LockHerUp}). Sentences end at {@code . ! ? ;} and line breaks.
 */
final class TextTokens {

    /** Longest word kept whole; longer runs (hashes, base64, garbage) are cut to this length. */
    static final int MAX_WORD_CHARS = 40;

    /**
     * One word.
     *
     * @param norm     lower case, runs of three or more equal letters squeezed to two
     * @param squeezed every run of equal letters cut to one ("stuuupid" gives "stupid"), or null when the
     *                 word has no run of three or more equal letters
     * @param raw      the word as written (at most {@value #MAX_WORD_CHARS} characters)
     * @param sentence number of the sentence, from 0
     * @param cased    letters with case (0 for a split-off clitic: they are counted with the word)
     * @param allCaps  at least two cased letters, all upper case ("USA", "DISASTER")
     * @param shouted  all caps with at least three cased letters
     * @param masked   holds asterisks between letters ("f**k")
     */
    record Token(String norm, String squeezed, String raw, int sentence, int cased, boolean allCaps,
            boolean shouted, boolean masked) {
    }

    private final List<Token> tokens;
    private final int exclamations;
    private final int upperLetters;
    private final int casedLetters;

    private TextTokens(List<Token> tokens, int exclamations, int upperLetters, int casedLetters) {
        this.tokens = Collections.unmodifiableList(tokens);
        this.exclamations = exclamations;
        this.upperLetters = upperLetters;
        this.casedLetters = casedLetters;
    }

    List<Token> tokens() {
        return tokens;
    }

    int exclamations() {
        return exclamations;
    }

    /** Upper-case letters among the cased letters (letters of scripts without case do not count). */
    int upperLetters() {
        return upperLetters;
    }

    int casedLetters() {
        return casedLetters;
    }

    /** Scans at most {@code maxChars} characters of {@code text} and keeps at most {@code maxTokens} words. */
    static TextTokens scan(String text, int maxChars, int maxTokens) {
        int n = Math.min(text.length(), maxChars);
        if (n > 0 && n < text.length() && Character.isHighSurrogate(text.charAt(n - 1))) {
            n--; // do not cut a surrogate pair in two
        }
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder(MAX_WORD_CHARS + 8);
        int sentence = 0;
        boolean sentenceHasWords = false;
        int exclamations = 0;
        int upper = 0;
        int cased = 0;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                if (startsUrl(text, i, n)) {
                    i = skipToSpace(text, i, n);
                    continue;
                }
                if (out.size() >= maxTokens) {
                    break;
                }
                word.setLength(0);
                int wordUpper = 0;
                int wordCased = 0;
                int letters = 0;
                boolean masked = false;
                int start = i;
                int j = i;
                while (j < n) {
                    int c = text.codePointAt(j);
                    if (isWordChar(c)) {
                        if (Character.isUpperCase(c)) {
                            wordUpper++;
                            wordCased++;
                        } else if (Character.isLowerCase(c)) {
                            wordCased++;
                        }
                        if (Character.isLetter(c)) {
                            letters++;
                        }
                        if (word.length() < MAX_WORD_CHARS) {
                            word.appendCodePoint(Character.toLowerCase(c));
                        }
                        j += Character.charCount(c);
                    } else if (isApostrophe(c) && j + 1 < n && isWordChar(text.codePointAt(j + 1))) {
                        if (word.length() < MAX_WORD_CHARS) {
                            word.append('\'');
                        }
                        j++;
                    } else if (c == '*') {
                        int k = j;
                        while (k < n && text.charAt(k) == '*' && k - j < 8) {
                            k++;
                        }
                        boolean inner = k < n && isWordChar(text.codePointAt(k));
                        boolean maskedEnd = !inner && letters > 0 && letters <= 2 && k - j >= 2;
                        if (!inner && !maskedEnd) {
                            break;
                        }
                        masked = true;
                        for (int s = j; s < k && word.length() < MAX_WORD_CHARS; s++) {
                            word.append('*');
                        }
                        j = k;
                        if (!inner) {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                upper += wordUpper;
                cased += wordCased;
                String raw = text.substring(start, Math.min(j, start + MAX_WORD_CHARS));
                if (start > 0 && text.charAt(start - 1) == '#' && !masked && camelCase(raw)) {
                    emitCamelCase(out, raw, sentence);
                } else {
                    emit(out, word.toString(), raw, sentence, wordCased, wordUpper, masked);
                }
                sentenceHasWords = true;
                i = j;
                continue;
            }
            if (cp == '@' && i + 1 < n && isHandleChar(text.codePointAt(i + 1))) {
                i++;
                while (i < n) { // an @handle names an account, it is not a word of the text
                    int c = text.codePointAt(i);
                    if (!isHandleChar(c)) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                continue;
            }
            if (cp == '!' || cp == '?' && i + 1 < n && text.charAt(i + 1) == '?' && (i == 0 || text.charAt(i - 1) != '?')) {
                exclamations++; // every '!' counts, and so does every run of two or more '?' ("what??")
            }
            if (isSentenceEnd(cp) && sentenceHasWords) {
                boolean inside = cp == '.' && i + 1 < n && isWordChar(text.codePointAt(i + 1)); // U.S., 3.5
                if (!inside) {
                    sentence++;
                    sentenceHasWords = false;
                }
            }
            i += Character.charCount(cp);
        }
        return new TextTokens(out, exclamations, upper, cased);
    }

    /** A lower-case letter followed by an upper-case one: "LockHerUp", not "USA" or "maga". */
    private static boolean camelCase(String raw) {
        for (int k = 1; k < raw.length(); k++) {
            if (Character.isLowerCase(raw.charAt(k - 1)) && Character.isUpperCase(raw.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** A hashtag's words, so that "#LockHerUp" reads as "lock her up" and "#CrookedHillary" as "crooked hillary". */
    private static void emitCamelCase(List<Token> out, String raw, int sentence) {
        int from = 0;
        for (int k = 1; k <= raw.length(); k++) {
            if (k == raw.length() || Character.isLowerCase(raw.charAt(k - 1)) && Character.isUpperCase(raw.charAt(k))) {
                String part = raw.substring(from, k);
                int cased = 0;
                int upper = 0;
                for (int c = 0; c < part.length(); c++) {
                    cased += Character.isUpperCase(part.charAt(c)) || Character.isLowerCase(part.charAt(c)) ? 1 : 0;
                    upper += Character.isUpperCase(part.charAt(c)) ? 1 : 0;
                }
                out.add(token(part.toLowerCase(java.util.Locale.ROOT), part, sentence, cased, upper, false));
                from = k;
            }
        }
    }

    private static void emit(List<Token> out, String word, String raw, int sentence, int cased, int upper,
            boolean masked) {
        if (!masked) {
            int apostrophe = word.lastIndexOf('\'');
            if (apostrophe > 0 && !word.endsWith("n't")) {
                String clitic = cliticWord(word.substring(apostrophe + 1));
                if (clitic != null) {
                    String base = word.substring(0, apostrophe);
                    out.add(token(base, raw, sentence, cased, upper, false));
                    out.add(token(clitic, raw, sentence, 0, 0, false));
                    return;
                }
            }
        }
        out.add(token(word, raw, sentence, cased, upper, masked));
    }

    private static Token token(String word, String raw, int sentence, int cased, int upper, boolean masked) {
        String norm = squeeze(word, 2);
        String once = norm == word ? null : squeeze(word, 1);
        boolean allCaps = cased >= 2 && upper == cased;
        return new Token(norm, once, raw, sentence, cased, allCaps, allCaps && cased >= 3, masked);
    }

    /** The clitic spelled as a word, or null when the part after the apostrophe is no clitic. */
    private static String cliticWord(String suffix) {
        switch (suffix) {
            case "s":
                return "'s"; // is, has or possessive: kept apart, it still marks an attribution
            case "re":
                return "are";
            case "m":
                return "am";
            case "ve":
                return "have";
            case "ll":
                return "will";
            case "d":
                return "would";
            default:
                return null;
        }
    }

    /**
     * Squeezes runs of more than {@code keep} equal letters down to {@code keep}; returns the
     * same instance when nothing changes and no run is longer than two.
     */
    static String squeeze(String word, int keep) {
        boolean elongated = false;
        int run = 1;
        for (int i = 1; i < word.length(); i++) {
            if (word.charAt(i) == word.charAt(i - 1) && Character.isLetter(word.charAt(i))) {
                run++;
                if (run >= 3) {
                    elongated = true;
                    break;
                }
            } else {
                run = 1;
            }
        }
        if (!elongated) {
            return word;
        }
        StringBuilder sb = new StringBuilder(word.length());
        run = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (i > 0 && c == word.charAt(i - 1) && Character.isLetter(c)) {
                run++;
            } else {
                run = 1;
            }
            if (run <= keep) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isHandleChar(int cp) {
        return cp == '_' || isWordChar(cp);
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u02bc';
    }

    private static boolean isSentenceEnd(int cp) {
        return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == '\n' || cp == '\u2026'
                || cp == '\u061f' /* Arabic question mark */ || cp == '\u06d4' /* Arabic full stop */;
    }

    private static boolean startsUrl(String text, int i, int n) {
        char c = text.charAt(i);
        if (c != 'h' && c != 'H' && c != 'w' && c != 'W') {
            return false;
        }
        return text.regionMatches(true, i, "http://", 0, 7) && i + 7 <= n
                || text.regionMatches(true, i, "https://", 0, 8) && i + 8 <= n
                || text.regionMatches(true, i, "www.", 0, 4) && i + 4 <= n;
    }

    private static int skipToSpace(String text, int i, int n) {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
