package dev.crossfire.cli;

import dev.crossfire.ingest.ImportRun;
import dev.crossfire.ingest.PostImporter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import}: a platform's own JSON Lines to crossfire's posts JSON Lines (the input of detect and replay). */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Converts posts from a platform's own payloads (one JSON record per line) to crossfire's posts JSON Lines. "
        + "A line that cannot be converted is reported on stderr with its number and reason and kept in the rejected-lines "
        + "file; the rest go on. Files ending in .gz are read and written compressed.")
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "SOURCE",
        description = "x-v1 (X API v1.1 statuses), x-v2 (X API v2 responses: data with includes), bluesky (Jetstream events, "
            + "post views or repository records), mastodon (statuses, or streaming API events), congresstweets (a day file of "
            + "alexlitel/congresstweets: a JSON array of tweets).")
    String from;

    @Parameters(index = "0", paramLabel = "IN", description = "The platform's JSON Lines, or - for standard input.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the posts go, or - for standard output.")
    String out;

    @Option(names = "--rejected", paramLabel = "FILE",
        description = "Where rejected lines are kept, one JSON object each with line, reason and record (recordBase64 for a line that is not UTF-8, its bytes as they were) "
            + "(default: OUT.rejected.jsonl, or import.rejected.jsonl when OUT is -); written only if a line is rejected.")
    Path rejectedFile;

    @Override
    public Integer call() throws IOException {
        PostImporter importer;
        try {
            importer = PostImporter.forName(from);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path rejectsPath = rejectedFile != null ? rejectedFile : Path.of("-".equals(out) ? "import.rejected.jsonl" : out + ".rejected.jsonl");
        ImportRun.Summary summary;
        try (InputStream input = InputFile.open(in, "input");
             Writer writer = new BufferedWriter(new OutputStreamWriter(create(out), StandardCharsets.UTF_8), 1 << 16);
             LazyFileWriter rejects = new LazyFileWriter(rejectsPath)) {
            summary = new ImportRun(importer, System.err).run(input, writer, rejects);
        }
        System.err.printf("import --from %s: %,d %s, %,d posts written, %,d records not posts (skipped%s), %,d %s rejected%s%n",
            from, summary.lines(), summary.unit(), summary.posts(), summary.skipped(),
            summary.skipped() == 0 ? "" : ": " + summary.skippedKinds(), summary.rejected(), summary.unit(),
            summary.rejected() > 0 ? " (kept in " + rejectsPath + ")" : "");
        return ExitCodes.of(summary.rejected());
    }

    private static OutputStream create(String name) throws IOException {
        if ("-".equals(name)) {
            return new java.io.FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open
                }
            };
        }
        OutputStream out;
        try {
            out = Files.newOutputStream(Path.of(name));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot write " + name + ": its directory does not exist");
        }
        return name.endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** A file created on the first write, so a clean import leaves no empty rejected-lines file behind. */
    private static final class LazyFileWriter extends Writer {
        private final Path path;
        private Writer delegate;

        LazyFileWriter(Path path) {
            this.path = path;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            if (delegate == null) {
                delegate = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            }
            delegate.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (delegate != null) {
                delegate.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (delegate != null) {
                delegate.close();
            }
        }
    }
}
