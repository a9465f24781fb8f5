package dev.crossfire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.app.Cluster;
import dev.crossfire.app.FigureSync;
import dev.crossfire.figure.CongressRegistry;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.figure.FigureYaml;
import dev.crossfire.figure.RegistryChanges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code figures}: the public-figures registry. */
@Command(name = "figures", mixinStandardHelpOptions = true, subcommands = {FiguresCommand.Load.class, FiguresCommand.Import.class},
    description = "The public-figures registry: load a file onto the registry topic, or build one from the US Congress files.")
public final class FiguresCommand implements Runnable {

    /** The registry crossfire ships: the US Congress (built by figures import) and a curated list of other national figures. */
    public static final String BUNDLED = "/figures/registry.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (load or import)");
    }

    static List<Figure> bundled() throws IOException {
        try (InputStream in = FiguresCommand.class.getResourceAsStream(BUNDLED)) {
            return FigureFile.read(in, "bundled registry " + BUNDLED);
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Validates a registry file (YAML or JSON) and brings the registry topic to it: additions and changes are "
            + "written as entries, figures missing from the file as tombstones, unchanged ones not at all. Running instances "
            + "apply it without a restart.", "Without FILE, the bundled registry."})
    static final class Load implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Registry file (default: the bundled registry).")
        Path file;

        @Mixin
        ClusterOptions cluster = new ClusterOptions();

        @Option(names = "--dry-run", description = "Print what would change and write nothing.")
        boolean dryRun;

        @Option(names = "--timeout", defaultValue = "PT1M", paramLabel = "DURATION", description = "Bound on reading the topic (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            List<Figure> wanted;
            try {
                wanted = file == null ? bundled() : FigureFile.read(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("cannot read figures file " + file + ": no such file");
            }
            Cluster c = cluster.cluster();
            RegistryChanges changes = RegistryChanges.between(FigureSync.current(c, timeout), wanted);
            for (Figure f : changes.added()) {
                System.out.println("+ " + f.id() + "  " + f.name());
            }
            for (Figure f : changes.changed()) {
                System.out.println("~ " + f.id() + "  " + f.name());
            }
            for (String id : changes.removed()) {
                System.out.println("- " + id);
            }
            if (!dryRun && !changes.isEmpty()) {
                FigureSync.apply(c, changes);
            }
            System.err.println("figures load: " + (dryRun ? "would write " : "") + changes.describe() + " (" + c.topics().figures() + ", "
                + wanted.size() + " figures in " + (file == null ? "the bundled registry" : file) + ")");
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Builds a registry of the US Congress from the unitedstates/congress-legislators files and the "
            + "congresstweets accounts file: names and aliases (\"Senator X\", \"Rep. X\"), office, campaign and personal "
            + "handles, earlier handles. --curated adds hand-written figures (they win over an imported one with the same id).",
            "Defaults are the copies under data/figures in the repository."})
    static final class Import implements Callable<Integer> {

        @Option(names = "--legislators", defaultValue = "data/figures/legislators-current.yaml", paramLabel = "FILE",
            description = "legislators-current.yaml (default: ${DEFAULT-VALUE}).")
        Path legislators;

        @Option(names = "--social-media", defaultValue = "data/figures/legislators-social-media.yaml", paramLabel = "FILE",
            description = "legislators-social-media.yaml (default: ${DEFAULT-VALUE}).")
        Path socialMedia;

        @Option(names = "--congresstweets", defaultValue = "data/figures/congresstweets-historical-users-filtered.json", paramLabel = "FILE",
            description = "historical-users-filtered.json of congresstweets-accounts (default: ${DEFAULT-VALUE}).")
        Path congressTweets;

        @Option(names = "--curated", paramLabel = "FILE", description = "Hand-written figures to add, in the registry format.")
        Path curated;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the registry goes (YAML).")
        Path out;

        @Override
        public Integer call() throws Exception {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            List<CongressRegistry.Entry> congress = CongressRegistry.build(read(yaml, legislators), read(yaml, socialMedia),
                read(new ObjectMapper(), congressTweets));
            Map<String, Figure> figures = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            Map<String, Map<String, String>> notes = new LinkedHashMap<>();
            List<Figure> hand = curated == null ? List.of() : FigureFile.read(curated);
            Map<String, String> curatedAccounts = new LinkedHashMap<>();
            for (Figure f : hand) {
                figures.put(f.id(), f);
                sources.put(f.id(), "curated: " + curated.getFileName());
                f.accounts().forEach(a -> curatedAccounts.put(a.platform() + ":" + a.handleKey(), f.id()));
            }
            for (CongressRegistry.Entry e : congress) {
                // the curated entry is the same person under another id (a member who left for the executive branch)
                var shared = e.figure().accounts().stream().filter(a -> curatedAccounts.containsKey(a.platform() + ":" + a.handleKey())).findFirst();
                if (shared.isPresent()) {
                    System.err.printf("figures import: %s left out: account %s is the curated %s's%n", e.figure().id(), shared.get().handle(),
                        curatedAccounts.get(shared.get().platform() + ":" + shared.get().handleKey()));
                    continue;
                }
                if (!figures.containsKey(e.figure().id())) {
                    figures.put(e.figure().id(), e.figure());
                    sources.put(e.figure().id(), e.source());
                    notes.put(e.figure().id(), e.accountNotes());
                }
            }
            List<String> header = new ArrayList<>(List.of(
                "crossfire public-figures registry (format: README, \"Public figures\"). Written by `crossfire figures import`;",
                "regenerate it rather than editing it. Members of Congress from:",
                "  unitedstates/congress-legislators legislators-current.yaml and legislators-social-media.yaml (CC0-1.0);",
                "  alexlitel/congresstweets-accounts historical-users-filtered.json (MIT, Copyright (c) 2022 Alex Litel);",
                "  see data/figures/README.md for the commits and the licence texts."));
            if (curated != null) {
                header.add("Other national figures from " + curated.getFileName() + ", written by hand from public facts.");
            }
            header.add("Account \"id\" is the platform's account id where known.");
            String text = FigureYaml.write(new ArrayList<>(figures.values()), header, sources, notes);
            FigureFile.parse(text, out.toString()); // what we write must be what crossfire reads
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.err.printf("figures import: %d figures (%d members of Congress, %d curated) written to %s%n", figures.size(),
                figures.size() - hand.size(), hand.size(), out);
            return 0;
        }

        private static JsonNode read(ObjectMapper mapper, Path file) throws IOException {
            try {
                return mapper.readTree(file.toFile());
            } catch (NoSuchFileException | java.io.FileNotFoundException e) {
                throw new IllegalArgumentException("cannot read " + file + ": no such file");
            }
        }
    }
}
