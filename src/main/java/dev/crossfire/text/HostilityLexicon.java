package dev.crossfire.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word lists behind {@link HostilityRules}, loaded once from the class path and immutable
 * afterwards (so one instance is safely shared by any number of threads).
 *
 * <p>Sources, in order of precedence (an entry of an earlier list wins over the same entry later):
 * <ol>
 *   <li>our hand-curated lists in {@code text/}: {@code insults.txt}, {@code attack-phrases.txt},
 *       {@code put-downs.txt}, {@code accusations.txt}, {@code demands.txt}, {@code softeners.txt},
 *       {@code profanity-extra.txt};</li>
 *   <li>the English dictionary of the {@code com.modernmt.text:profanity-filter} jar
 *       ({@value #PROFANITY_RESOURCE}, Apache-2.0), minus {@code text/profanity-ignore.txt};</li>
 *   <li>the VADER sentiment lexicon of the {@code com.github.apanimesh061:vader-sentiment-analyzer}
 *       jar ({@value #VADER_RESOURCE}, MIT), used for the valence of other negative words.</li>
 * </ol>
 * See {@code src/main/resources/text/LEXICON.md}.
 */
final class HostilityLexicon {

    static final String PROFANITY_RESOURCE = "com/modernmt/text/profanity/dictionary.en";
    static final String VADER_RESOURCE = "vader_sentiment_lexicon.txt";

    /** Dictionary entries the profanity-filter library itself would not flag (its default threshold is 0.3)
     *  still count from this confidence on, with a lower strength. */
    static final double MIN_PROFANITY_CONFIDENCE = 0.1;

    enum Kind { INSULT, PUT_DOWN, ATTACK, ACCUSATION, DEMAND, SOFTENER, PROFANITY }

    /**
     * One entry: its words (lower case, {@code *} = one to three words), its kind, and for
     * profanity its strength in [0, 1].
     */
    record Entry(List<String> words, Kind kind, double strength) {
        Entry {
            words = List.copyOf(words);
        }

        /** The words as a phrase: "let * down", "for fuck's sake". */
        String phrase() {
            StringBuilder sb = new StringBuilder();
            for (String w : words) {
                if (sb.length() > 0 && !w.startsWith("'")) {
                    sb.append(' ');
                }
                sb.append(w);
            }
            return sb.toString();
        }
    }

    /** What the lexicon knows of one word, found with one lookup: entries starting with it, its valence, negation. */
    record Word(List<Entry> entries, double valence, boolean negator) {
        static final Word UNKNOWN = new Word(List.of(), 0.0, false);
    }

    private final Map<String, Word> words;
    private final Map<String, List<Entry>> byFirstWord;
    private final Map<String, Double> valence;
    private final Set<String> negators;
    private final int size;

    private HostilityLexicon(Map<String, List<Entry>> byFirstWord, Map<String, Double> valence,
            Set<String> negators, int size) {
        this.byFirstWord = byFirstWord;
        this.valence = valence;
        this.negators = negators;
        this.size = size;
        Map<String, Word> all = new HashMap<>();
        Set<String> keys = new HashSet<>(byFirstWord.keySet());
        keys.addAll(valence.keySet());
        keys.addAll(negators);
        for (String k : keys) {
            all.put(k, new Word(startingWith(k), valence(k), negators.contains(k)));
        }
        this.words = Collections.unmodifiableMap(all);
    }

    /** Everything about a word; {@link Word#UNKNOWN} when the lexicon does not know it. */
    Word word(String word) {
        Word w = words.get(word);
        return w == null ? Word.UNKNOWN : w;
    }

    /** Entries whose first word is {@code word}, longest first; empty when none. */
    List<Entry> startingWith(String word) {
        List<Entry> entries = byFirstWord.get(word);
        return entries == null ? List.of() : entries;
    }

    /** VADER valence of a word (negative is unpleasant, -4 the worst), or 0 when not in the lexicon. */
    double valence(String word) {
        Double v = valence.get(word);
        return v == null ? 0.0 : v;
    }

    boolean isNegator(String word) {
        return negators.contains(word);
    }

    /** Number of phrase entries (insults, put-downs, attacks, profanity). */
    int size() {
        return size;
    }

    /** Number of words with a VADER valence. */
    int valenceSize() {
        return valence.size();
    }

    /** Loads the lists from the class path; fails fast when one is missing. */
    static HostilityLexicon load() {
        ClassLoader loader = HostilityLexicon.class.getClassLoader();
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> ownSource = new HashMap<>();
        addOwn(entries, ownSource, loader, "text/insults.txt", Kind.INSULT, 0.0);
        addOwn(entries, ownSource, loader, "text/attack-phrases.txt", Kind.ATTACK, 0.0);
        addOwn(entries, ownSource, loader, "text/put-downs.txt", Kind.PUT_DOWN, 0.0);
        addOwn(entries, ownSource, loader, "text/accusations.txt", Kind.ACCUSATION, 0.0);
        addOwn(entries, ownSource, loader, "text/demands.txt", Kind.DEMAND, 0.0);
        addOwn(entries, ownSource, loader, "text/softeners.txt", Kind.SOFTENER, 0.0);
        addOwn(entries, ownSource, loader, "text/profanity-extra.txt", Kind.PROFANITY, HostilityRules.EXTRA_PROFANITY);

        Set<String> ignored = new HashSet<>();
        for (String line : lines(loader, "text/profanity-ignore.txt", StandardCharsets.UTF_8)) {
            ignored.add(String.join(" ", words(line, "text/profanity-ignore.txt")));
        }
        for (String line : lines(loader, PROFANITY_RESOURCE, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) {
                continue;
            }
            double confidence;
            try {
                confidence = Double.parseDouble(line.substring(tab + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (confidence < MIN_PROFANITY_CONFIDENCE) {
                continue;
            }
            List<String> words = new ArrayList<>(words(line.substring(0, tab), PROFANITY_RESOURCE));
            for (int i = 1; i < words.size(); i++) {
                if (words.get(i).equals("s")) {
                    words.set(i, "'s"); // the dictionary spells "for fuck's sake" as "for fuck s sake"
                }
            }
            String key = String.join(" ", words);
            if (words.isEmpty() || ignored.contains(key)) {
                continue;
            }
            entries.putIfAbsent(key, new Entry(words, Kind.PROFANITY, HostilityRules.dictionaryProfanity(confidence)));
        }

        Map<String, List<Entry>> byFirst = new HashMap<>();
        for (Entry e : entries.values()) {
            byFirst.computeIfAbsent(e.words().get(0), k -> new ArrayList<>()).add(e);
        }
        Comparator<Entry> longestFirst = Comparator.comparingInt((Entry e) -> e.words().size()).reversed();
        Map<String, List<Entry>> frozen = new HashMap<>();
        byFirst.forEach((k, v) -> {
            v.sort(longestFirst);
            frozen.put(k, List.copyOf(v));
        });

        Map<String, Double> valence = new HashMap<>();
        // the VADER file is Latin-1 (a few emoticons are not ASCII) with CRLF line ends
        for (String line : lines(loader, VADER_RESOURCE, StandardCharsets.ISO_8859_1)) {
            String[] parts = line.split("\t", 3);
            if (parts.length < 2 || !isPlainWord(parts[0])) {
                continue;
            }
            try {
                valence.put(parts[0], Double.parseDouble(parts[1].trim()));
            } catch (NumberFormatException e) {
                // not a lexicon line
            }
        }

        Set<String> negators = new HashSet<>();
        for (String line : lines(loader, "text/negators.txt", StandardCharsets.UTF_8)) {
            negators.addAll(words(line, "text/negators.txt"));
        }
        return new HostilityLexicon(Collections.unmodifiableMap(frozen), Collections.unmodifiableMap(valence),
                Collections.unmodifiableSet(negators), entries.size());
    }

    private static void addOwn(Map<String, Entry> entries, Map<String, String> ownSource, ClassLoader loader,
            String resource, Kind kind, double strength) {
        for (String line : lines(loader, resource, StandardCharsets.UTF_8)) {
            List<String> words = words(line, resource);
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("*")) {
                throw new IllegalStateException(resource + ": a phrase cannot start with '*': " + line);
            }
            String key = String.join(" ", words);
            String earlier = ownSource.putIfAbsent(key, resource);
            if (earlier != null) {
                throw new IllegalStateException("'" + key + "' is listed in both " + earlier + " and " + resource);
            }
            entries.put(key, new Entry(words, kind, strength));
        }
    }

    /** The words of a lexicon line, tokenized the way texts are ({@code you're} gives {@code you are}). */
    private static List<String> words(String line, String resource) {
        List<String> out = new ArrayList<>();
        for (String part : line.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals("*")) {
                out.add("*");
                continue;
            }
            for (TextTokens.Token t : TextTokens.scan(part, part.length(), 16).tokens()) {
                out.add(t.norm());
            }
        }
        return out;
    }

    private static boolean isPlainWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && c != '\'' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** The non-blank, non-comment lines of a class-path resource. */
    private static List<String> lines(ClassLoader loader, String resource, Charset charset) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("lexicon resource not found on the class path: " + resource);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, charset))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!content.isEmpty()) {
                    out.add(content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon resource " + resource, e);
        }
        return out;
    }
}
