package dev.crossfire.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hostility rules for a language other than English: name-calling, phrases that attack the one
 * addressed, and profanity, weighed as the English rules weigh them ({@link HostilityRules}).
 *
 * <p>The cues come from {@code text/lang/<tag>.txt}, written by hand for crossfire, and from the
 * ModernMT profanity dictionary of that language (Apache-2.0, read from its jar on Maven Central).
 * Words are compared with case and accents folded, so "imbecil" finds "imbécil" and "lugner" finds
 * "Lügner". An insult in a sentence that addresses someone in the second person ("eres un
 * mentiroso", "du Vollidiot") weighs as a personal attack; a negation just before it ("no es un
 * mentiroso", "kein Lügner") cuts it to a third. No English word is read here: an English list
 * applied to German text would take the article "die" for a threat.
 */
final class LanguageRules {

    private static final String PROFANITY = "com/modernmt/text/profanity/dictionary.";
    /** How far before an insult a negation counts, in words. */
    private static final int NEGATION_WINDOW = 3;
    private static final int MAX_PHRASE_WORDS = 4;

    private final Language language;
    private final Set<String> insults = new HashSet<>();
    private final Map<String, Integer> attacks = new HashMap<>();
    private final Set<String> secondPerson = new HashSet<>();
    private final Set<String> negators = new HashSet<>();
    private final Map<String, Double> profanity = new HashMap<>();

    private LanguageRules(Language language) {
        this.language = language;
    }

    private static final class Bundled {
        static final Map<Language, LanguageRules> RULES = load();

        private static Map<Language, LanguageRules> load() {
            Map<Language, LanguageRules> all = new LinkedHashMap<>();
            for (Language l : Language.values()) {
                if (l != Language.EN && l != Language.OTHER) {
                    all.put(l, read(l));
                }
            }
            return all;
        }
    }

    /** The bundled rules of {@code language}, or null for English and for languages crossfire does not read. */
    static LanguageRules of(Language language) {
        return Bundled.RULES.get(language);
    }

    private static LanguageRules read(Language language) {
        LanguageRules rules = new LanguageRules(language);
        String own = "/text/lang/" + language.tag() + ".txt";
        try (InputStream in = LanguageRules.class.getResourceAsStream(own)) {
            if (in == null) {
                throw new IllegalStateException(own + " is not on the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                if (f.length != 2) {
                    throw new IllegalStateException(own + ":" + lineNo + ": expected kind<TAB>word, got: " + line);
                }
                String entry = fold(f[1].strip());
                switch (f[0]) {
                    case "insult" -> rules.insults.add(entry);
                    case "attack" -> rules.attacks.put(entry, entry.split(" ").length);
                    case "you" -> rules.secondPerson.add(entry);
                    case "not" -> rules.negators.add(entry);
                    default -> throw new IllegalStateException(own + ":" + lineNo + ": unknown kind " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + own, e);
        }
        try (InputStream in = LanguageRules.class.getClassLoader().getResourceAsStream(PROFANITY + language.tag())) {
            if (in != null) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] f = line.split("\t");
                    if (f.length == 2 && !f[0].isBlank()) {
                        try {
                            rules.profanity.merge(fold(f[0].strip()), Double.parseDouble(f[1].strip()), Math::max);
                        } catch (NumberFormatException ignored) {
                            // a malformed line of the third-party list: skipped, the rest still counts
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profanity dictionary of " + language.tag(), e);
        }
        return rules;
    }

    /** Lower case, accents and umlauts taken off, typographic apostrophes made plain. */
    static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replace('’', '\'').replace("ß", "ss");
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What the rules find, in the shape the model reads ({@link HostilityFeatures}): no softeners or valence here. */
    HostilityRules.Findings findings(TextTokens scanned) {
        boolean[] negated = new boolean[scanned.tokens().size()];
        Hostility found = score(scanned, negated);
        return new HostilityRules.Findings(found, negated, 1.0, 0.0, 0.0);
    }

    /** What the rules find in a text already scanned, combined as independent evidence. */
    Hostility score(TextTokens scanned) {
        return score(scanned, new boolean[scanned.tokens().size()]);
    }

    private Hostility score(TextTokens scanned, boolean[] negatedWords) {
        List<TextTokens.Token> toks = scanned.tokens();
        int n = toks.size();
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            words[i] = fold(toks.get(i).norm());
        }
        int sentences = n == 0 ? 0 : toks.get(n - 1).sentence() + 1;
        boolean[] addressed = new boolean[sentences];
        for (int i = 0; i < n; i++) {
            if (secondPerson.contains(words[i])) {
                addressed[toks.get(i).sentence()] = true;
            }
        }
        List<String> cues = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        double keep = 1.0;
        boolean anyAddressed = false;
        for (int i = 0; i < n; i++) {
            boolean you = addressed[toks.get(i).sentence()];
            // the longest attack phrase starting here
            int phrase = 0;
            StringBuilder p = new StringBuilder(words[i]);
            for (int len = 1; len <= MAX_PHRASE_WORDS && i + len <= n; len++) {
                if (len > 1) {
                    p.append(' ').append(words[i + len - 1]);
                }
                Integer size = attacks.get(p.toString());
                if (size != null && size == len) {
                    phrase = len;
                }
            }
            if (phrase > 0) {
                String said = join(toks, i, phrase);
                keep *= 1.0 - weigh(seen, "attack: " + said, HostilityRules.ATTACK_ADDRESSED, cues);
                anyAddressed = true;
                i += phrase - 1;
                continue;
            }
            String w = words[i];
            if (insults.contains(w)) {
                boolean negated = negatedAt(words, i);
                negatedWords[i] = negated;
                double weight = you ? HostilityRules.INSULT_DIRECT : HostilityRules.INSULT_PLAIN;
                String cue = (negated ? "negated: " : you ? "personal attack: " : "insult: ") + toks.get(i).norm();
                keep *= 1.0 - weigh(seen, cue, negated ? weight * HostilityRules.NEGATED : weight, cues);
                anyAddressed |= you && !negated;
                continue;
            }
            Double swear = profanity.get(w);
            if (swear != null) {
                double weight = Math.min(HostilityRules.MAX_HIT, swear * (you ? 0.65 : 0.5));
                keep *= 1.0 - weigh(seen, "profanity: " + toks.get(i).norm(), weight, cues);
                anyAddressed |= you;
            }
        }
        double base = 1.0 - keep;
        if (base <= 0) {
            return Hostility.NONE;
        }
        if (anyAddressed) {
            cues.add("second-person address");
        }
        int exclamations = Math.min(3, scanned.exclamations());
        if (exclamations > 0) {
            cues.add("exclamations " + exclamations);
        }
        double score = 1.0 - Math.pow(1.0 - base, 1.0 + 0.1 * exclamations);
        score = Math.round(Math.min(1.0, score) * 1000.0) / 1000.0;
        List<String> named = new ArrayList<>();
        named.add("language: " + language.tag());
        named.addAll(cues);
        return new Hostility(score, named.size() > HostilityRules.MAX_CUES ? named.subList(0, HostilityRules.MAX_CUES) : named);
    }

    private boolean negatedAt(String[] words, int at) {
        for (int k = Math.max(0, at - NEGATION_WINDOW); k < at; k++) {
            if (negators.contains(words[k])) {
                return true;
            }
        }
        return false;
    }

    /** A cue's weight, halved the second time it is seen and nothing after that, as the English rules count repeats. */
    private static double weigh(Map<String, Integer> seen, String cue, double weight, List<String> cues) {
        int times = seen.merge(cue, 1, Integer::sum);
        if (times == 1) {
            cues.add(cue);
            return weight;
        }
        return times == 2 ? weight * HostilityRules.REPEAT : 0.0;
    }

    private static String join(List<TextTokens.Token> toks, int from, int count) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < from + count; k++) {
            if (k > from) {
                b.append(' ');
            }
            b.append(toks.get(k).norm());
        }
        return b.toString();
    }
}
