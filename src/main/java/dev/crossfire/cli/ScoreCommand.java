package dev.crossfire.cli;

import dev.crossfire.ingest.BoundedLines;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.text.Evaluation;
import dev.crossfire.text.Hostility;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.text.TextTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code score}: the hostility of texts, with the reasons, from the same scorer and threshold the
 * topology uses; {@code --eval} measures it against labelled texts.
 */
@Command(name = "score", mixinStandardHelpOptions = true, subcommands = ScoreTrainCommand.class,
    description = "Prints the hostility score in [0, 1] and its reasons for each text (one per line of FILE or standard input, "
        + "or the text column of --csv), or with --eval measures the scorer on a labelled CSV: precision, recall and F1 at "
        + "the threshold, the best F1 over thresholds, ROC AUC.")
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Texts, one per line (default: standard input).")
    Path file;

    @Option(names = "--csv", paramLabel = "FILE", description = "Score the text column of this CSV (header row; quoted fields may span lines).")
    Path csv;

    @Option(names = "--text-column", defaultValue = "text", description = "Column holding the text (default: ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(names = "--eval", paramLabel = "FILE.csv", description = "Measure against the labels of this CSV instead of printing scores.")
    Path eval;

    @Option(names = "--label-column", defaultValue = "label", description = "With --eval: the label column (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--positive", defaultValue = "1", description = "With --eval: the label value meaning hostile (default: ${DEFAULT-VALUE}).")
    String positive;

    @Option(names = "--threshold", description = "Hostile at or above this score (default: the scorer's, as in the topology).")
    Double threshold;

    @Option(names = "--json", description = "JSON Lines instead of tab-separated columns.")
    boolean json;

    @Option(names = "--rules-only", description = "Score with the rules alone, without the trained model (to see what the model adds).")
    boolean rulesOnly;

    @Option(names = "--language", paramLabel = "TAG", description = "Read every text in this language (en, es, pt, fr, de) instead of telling it from its words.")
    String language;

    @Option(names = "--model", paramLabel = "FILE", description = "Score with this model (written by `score train --out`) instead of the bundled one.")
    Path model;

    @Override
    public Integer call() throws IOException {
        if (rulesOnly && model != null) {
            throw new IllegalArgumentException("--rules-only and --model exclude each other");
        }
        HostilityScorer scorer = rulesOnly ? HostilityScorer.rulesOnly() : model != null ? HostilityScorer.withModelFile(model) : new HostilityScorer();
        double at = threshold == null ? scorer.threshold() : threshold;
        if (at < 0.0 || at > 1.0) {
            throw new IllegalArgumentException("--threshold must be in [0, 1]: " + at);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (eval != null) {
            TextTable.Contents contents = readLabelled(err, eval, textColumn, labelColumn, positive);
            List<TextTable.Row> rows = contents.rows();
            double[] scores = new double[rows.size()];
            boolean[] labels = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                scores[i] = scorer.score(rows.get(i).text(), language).score();
                labels[i] = rows.get(i).positive();
            }
            Evaluation e = Evaluation.of(scores, labels, at);
            out.printf(Locale.ROOT, "%s: %s = %s is positive%n", eval, labelColumn, positive);
            out.print(e.report());
            out.flush();
            return ExitCodes.of(contents.rejected().size());
        }
        if (csv != null) {
            List<TextTable.Rejected> rejected = new ArrayList<>();
            try (Reader reader = csvReader(csv, rejected)) {
                TextTable.stream(reader, textColumn, null, null, row -> print(out, scorer, at, row.text()), rejected::add);
            }
            out.flush();
            reportRejected(err, csv, rejected);
            return ExitCodes.of(rejected.size());
        }
        String name = file == null ? "-" : file.toString();
        long refused = 0;
        try (InputStream in = InputFile.open(name, "texts file")) {
            BoundedLines lines = new BoundedLines(in, MAX_TEXT_BYTES);
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                String problem = line.problem(MAX_TEXT_BYTES);
                if (problem != null) {
                    // one bad line is reported, never fatal: the texts after it are scored as usual
                    out.flush();
                    err.printf(Locale.ROOT, "crossfire: %s line %d not scored: %s%n", file == null ? "standard input" : file,
                        line.number(), problem);
                    err.flush();
                    refused++;
                    continue;
                }
                print(out, scorer, at, line.text());
            }
        }
        out.flush();
        return ExitCodes.of(refused);
    }

    /** Longest text line scored; a post's text is far shorter. */
    static final int MAX_TEXT_BYTES = 1024 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();

    private void print(PrintWriter out, HostilityScorer scorer, double at, String text) {
        Hostility h = scorer.score(text, language);
        if (json) {
            ObjectNode n = mapper.createObjectNode();
            n.put("score", h.score());
            n.put("hostile", h.score() >= at);
            n.set("reasons", mapper.valueToTree(h.cues()));
            n.put("text", text);
            out.println(n);
        } else {
            out.printf(Locale.ROOT, "%.3f\t%s\t%s%n", h.score(), String.join("; ", h.cues()), text.replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /** Every row of a labelled CSV; rejected rows are reported on {@code err} with their line numbers. */
    static TextTable.Contents readLabelled(PrintWriter err, Path file, String textColumn, String labelColumn, String positive)
        throws IOException {
        TextTable.Contents contents;
        List<TextTable.Rejected> notRead = new ArrayList<>();
        try (Reader reader = csvReader(file, notRead)) {
            contents = TextTable.read(reader, textColumn, labelColumn, positive);
        }
        List<TextTable.Rejected> all = new ArrayList<>(notRead);
        all.addAll(contents.rejected());
        all.sort(java.util.Comparator.comparingLong(TextTable.Rejected::line));
        reportRejected(err, file, all);
        return new TextTable.Contents(contents.rows(), all);
    }

    /** A CSV read line by line: a line that is not UTF-8 is a rejected row, reported, and the rest are read. */
    static Reader csvReader(Path file, List<TextTable.Rejected> notRead) throws IOException {
        return new CheckedLinesReader(InputFile.open(file.toString(), "CSV file"), MAX_TEXT_BYTES,
            (line, problem) -> notRead.add(new TextTable.Rejected(line, problem)));
    }

    static void reportRejected(PrintWriter err, Path file, List<TextTable.Rejected> rejected) {
        for (TextTable.Rejected r : rejected) {
            err.printf(Locale.ROOT, "crossfire: %s line %d rejected: %s%n", file, r.line(), r.reason());
        }
        err.flush();
    }
}
