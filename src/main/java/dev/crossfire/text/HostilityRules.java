package dev.crossfire.text;

import dev.crossfire.text.HostilityLexicon.Entry;
import dev.crossfire.text.HostilityLexicon.Kind;
import dev.crossfire.text.TextTokens.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores how hostile a post's text is, in [0, 1], with the cues behind the score.
 *
 * <p>Rules, combined as independent pieces of evidence ({@code 1 - (1-a)(1-b)...}):
 * <ul>
 *   <li><b>insults</b> aimed at a person (coward, liar, traitor...): 0.50 when merely mentioned,
 *       0.60 when attributed to someone ("Tuberville's a coward", "such a liar"), 0.75 as a
 *       <b>personal attack</b> in the second person ("you coward", "you're a liar", "don't be a jerk");
 *       half of the plain weight when said of oneself ("I'm such an idiot");</li>
 *   <li><b>put-downs</b> of what someone said or did (nonsense, ridiculous, disaster): 0.25 / 0.35 / 0.50;</li>
 *   <li><b>attack phrases</b> ("let our country down", "you had your chance", "shut up"): 0.50, 0.60 when
 *       the sentence addresses the reader;</li>
 *   <li><b>profanity</b>: 0.30 to 0.80 after the confidence of the profanity dictionary (damn 0.35,
 *       shit 0.58, fuck you 0.80), 0.50 for our extra entries (wtf, what the hell) and for a masked
 *       word (f**k); aimed at the reader ("you asshole") times 1.3, unless it is a mere intensifier
 *       ("you're damn lucky");</li>
 *   <li><b>negative words</b> of the VADER lexicon not covered above (anger, hate, disgusting): a little each,
 *       at most 0.30 together;</li>
 *   <li><b>negation</b>: an insult, put-down or negative word within four words after a negator
 *       ("not a liar", "never corrupt") counts a third (cue "negated: ..."); "don't be a jerk" is a
 *       command, not a negation;</li>
 *   <li><b>second-person address</b> (you, your, you're) in the same sentence raises the evidence by 15%;</li>
 *   <li><b>capitals</b> (30% or more of at least 12 cased letters in shouted words; a lone acronym such
 *       as "USA" does not count) and <b>exclamation marks</b> (and "??") amplify the evidence found and add a
 *       little on their own; a shouted hostile word counts 15% more;</li>
 *   <li>a repeated cue counts half the second time and not at all after that.</li>
 * </ul>
 *
 * <p>Work is bounded: only the first {@value #MAX_CHARS} characters are read, in one linear pass
 * without regular expressions, and phrase matching looks at most a few words ahead. Instances are
 * immutable and thread-safe; the lexicon is loaded once per class loader and shared.
 */
final class HostilityRules {

    /** Only this many characters from the start of a text are read. */
    static final int MAX_CHARS = HostilityScorer.MAX_CHARS;

    static final int MAX_TOKENS = HostilityScorer.MAX_TOKENS;
    static final int MAX_CUES = 10;

    // evidence weights
    static final double INSULT_PLAIN = 0.50;
    static final double INSULT_ATTRIBUTED = 0.60;
    static final double INSULT_DIRECT = 0.75;
    static final double PUT_DOWN_PLAIN = 0.25;
    static final double PUT_DOWN_ATTRIBUTED = 0.35;
    static final double PUT_DOWN_DIRECT = 0.50;
    static final double ATTACK = 0.50;
    static final double ATTACK_ADDRESSED = 0.60;
    static final double ACCUSATION = 0.50;
    static final double ACCUSATION_ADDRESSED = 0.60;
    static final double DEMAND = 0.30;
    static final double DEMAND_ADDRESSED = 0.40;
    static final double SOFTENED_ONCE = 0.6;
    static final double SOFTENED_MORE = 0.4;
    /** Laughing, winking and affectionate emoji: they soften like "lol" does. */
    static final Set<Integer> SOFTENING_EMOJI = Set.of(0x1F602, 0x1F923, 0x1F606, 0x1F604, 0x1F601, 0x1F605, 0x1F609,
            0x1F61C, 0x1F61D, 0x1F61B, 0x1F618, 0x1F970, 0x1F60D, 0x2764, 0x1F495, 0x1F49C, 0x1F499, 0x1F389, 0x1F973,
            0x1F44F, 0x1F64C, 0x1F91D, 0x1F37B, 0x1F942);
    /** Praise said of a failure, or praise beside an eye-roll: mock praise, weighed like a put-down said to someone. */
    static final double SARCASM = 0.65;
    static final double SARCASM_ADDRESSED = 0.75;
    /** An eye-roll at someone without words that say more. */
    static final double EYE_ROLL = 0.30;
    /** The clown emoji, said of someone: name-calling without the word. */
    static final double CLOWN_EMOJI = 0.45;
    /** Praise that mocks when a harm done follows it or an eye-roll sits beside it. */
    static final List<List<String>> PRAISE_PHRASES = List.of(List.of("great", "job"), List.of("nice", "job"), List.of("good", "job"),
            List.of("well", "done"), List.of("nice", "work"), List.of("great", "work"), List.of("thank", "you"), List.of("thanks"),
            List.of("congrats"), List.of("congratulations"), List.of("proud", "of", "you"), List.of("bravo"), List.of("kudos"));
    static final Set<String> PRAISE_STARTS = PRAISE_PHRASES.stream().map(p -> p.get(0)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** The "softened" cues that praise, which mock praise takes back. */
    static final Set<String> PRAISE_SOFTENERS = Set.of("softened: great job", "softened: nice job", "softened: good job",
            "softened: well done", "softened: congrats", "softened: congratulations", "softened: congratulation",
            "softened: proud of you", "softened: thank you", "softened: thanks", "softened: well played");
    static final Set<String> PRAISE_EMOJI = Set.of("softened: 👏", "softened: 🙌");
    /** Words between praise and what it is for: "thanks for", "great job on", "proud of you for". */
    static final Set<String> LINKING = Set.of("for", "on", "with", "at", "so", "much", "again", "really", "you", "guys", "all");
    /** Harm done, which praise in front of it mocks ("great job destroying", "thanks for nothing"). */
    static final Set<String> HARM_DONE = Set.of("destroying", "ruining", "wrecking", "killing", "screwing", "gutting", "tanking",
            "crashing", "breaking", "bankrupting", "betraying", "failing", "lying", "nothing", "selling", "abandoning", "sabotaging",
            "trashing", "torching", "blowing", "botching", "bungling", "disgracing", "embarrassing", "humiliating");
    /** Words of praise that mock beside an eye-roll ("what a genius plan 🙃"). */
    static final Set<String> MOCKABLE = Set.of("genius", "brilliant", "stellar", "masterful", "masterclass", "leadership", "hero",
            "great", "wonderful", "fantastic", "amazing", "impressive");
    static final int EYE_ROLL_EMOJI = 0x1F644;
    static final int UPSIDE_DOWN_EMOJI = 0x1F643;
    static final int CLOWN_EMOJI_CP = 0x1F921;
    static final double EXTRA_PROFANITY = 0.50;
    static final double MASKED_PROFANITY = 0.50;
    static final double NEGATED = 1.0 / 3.0;
    static final double ADDRESSED_BOOST = 1.15;
    static final double DIRECT_PROFANITY_BOOST = 1.3;
    static final double SHOUTED_BOOST = 1.15;
    static final double SELF_DIRECTED = 0.5;
    static final double REPEAT = 0.5;
    static final double MAX_HIT = 0.95;
    static final double TONE_MIN_VALENCE = -1.5;
    static final double TONE_PER_VALENCE = 0.035;
    static final double TONE_CAP = 0.30;
    static final int WINDOW = 4;
    static final int MAX_WILDCARD = 3;
    static final int MIN_CASED_FOR_CAPITALS = 12;
    static final double CAPITALS_FROM = 0.30;
    static final int MIN_SHOUTED_WORD = 5;

    private static final Set<String> SECOND_PERSON = Set.of(
            "you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "youre", "y'all", "yall");
    private static final Set<String> ATTRIBUTION = Set.of(
            "is", "'s", "are", "am", "was", "were", "be", "being", "been", "become", "became", "such", "what",
            "total", "complete", "absolute", "utter", "real", "bunch", "called", "call", "calling");
    /** Profanity used as an intensifier ("you're damn lucky"): never a personal attack by itself. */
    private static final Set<String> INTENSIFIERS = Set.of(
            "damn", "damned", "fucking", "fuckin", "freaking", "freakin", "frickin", "friggin", "effing",
            "bloody", "goddamn", "goddamned");
    /** A negator followed by one of these does not negate what comes after ("not only a liar"). */
    private static final Set<String> NOT_NEGATING_NEXT = Set.of("be", "being", "only", "just", "merely");
    /** Words that, before "be"/"being", make a command to the reader ("don't be a jerk", "stop being silly"). */
    private static final Set<String> COMMANDING = Set.of("don't", "dont", "stop", "quit");
    /** First-person words: "I'm such an idiot" is self-deprecation, not an attack. */
    private static final Set<String> FIRST_PERSON = Set.of("i", "am", "myself");

    private static final class DefaultLexicon {
        static final HostilityLexicon INSTANCE = HostilityLexicon.load();
    }

    private final HostilityLexicon lexicon;

    /** The rules over the default lexicon (loaded from the class path on first use, then shared). */
    HostilityRules() {
        this(DefaultLexicon.INSTANCE);
    }

    HostilityRules(HostilityLexicon lexicon) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    }

    static double dictionaryProfanity(double confidence) {
        return 0.30 + 0.50 * Math.min(1.0, Math.max(0.0, confidence));
    }

    /** One piece of evidence. */
    private record Hit(double weight, String cue, String extraCue) {
    }

    /**
     * Scores a text. Null or empty text scores 0. Only the first {@value #MAX_CHARS} characters are read.
     */
    Hostility score(String text) {
        if (text == null || text.isEmpty()) {
            return Hostility.NONE;
        }
        return score(text, TextTokens.scan(text, MAX_CHARS, MAX_TOKENS));
    }

    /**
     * What the rules found in a text.
     *
     * @param hostility the rules' own score and cues
     * @param negated   words a negation took the sting out of ("not a liar"): the negator and what it negates
     * @param softening 1, or the factor the softeners found multiply a score by
     * @param negativeValence the VADER valences below 0 of the words not negated, summed, as a positive number
     * @param positiveValence the VADER valences above 0 of the words not negated, summed
     */
    record Findings(Hostility hostility, boolean[] negated, double softening, double negativeValence, double positiveValence) {
    }

    /** Scores a text already scanned (so that the model reads the same words). */
    Hostility score(String text, TextTokens scanned) {
        return findings(text, scanned).hostility();
    }

    Findings findings(String text, TextTokens scanned) {
        List<Token> toks = scanned.tokens();
        int n = toks.size();

        int sentences = n == 0 ? 0 : toks.get(n - 1).sentence() + 1;
        boolean[] addressed = new boolean[sentences];
        boolean anySecondPerson = false;
        for (Token t : toks) {
            if (SECOND_PERSON.contains(t.norm())) {
                addressed[t.sentence()] = true;
                anySecondPerson = true;
            }
        }

        HostilityLexicon.Word[] plain = new HostilityLexicon.Word[n];
        for (int i = 0; i < n; i++) {
            plain[i] = lexicon.word(toks.get(i).norm());
        }
        List<Hit> hits = new ArrayList<>();
        List<String> softeners = new ArrayList<>(2);
        softeningEmoji(text, softeners);
        boolean[] covered = new boolean[n];
        boolean[] negated = new boolean[n];
        boolean addressContributed = false;
        for (int i = 0; i < n; ) {
            Token t = toks.get(i);
            Entry best = null;
            int bestEnd = -1;
            for (Entry e : plain[i].entries()) {
                int end = match(e.words(), 0, toks, i, t.sentence());
                if (end > bestEnd) {
                    best = e;
                    bestEnd = end;
                }
            }
            if (best == null && t.squeezed() != null) {
                for (Entry e : lexicon.word(t.squeezed()).entries()) {
                    int end = match(e.words(), 0, toks, i, t.sentence());
                    if (end > bestEnd) {
                        best = e;
                        bestEnd = end;
                    }
                }
            }
            if (best != null && best.kind() == Kind.SOFTENER) {
                softeners.add("softened: " + best.phrase());
                for (int k = i; k < bestEnd; k++) {
                    covered[k] = true;
                }
                i = bestEnd;
                continue;
            }
            if (best != null) {
                Hit hit = weigh(best, toks, plain, i, bestEnd, addressed);
                hits.add(hit);
                if (hit.cue().startsWith("negated: ")) {
                    for (int k = Math.max(0, i - WINDOW); k < bestEnd; k++) {
                        negated[k] |= toks.get(k).sentence() == t.sentence();
                    }
                }
                addressContributed |= addressed[t.sentence()];
                for (int k = i; k < bestEnd; k++) {
                    covered[k] = true;
                }
                i = bestEnd;
                continue;
            }
            if (t.masked()) {
                double w = MASKED_PROFANITY * (addressed[t.sentence()] ? ADDRESSED_BOOST : 1.0);
                hits.add(new Hit(w, "profanity: " + t.norm(), null));
                addressContributed |= addressed[t.sentence()];
                covered[i] = true;
            }
            i++;
        }

        // negative words of the VADER lexicon that no rule above has used; and the text's valence for the model
        double toneKeep = 1.0;
        List<String> toneCues = new ArrayList<>(3);
        double[] valence = new double[2];
        for (int i = 0; i < n; i++) {
            Token t = toks.get(i);
            double v = plain[i].valence();
            if (v == 0.0 && t.squeezed() != null) {
                v = lexicon.word(t.squeezed()).valence();
            }
            if (v == 0.0 || negated[i] || negator(toks, plain, i) != null) {
                continue;
            }
            valence[v < 0 ? 0 : 1] += Math.abs(v);
            if (covered[i] || v > TONE_MIN_VALENCE) {
                continue;
            }
            double w = TONE_PER_VALENCE * -v * (addressed[t.sentence()] ? 1.2 : 1.0);
            toneKeep *= 1.0 - w;
            addressContributed |= addressed[t.sentence()];
            String cue = "negative: " + t.norm();
            if (toneCues.size() < 3 && !toneCues.contains(cue)) {
                toneCues.add(cue);
            }
        }
        double tone = Math.min(TONE_CAP, 1.0 - toneKeep);

        sarcasm(text, toks, hits, softeners, anySecondPerson);

        // combine the evidence; a repeated cue counts half the second time and not after that
        hits.sort(Comparator.comparingDouble(Hit::weight).reversed());
        Map<String, Integer> seen = new HashMap<>();
        double keep = 1.0 - tone;
        for (Hit h : hits) {
            int times = seen.merge(h.cue(), 1, Integer::sum);
            if (times <= 2) {
                keep *= 1.0 - h.weight() * (times == 1 ? 1.0 : REPEAT);
            }
        }
        double base = 1.0 - keep;

        double shout = 0.0;
        int cased = scanned.casedLetters();
        double capitals = cased == 0 ? 0.0 : (double) shoutedLetters(toks) / cased;
        if (cased >= MIN_CASED_FOR_CAPITALS && capitals >= CAPITALS_FROM) {
            shout = clamp((capitals - 0.25) / 0.5);
        }
        int exclamations = Math.min(scanned.exclamations(), 5);
        double amplified = 1.0 - Math.pow(1.0 - base, 1.0 + 0.8 * shout + 0.1 * exclamations);
        double standalone = 0.15 * shout + 0.02 * exclamations;
        double score = clamp(1.0 - (1.0 - amplified) * (1.0 - standalone));
        double softening = softeners.isEmpty() ? 1.0 : (softeners.size() == 1 ? SOFTENED_ONCE : SOFTENED_MORE);
        score *= softening;
        score = Math.round(score * 1000.0) / 1000.0;
        if (score == 0.0) {
            return new Findings(Hostility.NONE, negated, softening, valence[0], valence[1]);
        }

        Set<String> cues = new LinkedHashSet<>();
        for (Hit h : hits) {
            cues.add(h.cue());
            if (h.extraCue() != null) {
                cues.add(h.extraCue());
            }
        }
        cues.addAll(toneCues);
        for (String soft : softeners) {
            cues.add(soft);
        }
        if (anySecondPerson && addressContributed) {
            cues.add("second-person address");
        }
        if (shout > 0.0) {
            cues.add("capitals " + Math.round(capitals * 100) + "%");
        }
        if (scanned.exclamations() > 0) {
            cues.add("exclamations " + scanned.exclamations());
        }
        List<String> list = new ArrayList<>(cues);
        return new Findings(new Hostility(score, list.size() > MAX_CUES ? list.subList(0, MAX_CUES) : list), negated, softening,
                valence[0], valence[1]);
    }

    /** Weighs the match of {@code e} over tokens {@code [start, end)} in its context. */
    private Hit weigh(Entry e, List<Token> toks, HostilityLexicon.Word[] plain, int start, int end, boolean[] addressed) {
        int sentence = toks.get(start).sentence();
        StringBuilder matched = new StringBuilder();
        boolean selfSecond = false;
        String shouted = null;
        for (int k = start; k < end; k++) {
            Token t = toks.get(k);
            if (matched.length() > 0 && !t.norm().startsWith("'")) {
                matched.append(' ');
            }
            matched.append(t.norm());
            selfSecond |= SECOND_PERSON.contains(t.norm());
            if (t.shouted() && shouted == null) {
                shouted = t.raw();
            }
        }
        boolean secondBefore = false;
        boolean attributed = false;
        boolean command = false;
        boolean firstPerson = false;
        for (int j = start - 1; j >= 0 && j >= start - WINDOW && toks.get(j).sentence() == sentence; j--) {
            String w = toks.get(j).norm();
            secondBefore |= SECOND_PERSON.contains(w);
            attributed |= ATTRIBUTION.contains(w);
            firstPerson |= FIRST_PERSON.contains(w);
            if (COMMANDING.contains(w) && j + 1 < start) {
                String next = toks.get(j + 1).norm();
                command |= next.equals("be") || next.equals("being");
            }
        }
        boolean direct = secondBefore || selfSecond || command;
        boolean inAddressed = addressed[sentence];
        String reported = reportedBy(toks, start, sentence);
        // the entry as listed ("liar" for "liiiiar"), or the words a '*' stood for ("let us all down")
        String words = e.words().contains("*") ? matched.toString() : e.phrase();

        double w;
        String cue;
        String extra = shouted == null ? null : "shouted: " + shouted;
        switch (e.kind()) {
            case INSULT, PUT_DOWN -> {
                boolean insult = e.kind() == Kind.INSULT;
                String negator = negator(toks, plain, start);
                if (negator != null) {
                    w = (attributed ? (insult ? INSULT_ATTRIBUTED : PUT_DOWN_ATTRIBUTED)
                            : (insult ? INSULT_PLAIN : PUT_DOWN_PLAIN)) * NEGATED;
                    cue = "negated: " + negator + " " + words;
                } else if (reported != null) {
                    // "He called me a liar": the speaker reports an attack, it does not make one
                    w = (insult ? INSULT_PLAIN : PUT_DOWN_PLAIN) * NEGATED;
                    cue = "reported: " + reported + " " + words;
                } else if (direct) {
                    w = insult ? INSULT_DIRECT : PUT_DOWN_DIRECT;
                    cue = (insult ? "personal attack: " : "put-down: ") + words;
                } else if (firstPerson) {
                    w = (insult ? INSULT_PLAIN : PUT_DOWN_PLAIN) * SELF_DIRECTED;
                    cue = "self-directed: " + words;
                } else {
                    w = attributed ? (insult ? INSULT_ATTRIBUTED : PUT_DOWN_ATTRIBUTED)
                            : (insult ? INSULT_PLAIN : PUT_DOWN_PLAIN);
                    if (inAddressed) {
                        w *= ADDRESSED_BOOST;
                    }
                    cue = (insult ? "insult: " : "put-down: ") + words;
                }
            }
            case ACCUSATION -> {
                String negator = negator(toks, plain, start);
                if (negator != null) {
                    w = ACCUSATION * NEGATED;
                    cue = "negated: " + negator + " " + words;
                } else {
                    w = direct || inAddressed ? ACCUSATION_ADDRESSED : ACCUSATION;
                    cue = "accusation: " + words;
                }
            }
            case DEMAND -> {
                w = direct || inAddressed ? DEMAND_ADDRESSED : DEMAND;
                cue = "demand: " + words;
            }
            case ATTACK -> {
                w = direct || inAddressed ? ATTACK_ADDRESSED : ATTACK;
                cue = "attack: " + words;
            }
            default -> {
                w = e.strength();
                if (direct && !INTENSIFIERS.contains(e.words().get(0))) {
                    w *= DIRECT_PROFANITY_BOOST;
                } else if (inAddressed) {
                    w *= ADDRESSED_BOOST;
                }
                cue = "profanity: " + words;
            }
        }
        if (shouted != null) {
            w *= SHOUTED_BOOST;
        }
        return new Hit(Math.min(MAX_HIT, w), cue, extra);
    }

    /**
     * Mock praise and the emoji that roll their eyes. Praise just before a harm done ("great job
     * destroying healthcare", "thanks for killing us") or beside an eye-roll (🙄, 🙃) mocks: it
     * stops softening and counts as an attack. So does "genius" or "brilliant" with an eye-roll
     * ("what a genius plan, Senator 🙃"). Sincere thanks for a fight ("thank you for fighting for
     * health care") stay thanks: only harm verbs mock, and a negative word elsewhere in the post does
     * not. An eye-roll alone weighs a little; the clown emoji like the word.
     */
    private static void sarcasm(String text, List<Token> toks, List<Hit> hits, List<String> softeners, boolean addressed) {
        boolean eyeRoll = false;
        boolean rolledEyes = false;
        boolean clown = false;
        int limit = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            // these emoji are surrogate pairs: a text without a high surrogate has none of them
            if (Character.isHighSurrogate(text.charAt(i))) {
                int cp = text.codePointAt(i);
                eyeRoll |= cp == EYE_ROLL_EMOJI || cp == UPSIDE_DOWN_EMOJI;
                rolledEyes |= cp == EYE_ROLL_EMOJI;
                clown |= cp == CLOWN_EMOJI_CP;
            }
        }
        String mock = null;
        boolean praised = false;
        for (int i = 0; i < toks.size() && mock == null; i++) {
            int after = praiseEndsAt(toks, i);
            if (after < 0) {
                continue;
            }
            praised = true;
            String praise = joinNorm(toks, i, after);
            if (eyeRoll) {
                mock = praise;
            }
            for (int k = after; k < Math.min(toks.size(), after + 3) && mock == null; k++) {
                if (HARM_DONE.contains(toks.get(k).norm())) {
                    mock = praise + " ... " + toks.get(k).norm();
                }
            }
        }
        if (mock == null && eyeRoll) {
            for (Token t : toks) {
                if (MOCKABLE.contains(t.norm())) {
                    mock = t.norm();
                    break;
                }
            }
        }
        if (mock == null && eyeRoll && softeners.stream().anyMatch(soft -> PRAISE_EMOJI.contains(soft))) {
            mock = "👏";
        }
        if (mock != null) {
            softeners.removeIf(soft -> PRAISE_SOFTENERS.contains(soft) || PRAISE_EMOJI.contains(soft));
            hits.add(new Hit(addressed ? SARCASM_ADDRESSED : SARCASM, "mock praise: " + mock, null));
        } else if (rolledEyes && !praised) {
            hits.add(new Hit(EYE_ROLL, "eye-roll: 🙄", null));
        }
        if (clown) {
            hits.add(new Hit(CLOWN_EMOJI, "clown emoji", null));
        }
    }

    /** Where the praise starting at {@code i} ends (exclusive), or -1 when none starts there. */
    private static int praiseEndsAt(List<Token> toks, int i) {
        if (!PRAISE_STARTS.contains(toks.get(i).norm())) {
            return -1;
        }
        for (List<String> phrase : PRAISE_PHRASES) {
            int end = i;
            boolean all = true;
            for (String w : phrase) {
                if (end >= toks.size() || !toks.get(end).norm().equals(w)) {
                    all = false;
                    break;
                }
                end++;
            }
            if (all) {
                // "thanks for", "great job on": the small word between the praise and the harm
                while (end < toks.size() && LINKING.contains(toks.get(end).norm())) {
                    end++;
                }
                return end;
            }
        }
        return -1;
    }

    private static String joinNorm(List<Token> toks, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (LINKING.contains(toks.get(k).norm()) && k > from) {
                break;
            }
            if (k > from) {
                b.append(' ');
            }
            b.append(toks.get(k).norm());
        }
        return b.toString();
    }

    /** Adds a "softened" cue for the first laughing or affectionate emoji (one is enough to count). */
    private static void softeningEmoji(String text, List<String> softeners) {
        int limit = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < limit; ) {
            int cp = text.codePointAt(i);
            if (cp >= 0x2700 && SOFTENING_EMOJI.contains(cp)) {
                softeners.add("softened: " + Character.toString(cp));
                return;
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * The negator among the {@value #WINDOW} words before token {@code at} (same sentence) that negates
     * it, or null.
     */
    /** Verbs that report what someone called the speaker: "called me a liar", "calls us crooks". */
    private static final Set<String> REPORTING = Set.of("called", "calls", "call", "calling", "labeled", "labelled", "branded",
            "named");
    private static final Set<String> SPEAKER = Set.of("me", "us", "myself");

    /** "called me" when the words just before an insult report that someone called the speaker so; else null. */
    private static String reportedBy(List<Token> toks, int start, int sentence) {
        for (int j = start - 1; j >= 1 && j >= start - WINDOW && toks.get(j).sentence() == sentence; j--) {
            if (SPEAKER.contains(toks.get(j).norm()) && REPORTING.contains(toks.get(j - 1).norm())) {
                return toks.get(j - 1).norm() + " " + toks.get(j).norm();
            }
        }
        return null;
    }

    private static String negator(List<Token> toks, HostilityLexicon.Word[] plain, int at) {
        int sentence = toks.get(at).sentence();
        for (int j = at - 1; j >= 0 && j >= at - WINDOW && toks.get(j).sentence() == sentence; j--) {
            String w = toks.get(j).norm();
            if (plain[j].negator()) {
                boolean command = j + 1 < at && NOT_NEGATING_NEXT.contains(toks.get(j + 1).norm());
                return command ? null : w;
            }
        }
        return null;
    }

    /**
     * Matches {@code words[k..]} against the tokens from {@code pos} on, inside one sentence; returns the
     * end (exclusive) of the match, or -1. A {@code *} matches one to {@value #MAX_WILDCARD} words.
     */
    private static int match(List<String> words, int k, List<Token> toks, int pos, int sentence) {
        if (k == words.size()) {
            return pos;
        }
        String w = words.get(k);
        if (w.equals("*")) {
            for (int skip = 1; skip <= MAX_WILDCARD; skip++) {
                int p = pos + skip;
                if (p > toks.size() || toks.get(p - 1).sentence() != sentence) {
                    break;
                }
                int end = match(words, k + 1, toks, p, sentence);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (pos >= toks.size()) {
            return -1;
        }
        Token t = toks.get(pos);
        if (t.sentence() != sentence || !(w.equals(t.norm()) || w.equals(t.squeezed()))) {
            return -1;
        }
        return match(words, k + 1, toks, pos + 1, sentence);
    }

    /**
     * Letters in words written in capitals, not counting a lone short one: "USA", "NATO" or "AG" on its own
     * is an acronym, while a long word ("DISASTER") or a run of two or more ("NOT ALLOWED") is shouting.
     */
    static int shoutedLetters(List<Token> toks) {
        int letters = 0;
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (!t.allCaps()) {
                continue;
            }
            boolean inRun = i > 0 && toks.get(i - 1).allCaps() || i + 1 < toks.size() && toks.get(i + 1).allCaps();
            if (t.cased() >= MIN_SHOUTED_WORD || inRun) {
                letters += t.cased();
            }
        }
        return letters;
    }

    private static double clamp(double v) {
        return v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HostilityRules[%d entries, %d valences]", lexicon.size(), lexicon.valenceSize());
    }
}
