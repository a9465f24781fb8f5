package dev.crossfire.cli;

import dev.crossfire.app.AlertJson;
import dev.crossfire.app.PileOnJson;
import dev.crossfire.app.FileRun;
import dev.crossfire.app.PostLines;
import dev.crossfire.app.RunSummary;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.serde.RegistrySettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detect --posts FILE --figures FILE --alerts OUT}: the production topology over a file. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {"Runs the production topology over a file of posts (JSON Lines; file order is arrival order), waits until "
        + "every record is processed, writes every alert to OUT as JSON Lines and prints a summary to stderr.",
        "By default on an embedded single-node Kafka broker with an in-memory schema registry."})
public final class DetectCommand implements Callable<Integer> {

    @Option(names = "--posts", required = true, paramLabel = "FILE", description = "Posts as JSON Lines.")
    Path posts;

    @Option(names = "--figures", required = true, paramLabel = "FILE", description = "Public-figures registry, YAML or JSON.")
    Path figures;

    @Option(names = "--alerts", required = true, paramLabel = "OUT", description = "Where to write the alerts, JSON Lines.")
    Path alerts;

    @Option(names = "--pileons", paramLabel = "OUT", description = "Where to write the pile-on alerts (several figures turning on one), "
        + "JSON Lines; none written without it.")
    Path pileOns;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Use this Kafka cluster instead of the embedded broker (topics get a run-specific prefix).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL[,URL...]",
        description = "Use this Confluent-API schema registry (schema.registry.url) instead of the in-memory one.")
    String schemaRegistryUrl;

    @Option(names = "--registry-property", paramLabel = "KEY=VALUE",
        description = "A registry client setting under Confluent's name, e.g. basic.auth.user.info=user:secret, "
            + "bearer.auth.credentials.source=OAUTHBEARER, auto.register.schemas=false, use.latest.version=true, "
            + "value.subject.name.strategy=RecordNameStrategy.")
    Map<String, String> registryProperties = new LinkedHashMap<>();

    @Option(names = "--partitions", defaultValue = "" + TopicLayout.DEFAULT_PARTITIONS, paramLabel = "N",
        description = "Partitions of the posts and output topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "DURATION",
        description = "Bound on each wait, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        RegistrySettings registry = null;
        if (schemaRegistryUrl != null) {
            Map<String, String> config = new LinkedHashMap<>(registryProperties);
            config.put(RegistrySettings.URL, schemaRegistryUrl);
            registry = RegistrySettings.fromConfig(config);
        } else if (!registryProperties.isEmpty()) {
            throw new IllegalArgumentException("--registry-property needs --schema-registry-url");
        }
        checkWritable(alerts, "alerts");
        if (pileOns != null) {
            checkWritable(pileOns, "pile-ons");
        }
        List<Figure> figureList = readFigures(figures);
        List<PostLines.Line> lines = readPosts(posts);
        RunSummary summary = lines.isEmpty()
            // nothing to send: no broker to start, no topology to wait for
            ? new RunSummary(0, List.of(), 0, 0, 0, List.of(), List.of(), Duration.ZERO)
            : FileRun.run(figureList, lines, CrossfireSettings.defaults(),
                new FileRun.Options(bootstrapServers, registry, partitions, timeout, false), null);
        writeLines(alerts, summary.alerts().stream().map(AlertJson::line).toList());
        if (pileOns != null) {
            writeLines(pileOns, summary.pileOns().stream().map(PileOnJson::line).toList());
        }
        for (RunSummary.RejectedLine r : summary.rejected()) {
            System.err.println("rejected line " + r.line() + ": " + r.reason() + ": " + r.message());
        }
        System.err.println("crossfire detect: " + summary.describe());
        return ExitCodes.of(summary.rejected().size());
    }

    static List<Figure> readFigures(Path file) throws IOException {
        try {
            return FigureFile.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read figures file " + file + ": no such file");
        }
    }

    static List<PostLines.Line> readPosts(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return PostLines.read(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read posts file " + file + ": no such file");
        }
    }

    /** Fails at once, naming the path, if the alerts cannot be written there: not after the whole run. */
    static void checkWritable(Path out, String what) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.isDirectory(out)) {
                throw new IllegalArgumentException("cannot write " + what + " file " + out + ": it is a directory");
            }
            try (var probe = Files.newOutputStream(out, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                probe.flush();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + what + " file " + out + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void writeLines(Path out, List<String> lines) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.newLine();
            }
        }
    }
}
