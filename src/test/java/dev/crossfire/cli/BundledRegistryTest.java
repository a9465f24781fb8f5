package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.figure.NameMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledRegistryTest {

    @TempDir
    Path dir;

    @Test
    void theShippedRegistryIsWhatFiguresImportMakesFromTheDataInTheRepository() throws Exception {
        Path out = dir.resolve("registry.yaml");
        CliRun r = CliRun.of("figures", "import", "--curated", "src/main/resources/figures/curated.yaml", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out))
            .as("src/main/resources/figures/registry.yaml is stale: rerun the figures import command in the README")
            .isEqualTo(Files.readString(Path.of("src/main/resources/figures/registry.yaml")));
    }

    @Test
    void theBundledRegistryFindsFiguresByHandleAndByNameInText() throws Exception {
        List<Figure> figures = FiguresCommand.bundled();
        assertThat(figures).hasSizeGreaterThan(800);
        FigureDirectory directory = FigureDirectory.of(figures);
        assertThat(directory.byAccount("x", "realdonaldtrump", null)).map(Figure::id).contains("donald-trump");
        assertThat(directory.byAccount("x", "TTuberville", null)).map(Figure::id).contains("tommy-tuberville");
        assertThat(directory.namedIn("Senator Cruz and Jeff Sessions went at it again").stream().map(NameMatch::figureId))
            .contains("ted-cruz", "jeff-sessions");
    }
}
