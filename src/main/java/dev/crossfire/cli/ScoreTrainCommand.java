package dev.crossfire.cli;

import dev.crossfire.text.Evaluation;
import dev.crossfire.text.HostilityTrainer;
import dev.crossfire.text.TextTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code score train}: fits the hostility model to a labelled CSV and writes it, or with
 * {@code --hold-out} fits it to 70% of the rows and measures it on the other 30%.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains the hostility model (logistic regression over the rules' findings, words and letter n-grams) on a "
        + "labelled CSV and writes it to --out; --hold-out instead trains on the rows whose id is not held out (about 70%) "
        + "and prints how the model does on the held-out rows, which no choice was tuned on.")
public final class ScoreTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Labelled texts (columns id, text and the label).")
    Path csv;

    @Option(names = "--text-column", defaultValue = "text", description = "Column holding the text (default: ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(names = "--label-column", required = true, description = "The label column.")
    String labelColumn;

    @Option(names = "--positive", required = true, description = "The label value meaning hostile.")
    String positive;

    @Option(names = "--extra-csv", paramLabel = "FILE",
        description = "More labelled texts (another domain) that only ever train; the cut and all figures come from --csv.")
    Path extraCsv;

    @Option(names = "--extra-text-column", description = "The text column of --extra-csv (default: the --text-column).")
    String extraTextColumn;

    @Option(names = "--extra-label-column", defaultValue = "label", description = "The label column of --extra-csv (default: ${DEFAULT-VALUE}).")
    String extraLabelColumn;

    @Option(names = "--extra-positive", defaultValue = "1", description = "The label value of --extra-csv meaning hostile (default: ${DEFAULT-VALUE}).")
    String extraPositive;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the model goes (gzip text).")
    Path out;

    @Option(names = "--language", defaultValue = "en", description = "The language of the texts and of the model: en, es, pt, fr or de (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--hold-out", description = "Train on ~70% of the rows, report on the held-out ~30%; writes nothing.")
    boolean holdOut;

    @Option(names = "--cross-validate", description = "Report out-of-fold figures on the rows not held out (for choosing options without looking at the held-out rows); writes nothing.")
    boolean crossValidate;

    @Option(names = "--cost", description = "Regularisation: LIBLINEAR's C (default: the shipped model's).")
    Double cost;

    @Option(names = "--min-count", description = "Texts a feature must occur in (default: the shipped model's).")
    Integer minCount;

    @Override
    public Integer call() throws IOException {
        if (out == null && !holdOut && !crossValidate) {
            throw new IllegalArgumentException("say where the model goes (--out FILE), or measure it (--hold-out, --cross-validate)");
        }
        HostilityTrainer.Options defaults = HostilityTrainer.DEFAULTS;
        HostilityTrainer.Options options = new HostilityTrainer.Options(cost == null ? defaults.cost() : cost,
                minCount == null ? defaults.minCount() : minCount, defaults.folds());
        PrintWriter stdout = spec.commandLine().getOut();
        TextTable.Contents contents = ScoreCommand.readLabelled(spec.commandLine().getErr(), csv, textColumn, labelColumn, positive);
        List<TextTable.Row> extra = new ArrayList<>();
        if (extraCsv != null) {
            extra.addAll(ScoreCommand.readLabelled(spec.commandLine().getErr(), extraCsv,
                extraTextColumn == null ? textColumn : extraTextColumn, extraLabelColumn, extraPositive).rows());
        }
        List<TextTable.Row> train = new ArrayList<>();
        List<TextTable.Row> test = new ArrayList<>();
        for (TextTable.Row row : contents.rows()) {
            ((holdOut || crossValidate) && HostilityTrainer.heldOut(row.id()) ? test : train).add(row);
        }
        dev.crossfire.text.Language lang = dev.crossfire.text.Language.of(language, null);
        if (lang == dev.crossfire.text.Language.OTHER) {
            throw new IllegalArgumentException("--language must be one of en, es, pt, fr, de: " + language);
        }
        HostilityTrainer trainer = new HostilityTrainer(options, lang);
        stdout.printf(Locale.ROOT, "options: cost %.3f, min count %d, %d folds; %d training rows%s%n",
                options.cost(), options.minCount(), options.folds(), train.size(),
                extra.isEmpty() ? "" : " and " + extra.size() + " extra from " + extraCsv.getFileName());
        if (crossValidate) {
            double[] scores = trainer.crossValidate(train, extra);
            stdout.println("out-of-fold on the training rows (model probability):");
            stdout.print(Evaluation.of(scores, labels(train), 0.5).report());
        }
        if (holdOut) {
            var trained = trainer.train(train, extra);
            var scorer = dev.crossfire.text.HostilityScorer.with(trained, lang);
            double[] scores = new double[test.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = scorer.score(test.get(i).text(), lang.tag()).score();
            }
            stdout.printf(Locale.ROOT, "held out: %d rows, scored by a model trained on the other %d%n", test.size(), train.size());
            stdout.print(Evaluation.of(scores, labels(test), scorer.threshold()).report());
        } else if (out != null) {
            var trained = trainer.train(train, extra);
            try (OutputStream file = Files.newOutputStream(out)) {
                HostilityTrainer.write(trained, List.of(
                        "crossfire hostility model: logistic regression (LIBLINEAR L2R_LR) over HostilityFeatures",
                        "trained by: crossfire score train" + (lang == dev.crossfire.text.Language.EN ? "" : " --language " + lang.tag())
                                + " --csv " + csv.getFileName() + " --text-column " + textColumn
                                + " --label-column " + labelColumn + " --positive " + positive
                                + (extraCsv == null ? "" : " --extra-csv " + extraCsv.getFileName()
                                + (extraTextColumn == null ? "" : " --extra-text-column " + extraTextColumn)
                                + " --extra-label-column " + extraLabelColumn + " --extra-positive " + extraPositive)
                                + " --cost " + options.cost() + " --min-count " + options.minCount(),
                        "columns: feature hash (FNV-1a 64, hex), weight, feature name"), file);
            }
            stdout.printf(Locale.ROOT, "model: %s (cut %.3f, %d features)%n", out, trained.cut(), trained.hashes().length);
        }
        stdout.flush();
        return 0;
    }

    private static boolean[] labels(List<TextTable.Row> rows) {
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).positive();
        }
        return labels;
    }
}
