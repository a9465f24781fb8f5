package dev.crossfire.bench;

import dev.crossfire.text.HostilityScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts per second through {@link HostilityScorer} on one thread, against a plain lower-case and
 * split of the same texts in the same run, rounds alternating so machine noise falls on both. Prints
 * figures; asserts nothing.
 */
public final class ScoreBenchmark {

    /** Medians over the measured rounds. */
    public record Figures(double scorerPerSecond, double splitPerSecond, double meanChars) {
        public double ratio() {
            return scorerPerSecond / splitPerSecond;
        }
    }

    private final HostilityScorer scorer;
    private final List<String> texts;
    private volatile double sink;

    public ScoreBenchmark(HostilityScorer scorer, List<String> sample, int textCount) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("no texts to score");
        }
        this.scorer = scorer;
        this.texts = new ArrayList<>(textCount);
        for (int i = 0; i < textCount; i++) {
            texts.add(sample.get(i % sample.size()));
        }
    }

    public Figures run(int rounds) {
        scoreRound(); // warm-up: class loading, the JIT, the lexicons and the model
        splitRound();
        List<Double> scored = new ArrayList<>();
        List<Double> split = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            scored.add(scoreRound());
            split.add(splitRound());
        }
        long chars = 0;
        for (String t : texts) {
            chars += t.length();
        }
        return new Figures(SerdeBenchmark.median(scored), SerdeBenchmark.median(split), (double) chars / texts.size());
    }

    private double scoreRound() {
        long start = System.nanoTime();
        double total = 0;
        for (String t : texts) {
            total += scorer.score(t).score();
        }
        sink += total;
        return texts.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double splitRound() {
        long start = System.nanoTime();
        long words = 0;
        for (String t : texts) {
            words += t.toLowerCase(Locale.ROOT).split("\\s+").length;
        }
        sink += words;
        return texts.size() / ((System.nanoTime() - start) / 1e9);
    }

    public static String table(Figures f, int texts, int rounds, String source) {
        return String.format(Locale.ROOT, """
                hostility scorer, one thread: %,d texts per round (%s, %.0f characters on average), median of %d rounds
                  scorer (rules + model)         %,12.0f texts/s
                  lower-case and split           %,12.0f texts/s
                  ratio scorer / split           %12.3f
                """, texts, source, f.meanChars(), rounds, f.scorerPerSecond(), f.splitPerSecond(), f.ratio());
    }
}
