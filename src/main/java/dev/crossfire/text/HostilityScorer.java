package dev.crossfire.text;

import dev.crossfire.text.TextTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How hostile a post's text is, in [0, 1], with the reasons: the one scorer behind the topology
 * and {@code crossfire score}.
 *
 * <p>Two parts. {@link HostilityRules} find what an editor would point at (an insult aimed at
 * "you", an accusation of lying, profanity, a demand, a negation, softeners such as laughter or
 * "congrats") and give a score of their own. {@link HostilityModel}, a logistic regression trained
 * on real replies to politicians labelled civil or not, weighs those findings together with the
 * words and letter n-grams of the text ({@link HostilityFeatures}), so that wording no list holds
 * still counts. The reasons are the rules' findings followed by the words that pushed the score up
 * most ({@code "weighs up: clown"}) or held it down ({@code "weighs down: thanks"}).
 *
 * <p>Work is bounded: the first {@value #MAX_CHARS} characters, one pass to split words, one over
 * the features; no regular expressions. Instances are immutable and thread-safe; the lexicons and
 * the model are loaded once per class loader and shared.
 */
public final class HostilityScorer {

    /** Texts scoring at or above this are hostile (see {@link Hostility#hostile()}). */
    public static final double HOSTILE = 0.5;

    /** Only this many characters from the start of a text are read. */
    public static final int MAX_CHARS = 10_000;

    static final int MAX_TOKENS = 4_000;
    static final int MAX_CUES = 10;
    /** A word's pull (its features' weighted sum) from which it is named among the reasons. */
    static final double WORD_CUE = 0.3;
    static final int MAX_WORD_CUES = 3;
    /** Words never named as reasons: second person (the rules name it) and words that carry no meaning alone. */
    private static final Set<String> UNNAMED = Set.of("you", "your", "yours", "yourself", "u", "ur", "a", "an", "the", "and",
            "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "as", "is", "are", "was", "were",
            "be", "been", "it", "its", "this", "that", "these", "those", "what", "which", "who", "such", "so", "very", "just",
            "all", "some", "any", "he", "she", "they", "them", "his", "her", "their", "we", "our", "us", "i", "me", "my");

    private static final class Bundled {
        static final HostilityRules RULES = new HostilityRules();
    }

    private static final class BundledModel {
        static final HostilityModel MODEL = HostilityModel.bundled();
        /** The models of other languages the jar ships, by language; a language without one is read by its rules alone. */
        static final java.util.Map<Language, HostilityModel> OTHERS = HostilityModel.bundledOthers();
    }

    private final HostilityRules rules;
    private final HostilityModel model;
    private final java.util.Map<Language, HostilityModel> others;

    /** The bundled rules and models (loaded from the class path on first use, then shared). */
    public HostilityScorer() {
        this(Bundled.RULES, BundledModel.MODEL, BundledModel.OTHERS);
    }

    HostilityScorer(HostilityRules rules, HostilityModel model) {
        this(rules, model, java.util.Map.of());
    }

    HostilityScorer(HostilityRules rules, HostilityModel model, java.util.Map<Language, HostilityModel> others) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.model = model;
        this.others = java.util.Map.copyOf(others);
    }

    /** The rules alone, without the model: to see what the model adds ({@code score --rules-only}). */
    public static HostilityScorer rulesOnly() {
        return new HostilityScorer(Bundled.RULES, null);
    }

    /**
     * The bundled rules with a model from a file ({@code score train --out}): a model the jar does not
     * ship, such as one trained on data whose licence keeps it out of the jar (docs/hostility.md).
     */
    public static HostilityScorer withModelFile(java.nio.file.Path file) throws java.io.IOException {
        return new HostilityScorer(Bundled.RULES, HostilityModel.read(file));
    }

    /** The bundled scorer, or the bundled rules with the model in {@code file} when one is given (null or blank: bundled). */
    public static HostilityScorer configured(String file) {
        if (file == null || file.isBlank()) {
            return new HostilityScorer();
        }
        try {
            return withModelFile(java.nio.file.Path.of(file.strip()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the hostility model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bundled rules with a freshly trained model (to measure it before it is shipped). */
    public static HostilityScorer with(HostilityTrainer.Trained trained) {
        return new HostilityScorer(Bundled.RULES, trained.model());
    }

    /** The bundled scorer with a freshly trained model for {@code language} in place of the bundled one. */
    public static HostilityScorer with(HostilityTrainer.Trained trained, Language language) {
        if (language == Language.EN) {
            return with(trained);
        }
        java.util.Map<Language, HostilityModel> others = new java.util.HashMap<>(BundledModel.OTHERS);
        others.put(language, trained.model());
        return new HostilityScorer(Bundled.RULES, BundledModel.MODEL, others);
    }

    /** Texts scoring at or above this are hostile; the topology and {@code score --eval} use the same. */
    public double threshold() {
        return HOSTILE;
    }

    /** Scores a text in the language its words show ({@link Language#guess}). Null or empty text scores 0. */
    public Hostility score(String text) {
        return score(text, null);
    }

    /**
     * Scores a text in its language: the platform's tag when given ({@code "es"}, {@code "pt-BR"}),
     * else the language its words show. English gets the rules and the model; Spanish, Portuguese,
     * French and German their own rules ({@link LanguageRules}); a language crossfire does not read
     * scores 0, since English words read into it would mislead.
     */
    public Hostility score(String text, String languageTag) {
        if (text == null || text.isEmpty()) {
            return Hostility.NONE;
        }
        TextTokens scanned = TextTokens.scan(text, MAX_CHARS, MAX_TOKENS);
        Language tagged = Language.tagged(languageTag);
        Language language = tagged != null ? tagged : Language.guess(scanned);
        if (language == Language.OTHER) {
            return Hostility.NONE;
        }
        if (language != Language.EN) {
            LanguageRules own = LanguageRules.of(language);
            HostilityModel its = others.get(language);
            if (its == null || model == null) { // rules only: no model for this language, or --rules-only
                return own.score(scanned);
            }
            return withModel(text, scanned, own.findings(scanned), its, "language: " + language.tag());
        }
        if (model == null) {
            return rules.findings(text, scanned).hostility();
        }
        return withModel(text, scanned, rules.findings(text, scanned), model, null);
    }

    private static Hostility withModel(String text, TextTokens scanned, HostilityRules.Findings findings, HostilityModel model,
                                       String firstCue) {
        Hostility found = findings.hostility();
        double[] byWord = new double[scanned.tokens().size()];
        double[] sum = new double[1];
        HostilityFeatures.extract(text, scanned, findings, (hash, value, token) -> {
            double c = model.weight(hash) * value;
            sum[0] += c;
            if (token >= 0) {
                byWord[token] += c;
            }
        });
        // softeners apply after the model too: it learnt too few jokes between friends to know them
        double score = Math.round(model.calibrate(model.probability(sum[0])) * findings.softening() * 1000.0) / 1000.0;
        if (score == 0.0) {
            return Hostility.NONE;
        }
        return new Hostility(score, reasons(found, scanned.tokens(), byWord, firstCue));
    }

    private static List<String> reasons(Hostility found, List<Token> toks, double[] byWord, String firstCue) {
        Set<String> cues = new LinkedHashSet<>();
        if (firstCue != null) {
            cues.add(firstCue);
        }
        cues.addAll(found.cues());
        addWords(cues, toks, byWord, true);
        addWords(cues, toks, byWord, false);
        List<String> list = new ArrayList<>(cues);
        return list.size() > MAX_CUES ? list.subList(0, MAX_CUES) : list;
    }

    /** The words pulling hardest up (or down), strongest first, at most {@value #MAX_WORD_CUES}. */
    private static void addWords(Set<String> cues, List<Token> toks, double[] byWord, boolean up) {
        boolean[] used = new boolean[byWord.length];
        for (int k = 0; k < MAX_WORD_CUES; k++) {
            int best = -1;
            for (int i = 0; i < byWord.length; i++) {
                double pull = up ? byWord[i] : -byWord[i];
                if (!used[i] && pull >= WORD_CUE && (best < 0 || pull > (up ? byWord[best] : -byWord[best]))) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            used[best] = true;
            if (UNNAMED.contains(toks.get(best).norm())) {
                continue;
            }
            cues.add((up ? "weighs up: " : "weighs down: ") + toks.get(best).norm());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HostilityScorer[%s, model of %d features, hostile >= %.2f]", rules, model == null ? 0 : model.size(), HOSTILE);
    }
}
