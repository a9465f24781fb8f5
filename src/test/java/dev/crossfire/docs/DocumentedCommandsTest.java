package dev.crossfire.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.cli.CrossfireCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every crossfire command the README and docs/ show is one crossfire takes: no option it has lost, none misspelt. */
class DocumentedCommandsTest {

    @Test
    void everyDocumentedCommandLineIsAccepted() throws Exception {
        List<DocumentedCommands.Example> examples = DocumentedCommands.in(DocumentedCommands.pages(), DocumentedCommands.JAR);
        assertThat(examples).hasSizeGreaterThan(20);
        for (DocumentedCommands.Example example : examples) {
            List<String> args = example.args("--bootstrap-servers 127.0.0.1:9092 --schema-registry-url http://127.0.0.1:8081");
            try {
                new CommandLine(new CrossfireCommand()).parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(example + "\n  is refused: " + e.getMessage(), e);
            }
        }
    }
}
