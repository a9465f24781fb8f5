package dev.crossfire.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.cli.CrossfireCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README and docs/ show a command printing (the {@code # ...} lines under it) is what it
 * prints: each such example whose input files are in the repository is run, its output files
 * written to a temporary directory, and every line shown must be in what it printed (times aside).
 * The followed demo's lines are checked by {@link ReadmeTourIT}, which runs one.
 */
class DocumentedOutputsTest {

    @TempDir
    Path out;

    @Test
    void everyShownOutputOfACommandThatCanRunHereIsWhatItPrints() throws Exception {
        int run = 0;
        for (Path page : DocumentedCommands.pages()) {
            List<String> lines = Files.readAllLines(page);
            for (DocumentedCommands.Example example : DocumentedCommands.in(List.of(page), DocumentedCommands.JAR)) {
                List<String> shown = shownAfter(lines, example.line());
                List<String> args = example.args("");
                if (shown.isEmpty() || args.get(0).equals("demo")) {
                    continue;
                }
                List<String> redirected = new ArrayList<>();
                boolean runnable = true;
                for (int i = 0; i < args.size(); i++) {
                    String arg = args.get(i);
                    boolean aFile = !arg.startsWith("-") && arg.contains(".") && !arg.contains("://");
                    if (aFile && !Files.exists(Path.of(arg))) {
                        // an output, or an input that is not in the repository (an example of one's own file)
                        boolean input = i > 0 && (args.get(i - 1).equals("--posts") || args.get(i - 1).equals("--figures")
                            || (args.get(0).equals("import") && i == args.size() - 2));
                        runnable &= !input;
                        redirected.add(out.resolve(arg).toString());
                    } else {
                        redirected.add(arg);
                    }
                }
                if (!runnable) {
                    continue;
                }
                String printed = normalise(run(redirected));
                for (String line : shown) {
                    assertThat(printed).as(example + "\nprints:\n" + printed).contains(normalise(line));
                }
                run++;
            }
        }
        assertThat(run).as("the docs show the output of commands that run here").isGreaterThanOrEqualTo(2);
    }

    /** The "# ..." lines right under the command (its continuation lines skipped). */
    private static List<String> shownAfter(List<String> lines, int commandLine) {
        int i = commandLine - 1;
        while (lines.get(i).stripTrailing().endsWith("\\")) {
            i++;
        }
        List<String> shown = new ArrayList<>();
        for (i++; i < lines.size() && lines.get(i).strip().startsWith("# "); i++) {
            shown.add(lines.get(i).strip().substring(2));
        }
        return shown;
    }

    private String run(List<String> args) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        try (PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            System.setErr(both);
            CrossfireCommand.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Without the temporary directory and the run's duration. */
    private String normalise(String text) {
        return text.replace(out + "/", "").replaceAll(" in \\d+(\\.\\d+)? s", "");
    }
}
