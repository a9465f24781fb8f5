package dev.crossfire.figure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.ahocorasick.trie.PayloadTrie;

/**
 * Finds the public figures named in a text, by full name or alias, with one Aho-Corasick pass.
 *
 * <p>Immutable and thread-safe: build one with {@link #of(Collection)} and call {@link #find}
 * from any number of threads. {@link FigureDirectory} rebuilds one when its figures change.
 *
 * <h2>Matching rules, and why</h2>
 * A name match is a claim that a post is <em>about</em> a figure, and a false claim makes the
 * service report an exchange that never happened; so every rule below trades a little recall for
 * fewer false matches.
 * <ul>
 *   <li><b>Whole words only.</b> Names are ordinary words too: "Sessions" is inside
 *       "Sessionsx", "Cruz" inside "Cruzado". A match must not touch a letter, digit, mark or
 *       {@code _} on either side. An apostrophe glued to a letter before the match also counts as
 *       part of the word ("Rourke" in "O'Rourke" is not a match), but after the match a
 *       possessive is accepted ("Tuberville's", "Jones'" name Tuberville and Jones): writers
 *       constantly name people in the possessive.</li>
 *   <li><b>Case.</b> An alias matches exactly as written, and in ALL CAPS. Names are proper nouns
 *       and written capitalised, while the same letters in lower case are usually the common
 *       word ("Sessions" the senator, "training sessions" not); ALL CAPS is how posts shout
 *       names ("JEFF SESSIONS"), so it is accepted too. Any other casing is not.</li>
 *   <li><b>Short aliases.</b> An alias shorter than 4 characters is ignored unless it has an
 *       upper-case letter after its first character or is all caps ("AOC", "RFK"): short
 *       capitalised words ("Ted", "Al", "Bo") are first names and sentence-initial words far
 *       more often than references to one person. Their ALL CAPS form is not added either
 *       ("AL" is Alabama). A single character never counts. The figure's full {@code name} is
 *       exempt from the length rule (it was written deliberately), not from the one-character
 *       rule. An alias without any letter (e.g. a year) is ignored.</li>
 *   <li><b>The full name always counts as an alias</b>, even when not listed among the aliases.</li>
 *   <li><b>Ambiguous aliases match nobody.</b> When several figures share an alias ("Jones" for
 *       Alex Jones and Doug Jones) a match could be either, and guessing is a false match half
 *       the time; so it names nobody, while each full name ("Doug Jones") still names its
 *       figure. A string that is exactly one figure's full name belongs to that figure even if
 *       others list it as an alias; a full name shared by several figures is ambiguous too.</li>
 *   <li><b>Overlaps: longest wins</b> ("Jeff Sessions" over "Sessions"), then leftmost; and each
 *       figure is reported at most once per text, at its first occurrence: callers want "who is
 *       named", not a count.</li>
 *   <li><b>No names inside @handles, #hashtags, URLs, domains or e-mail addresses.</b> A mention
 *       of an account is resolved elsewhere, by account, which is exact; reading a name into
 *       "@SenTuberville", "#JeffSessions" or "tuberville.senate.gov" would count the same
 *       reference twice or guess at a handle's owner.</li>
 *   <li><b>Bounded work.</b> Only the first {@value #MAX_SCAN_CHARS} characters (UTF-16 units) of
 *       a text are scanned: posts are far shorter, and a 1 MB paste must not stall a stream
 *       thread. White space variants (no-break space, new line) count as a space and typographic
 *       apostrophes as {@code '}, without changing offsets. Emoji, right-to-left scripts and
 *       broken surrogate pairs are passed over like any other non-letter.</li>
 * </ul>
 * Known limits: scripts written without spaces between words (Chinese, Japanese, Thai) rarely
 * match, because a name there is always glued to neighbouring letters; a name that is also a
 * capitalised common word at the start of a sentence ("Trump cards ...") still matches.
 */
public final class NameMatcher {

    /** Only this many leading characters (UTF-16 units) of a text are scanned. */
    public static final int MAX_SCAN_CHARS = 20_000;

    /** Aliases shorter than this many characters need a capital after the first char, or all caps. */
    public static final int MIN_PLAIN_ALIAS_LENGTH = 4;

    private static final NameMatcher EMPTY = new NameMatcher(null, 0, Set.of());

    /** Top-level domains that make a dotted token a domain name rather than two words. */
    private static final Set<String> TLDS = Set.of(
            "com", "org", "net", "gov", "edu", "mil", "int", "io", "co", "uk", "ca", "de", "fr", "eu",
            "au", "ly", "tv", "news", "info", "social", "app", "dev", "ai", "gl", "online", "media",
            "site", "blog", "ru", "cn", "jp", "in");

    private final PayloadTrie<Target> trie;
    private final int keywordCount;
    private final Set<String> ambiguous;

    private NameMatcher(PayloadTrie<Target> trie, int keywordCount, Set<String> ambiguous) {
        this.trie = trie;
        this.keywordCount = keywordCount;
        this.ambiguous = ambiguous;
    }

    /** A matcher that finds nobody. */
    public static NameMatcher empty() {
        return EMPTY;
    }

    /** Builds a matcher for these figures (their names and aliases, following the class rules). */
    public static NameMatcher of(Collection<Figure> figures) {
        Map<String, Owners> byKeyword = new HashMap<>();
        for (Figure f : figures) {
            String name = normalizeAlias(f.name());
            if (isUsableName(name)) {
                addKeyword(byKeyword, name, f.id(), name, true);
                if (codePoints(name) >= MIN_PLAIN_ALIAS_LENGTH) {
                    addKeyword(byKeyword, allCaps(name), f.id(), name, true);
                }
            }
            for (String raw : f.aliases()) {
                String alias = normalizeAlias(raw);
                if (alias.equals(name) || !isUsableAlias(alias)) {
                    continue;
                }
                addKeyword(byKeyword, alias, f.id(), alias, false);
                if (codePoints(alias) >= MIN_PLAIN_ALIAS_LENGTH) {
                    addKeyword(byKeyword, allCaps(alias), f.id(), alias, false);
                }
            }
        }
        PayloadTrie.PayloadTrieBuilder<Target> builder = PayloadTrie.builder();
        int count = 0;
        Set<String> ambiguous = new TreeSet<>();
        for (Map.Entry<String, Owners> e : byKeyword.entrySet()) {
            Target target = e.getValue().resolve();
            if (target == null) {
                ambiguous.add(e.getKey());
            } else {
                builder.addKeyword(e.getKey(), target);
                count++;
            }
        }
        if (count == 0) {
            return new NameMatcher(null, 0, Set.copyOf(ambiguous));
        }
        return new NameMatcher(builder.build(), count, Set.copyOf(ambiguous));
    }

    /** How many strings (names, aliases and their ALL CAPS forms) the automaton looks for. */
    public int keywordCount() {
        return keywordCount;
    }

    /**
     * The names and aliases (and ALL CAPS forms) dropped because several figures share them.
     * Useful to warn whoever maintains the figures file.
     */
    public Set<String> ambiguousAliases() {
        return ambiguous;
    }

    /**
     * The figures named in a text, in order of first occurrence, each at most once.
     * Never throws on odd input; {@code null} or empty text names nobody.
     */
    public List<NameMatch> find(String text) {
        if (trie == null || text == null || text.isEmpty()) {
            return List.of();
        }
        int limit = Math.min(text.length(), MAX_SCAN_CHARS);
        if (limit < text.length() && Character.isHighSurrogate(text.charAt(limit - 1))) {
            limit--; // do not cut a surrogate pair in two
        }
        CharSequence full = new Normalized(text);
        String scanned = normalizedPrefix(text, limit);

        List<Candidate> candidates = new ArrayList<>();
        trie.parseText(scanned, emit -> {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            if (wordStartsAt(full, start) && wordEndsAt(full, end)) {
                candidates.add(new Candidate(start, end, emit.getPayload()));
            }
            return true;
        });
        if (candidates.isEmpty()) {
            return List.of();
        }

        Exclusions exclusions = new Exclusions(scanned);
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.end - c.start).reversed()
                .thenComparingInt(c -> c.start));
        BitSet taken = new BitSet(limit);
        List<Candidate> accepted = new ArrayList<>();
        for (Candidate c : candidates) {
            if (intersects(taken, c.start, c.end) || exclusions.touch(c.start, c.end)) {
                continue;
            }
            taken.set(c.start, c.end);
            accepted.add(c);
        }
        accepted.sort(Comparator.comparingInt(c -> c.start));
        Map<String, NameMatch> firstByFigure = new LinkedHashMap<>();
        for (Candidate c : accepted) {
            firstByFigure.putIfAbsent(c.target.figureId,
                    new NameMatch(c.target.figureId, c.target.alias, c.start, c.end));
        }
        return List.copyOf(firstByFigure.values());
    }

    // ------------------------------------------------------------------ alias rules

    /** Trims, maps typographic apostrophes/hyphens and white space like the text, collapses spaces. */
    static String normalizeAlias(String alias) {
        StringBuilder sb = new StringBuilder(alias.length());
        boolean space = false;
        for (int i = 0; i < alias.length(); i++) {
            char c = normalizeChar(alias.charAt(i));
            if (c == ' ') {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Whether an alias (not the full name) is used for matching; see the class comment. */
    static boolean isUsableAlias(String alias) {
        if (!isUsableName(alias)) {
            return false;
        }
        if (codePoints(alias) >= MIN_PLAIN_ALIAS_LENGTH) {
            return true;
        }
        return hasUpperCaseAfterFirst(alias) || isAllCaps(alias);
    }

    private static boolean isUsableName(String name) {
        return codePoints(name) >= 2 && name.codePoints().anyMatch(Character::isLetter);
    }

    private static boolean hasUpperCaseAfterFirst(String s) {
        int first = s.codePointAt(0);
        return s.substring(Character.charCount(first)).codePoints().anyMatch(Character::isUpperCase);
    }

    private static boolean isAllCaps(String s) {
        return s.codePoints().anyMatch(Character::isUpperCase)
                && s.codePoints().noneMatch(Character::isLowerCase);
    }

    private static String allCaps(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    private static void addKeyword(Map<String, Owners> byKeyword, String keyword, String figureId,
                                   String alias, boolean isName) {
        Owners owners = byKeyword.computeIfAbsent(keyword, k -> new Owners());
        (isName ? owners.byName : owners.byAlias).putIfAbsent(figureId, alias);
    }

    /** Who claims one keyword: as (a form of) their full name, or as an alias. */
    private static final class Owners {
        final Map<String, String> byName = new LinkedHashMap<>(2);
        final Map<String, String> byAlias = new LinkedHashMap<>(2);

        /** The one figure the keyword names, or null when it is ambiguous. */
        Target resolve() {
            Map<String, String> owners = byName.isEmpty() ? byAlias : byName;
            if (owners.size() != 1) {
                return null;
            }
            Map.Entry<String, String> only = owners.entrySet().iterator().next();
            return new Target(only.getKey(), only.getValue());
        }
    }

    private record Target(String figureId, String alias) {
    }

    private record Candidate(int start, int end, Target target) {
    }

    // ------------------------------------------------------------------ word boundaries

    private static boolean wordStartsAt(CharSequence s, int start) {
        if (start <= 0) {
            return true;
        }
        int before = Character.codePointBefore(s, start);
        if (isWordChar(before)) {
            return false;
        }
        if (before == '\'') { // O'Rourke, d'Artagnan: the apostrophe is inside a word
            int p = start - 1;
            return p == 0 || !Character.isLetter(Character.codePointBefore(s, p));
        }
        return true;
    }

    private static boolean wordEndsAt(CharSequence s, int end) {
        int n = s.length();
        if (end >= n) {
            return true;
        }
        int after = Character.codePointAt(s, end);
        if (isWordChar(after)) {
            return false;
        }
        if (after == '\'') {
            int i = end + 1;
            if (i >= n) {
                return true;
            }
            int next = Character.codePointAt(s, i);
            if (!isWordChar(next)) {
                return true; // "Jones' book", or a closing quote
            }
            if (next == 's' || next == 'S') { // possessive: Tuberville's, TUBERVILLE'S
                return i + 1 >= n || !isWordChar(Character.codePointAt(s, i + 1));
            }
            return false; // Tuberville'nin: the apostrophe joins a longer word
        }
        return true;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp) || cp == '_' || cp == 0x200C || cp == 0x200D) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    // ------------------------------------------------------------------ handles, hashtags, URLs

    /**
     * The characters that belong to an @handle, #hashtag, URL, domain or e-mail address, worked out
     * lazily: only the white-space separated tokens that a candidate match touches are examined,
     * each at most once, so the cost is linear and usually tiny.
     */
    private static final class Exclusions {
        private final String s;
        private final BitSet examined = new BitSet();
        private final BitSet excluded = new BitSet();

        Exclusions(String s) {
            this.s = s;
        }

        /** Whether any character in [start, end) is part of a handle, hashtag or URL. */
        boolean touch(int start, int end) {
            int p = start;
            while (p < end) {
                if (s.charAt(p) == ' ') {
                    p++;
                } else if (examined.get(p)) {
                    p = examined.nextClearBit(p); // the end of that token
                } else {
                    int tokenStart = p;
                    while (tokenStart > 0 && s.charAt(tokenStart - 1) != ' ') {
                        tokenStart--;
                    }
                    int tokenEnd = p;
                    while (tokenEnd < s.length() && s.charAt(tokenEnd) != ' ') {
                        tokenEnd++;
                    }
                    markToken(s, tokenStart, tokenEnd, excluded);
                    examined.set(tokenStart, tokenEnd);
                    p = tokenEnd;
                }
            }
            return intersects(excluded, start, end);
        }
    }

    private static void markToken(String s, int start, int end, BitSet excluded) {
        int coreStart = start;
        int coreEnd = end;
        while (coreStart < coreEnd && "([{<\"'«".indexOf(s.charAt(coreStart)) >= 0) {
            coreStart++;
        }
        while (coreEnd > coreStart && ".,;:!?)]}>\"'»…".indexOf(s.charAt(coreEnd - 1)) >= 0) {
            coreEnd--;
        }
        if (coreEnd <= coreStart) {
            return;
        }
        if (indexOf(s, "://", coreStart, coreEnd) >= 0 || s.regionMatches(true, coreStart, "www.", 0, 4)
                || isDomainOrEmail(s, coreStart, coreEnd)) {
            excluded.set(start, end);
            return;
        }
        for (int j = start; j < end; j++) {
            char c = s.charAt(j);
            boolean at = c == '@' || c == '\uFF20';
            boolean hash = c == '#' || c == '\uFF03';
            if ((!at && !hash) || j + 1 >= end || !isWordChar(s.codePointAt(j + 1))) {
                continue;
            }
            int k = j + 1;
            while (k < end) {
                int cp = s.codePointAt(k);
                if (isWordChar(cp)) {
                    k += Character.charCount(cp);
                } else if (at && (cp == '.' || cp == '@' || cp == '-') && k + 1 < end
                        && isWordChar(s.codePointAt(k + 1))) {
                    k++; // mastodon: @user@instance.social
                } else {
                    break;
                }
            }
            excluded.set(j, k);
            j = k - 1;
        }
    }

    /** {@code tuberville.senate.gov}, {@code t.co/abc}, {@code press@doj.gov}, within [from, to). */
    private static boolean isDomainOrEmail(String s, int from, int to) {
        int hostEnd = indexOf(s, "/", from, to);
        if (hostEnd < 0) {
            hostEnd = to;
        }
        int hostStart = lastIndexOf(s, '@', from, hostEnd) + 1;
        if (hostStart == 0) {
            hostStart = from;
        }
        int lastDot = lastIndexOf(s, '.', hostStart, hostEnd);
        if (lastDot <= hostStart || lastDot == hostEnd - 1) {
            return false;
        }
        // lower case only: "Sessions.He said" is a missing space, not a domain
        if (!TLDS.contains(s.substring(lastDot + 1, hostEnd))) {
            return false;
        }
        for (int i = hostStart; i < hostEnd; i++) {
            char c = s.charAt(i);
            boolean dot = c == '.';
            if (dot && (i == hostStart || s.charAt(i - 1) == '.')) {
                return false; // empty label
            }
            if (!dot && !Character.isLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Like {@link String#indexOf(String, int)} but only within [from, to). */
    private static int indexOf(String s, String what, int from, int to) {
        for (int i = from; i + what.length() <= to; i++) {
            if (s.startsWith(what, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The last index of {@code c} within [from, to), or -1. */
    private static int lastIndexOf(String s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean intersects(BitSet bits, int start, int end) {
        int next = bits.nextSetBit(start);
        return next >= 0 && next < end;
    }

    // ------------------------------------------------------------------ text view

    /** Maps white space to ' ' and typographic apostrophes/hyphens to ASCII, one char for one. */
    static char normalizeChar(char c) {
        if (c > ' ' && c < 0x7F && c != '`') {
            return c; // printable ASCII: the common case
        }
        switch (c) {
            case '\u2019': case '\u2018': case '\u02BC': case '\uFF07': case '\u00B4': case '`':
                return '\'';
            case '\u2010': case '\u2011':
                return '-';
            default:
                return Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c;
        }
    }

    /**
     * The first {@code limit} characters with {@link #normalizeChar} applied (offsets unchanged);
     * the text itself when nothing needs changing.
     */
    private static String normalizedPrefix(String text, int limit) {
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (normalizeChar(c) != c) {
                char[] chars = new char[limit];
                text.getChars(0, limit, chars, 0);
                for (int j = i; j < limit; j++) {
                    chars[j] = normalizeChar(chars[j]);
                }
                return new String(chars);
            }
        }
        return limit == text.length() ? text : text.substring(0, limit);
    }

    /** The whole text with {@link #normalizeChar} applied on the fly, for word-boundary checks. */
    private static final class Normalized implements CharSequence {
        private final String text;

        Normalized(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return normalizeChar(text.charAt(index));
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            StringBuilder sb = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                sb.append(charAt(i));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return subSequence(0, text.length()).toString();
        }
    }
}
