package dev.crossfire.cli;

import dev.crossfire.bench.ScoreBenchmark;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.text.TextTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Texts/s through the hostility scorer against a plain lower-case and split, in one run. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Texts/s through the hostility scorer on one thread against a plain lower-case and split of the same texts, "
        + "in one run; prints the ratio. Texts: the demo's posts, or the text column of --csv.")
public final class BenchScoreCommand implements Callable<Integer> {

    @Option(names = "--texts", defaultValue = "200000", description = "Texts per round (default: ${DEFAULT-VALUE}).")
    int texts;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per side (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--csv", paramLabel = "FILE", description = "Take the texts from this CSV's text column instead.")
    Path csv;

    @Option(names = "--text-column", defaultValue = "text", description = "With --csv: the column holding the text (default: ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(names = "--rules-only", description = "Measure the rules without the model.")
    boolean rulesOnly;

    @Override
    public Integer call() throws Exception {
        if (texts < 1 || rounds < 1) {
            throw new IllegalArgumentException("--texts and --rounds must be positive");
        }
        List<String> sample = new ArrayList<>();
        String source;
        if (csv != null) {
            try (var reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                TextTable.stream(reader, textColumn, null, null, row -> sample.add(row.text()), rejected -> { });
            }
            source = sample.size() + " distinct texts of " + csv.getFileName();
        } else {
            sample.addAll(DemoSample.posts().stream().map(p -> p.getText().toString()).toList());
            source = sample.size() + " distinct texts of the demo's posts";
        }
        var figures = new ScoreBenchmark(rulesOnly ? HostilityScorer.rulesOnly() : new HostilityScorer(), sample, texts).run(rounds);
        System.out.print(ScoreBenchmark.table(figures, texts, rounds, source));
        return 0;
    }
}
