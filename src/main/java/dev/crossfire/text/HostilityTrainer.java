package dev.crossfire.text;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Trains {@link HostilityModel}: L2-regularised logistic regression (LIBLINEAR) over the features
 * of labelled texts, then the cut (the threshold that becomes hostility 0.5) from the best F1 of
 * out-of-fold predictions, so that the cut is never chosen on texts the weights were fitted to.
 *
 * <p>Deterministic: the same rows and options give the same model, byte for byte.
 */
public final class HostilityTrainer {

    /**
     * @param cost     LIBLINEAR's C: lower means stronger regularisation
     * @param minCount a text feature must occur in this many training texts to get a weight
     * @param folds    folds of the cross-validation that picks the cut
     */
    public record Options(double cost, int minCount, int folds) {
        public Options {
            if (!(cost > 0) || minCount < 1 || folds < 2) {
                throw new IllegalArgumentException("cost > 0, minCount >= 1 and folds >= 2 are required");
            }
        }
    }

    /** Chosen by 5-fold cross-validation on the training part of the development data (see the README). */
    public static final Options DEFAULTS = new Options(0.5, 2, 5);

    /** One training text: its features, computed once. */
    private record Example(Map<Long, Double> features, boolean positive) {
    }

    /** A trained model and the names of its features, for the file. */
    public record Trained(HostilityModel model, long[] hashes, double[] weights, String[] names, int texts, int positives) {
        /** The model probability that becomes hostility 0.5. */
        public double cut() {
            return model.cut();
        }
    }

    private final HostilityRules rules = new HostilityRules();
    /** The language the model is for: English reads the English rules, the others their own ({@link LanguageRules}). */
    private final Language language;
    private final Options options;

    public HostilityTrainer(Options options) {
        this(options, Language.EN);
    }

    /** A trainer of a model for {@code language} (not {@link Language#OTHER}). */
    public HostilityTrainer(Options options, Language language) {
        if (language == Language.OTHER) {
            throw new IllegalArgumentException("a model is for one of the languages crossfire reads: en, es, pt, fr, de");
        }
        this.options = options;
        this.language = language;
        Linear.disableDebugOutput();
    }

    /** Whether a text belongs to the held-out part: about 30% of ids, fixed by a hash of the id. */
    public static boolean heldOut(String id) {
        long h = HostilityFeatures.hash(HostilityFeatures.SEED, id) * 0x9E3779B97F4A7C15L;
        return Long.remainderUnsigned(h >>> 11, 10) < 3;
    }

    private final Map<Long, String> names = new HashMap<>();

    private Example example(TextTable.Row row) {
        Map<Long, Double> features = new LinkedHashMap<>();
        String text = row.text() == null ? "" : row.text();
        TextTokens scanned = TextTokens.scan(text, HostilityScorer.MAX_CHARS, HostilityScorer.MAX_TOKENS);
        HostilityRules.Findings found = language == Language.EN ? rules.findings(text, scanned) : LanguageRules.of(language).findings(scanned);
        HostilityFeatures.extract(text, scanned, found, new HostilityFeatures.NamingSink() {
            @Override
            public void feature(long hash, double value, int token) {
                features.merge(hash, value, Double::sum);
            }

            @Override
            public void name(long hash, String name) {
                names.putIfAbsent(hash, name);
            }
        });
        return new Example(features, Boolean.TRUE.equals(row.positive()));
    }

    /**
     * Trains on every row: weights on all of them, the cut from cross-validation.
     *
     * @param extra rows from elsewhere (another domain) that only ever train: the cut is chosen on {@code rows}
     */
    public Trained train(List<TextTable.Row> rows, List<TextTable.Row> extra) {
        List<Example> examples = rows.stream().map(this::example).toList();
        List<Example> others = extra.stream().map(this::example).toList();
        double[] outOfFold = outOfFold(examples, others);
        boolean[] labels = labels(examples);
        double cut = Evaluation.of(outOfFold, labels, 0.5).bestThreshold();
        List<Example> all = new ArrayList<>(examples);
        all.addAll(others);
        labels = labels(all);
        Fitted fitted = fit(all);
        int positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        String[] featureNames = new String[fitted.hashes.length];
        for (int i = 0; i < featureNames.length; i++) {
            featureNames[i] = names.getOrDefault(fitted.hashes[i], "?");
        }
        HostilityModel model = new HostilityModel(fitted.hashes, fitted.weights, fitted.bias, clampCut(cut, fitted.bias));
        return new Trained(model, fitted.hashes, fitted.weights, featureNames, all.size(), positives);
    }

    /** Out-of-fold probabilities: each row scored by a model fitted without its fold (and with every extra row). */
    public double[] crossValidate(List<TextTable.Row> rows, List<TextTable.Row> extra) {
        return outOfFold(rows.stream().map(this::example).toList(), extra.stream().map(this::example).toList());
    }

    private static double clampCut(double cut, double bias) {
        double p0 = HostilityModel.sigmoid(bias);
        return Math.max(cut, Math.min(0.99, p0 + 0.01));
    }

    private double[] outOfFold(List<Example> examples, List<Example> extra) {
        double[] scores = new double[examples.size()];
        for (int fold = 0; fold < options.folds(); fold++) {
            List<Example> train = new ArrayList<>(extra);
            for (int i = 0; i < examples.size(); i++) {
                if (i % options.folds() != fold) {
                    train.add(examples.get(i));
                }
            }
            Fitted f = fit(train);
            Map<Long, Double> w = new HashMap<>();
            for (int k = 0; k < f.hashes.length; k++) {
                w.put(f.hashes[k], f.weights[k]);
            }
            for (int i = fold; i < examples.size(); i += options.folds()) {
                double sum = f.bias;
                for (Map.Entry<Long, Double> e : examples.get(i).features().entrySet()) {
                    sum += w.getOrDefault(e.getKey(), 0.0) * e.getValue();
                }
                scores[i] = HostilityModel.sigmoid(sum);
            }
        }
        return scores;
    }

    private record Fitted(long[] hashes, double[] weights, double bias) {
    }

    private Fitted fit(List<Example> examples) {
        Map<Long, Integer> counts = new HashMap<>();
        for (Example e : examples) {
            for (Long h : e.features().keySet()) {
                counts.merge(h, 1, Integer::sum);
            }
        }
        long[] vocabulary = counts.entrySet().stream()
                .filter(e -> e.getValue() >= options.minCount())
                .mapToLong(Map.Entry::getKey).sorted().toArray();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.length; i++) {
            index.put(vocabulary[i], i + 1);
        }
        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = vocabulary.length + 1;
        problem.bias = 1.0;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            List<FeatureNode> nodes = new ArrayList<>();
            for (Map.Entry<Long, Double> e : examples.get(i).features().entrySet()) {
                Integer at = index.get(e.getKey());
                if (at != null && e.getValue() != 0.0) {
                    nodes.add(new FeatureNode(at, e.getValue()));
                }
            }
            nodes.sort((a, b) -> Integer.compare(a.index, b.index));
            nodes.add(new FeatureNode(vocabulary.length + 1, 1.0)); // the bias term
            problem.x[i] = nodes.toArray(new Feature[0]);
            problem.y[i] = examples.get(i).positive() ? 1 : 0;
        }
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, options.cost(), 0.001));
        double[] raw = model.getFeatureWeights();
        // LIBLINEAR's weights favour its first label; make them favour "hostile"
        double sign = model.getLabels()[0] == 1 ? 1.0 : -1.0;
        double[] weights = new double[vocabulary.length];
        for (int i = 0; i < vocabulary.length; i++) {
            weights[i] = sign * raw[i];
        }
        return new Fitted(vocabulary, weights, sign * raw[vocabulary.length]);
    }

    private static boolean[] labels(List<Example> examples) {
        boolean[] labels = new boolean[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = examples.get(i).positive();
        }
        return labels;
    }

    /** Writes a model in {@link HostilityModel}'s file format; features with a weight under 1e-4 are left out. */
    public static void write(Trained t, List<String> provenance, OutputStream out) throws IOException {
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8)) {
            for (String line : provenance) {
                w.write("# " + line + "\n");
            }
            w.write(String.format(Locale.ROOT, "# trained on %d texts (%d positive); %d features%n", t.texts(), t.positives(), t.hashes().length));
            w.write(String.format(Locale.ROOT, "bias\t%.6f%ncut\t%.6f%n", t.model().bias(), t.model().cut()));
            Integer[] order = new Integer[t.hashes().length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(Math.abs(t.weights()[b]), Math.abs(t.weights()[a])));
            for (int i : order) {
                if (Math.abs(t.weights()[i]) >= 1e-4) {
                    w.write(String.format(Locale.ROOT, "%016x\t%.5f\t%s%n", t.hashes()[i], t.weights()[i],
                            t.names()[i].replace('\t', ' ').replace('\n', ' ')));
                }
            }
        }
    }
}
