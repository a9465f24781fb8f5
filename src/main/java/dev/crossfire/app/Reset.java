package dev.crossfire.app;

import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Reprocess from the start: Kafka's own application reset tool moves the group's offsets on the
 * posts topic to the beginning and on the thread loop topic to its end (its old signals belong to
 * the old run), deletes the internal changelog and repartition topics, and then this instance's
 * local state directory goes. Every instance must be stopped first; the tool refuses otherwise.
 */
public final class Reset {

    private Reset() {
    }

    public static void run(ServiceConfig config, PrintStream out) throws IOException {
        Topics topics = config.settings().topics();
        Properties clients = new Properties();
        clients.putAll(ServiceConfig.forClient(config.passThrough(), AdminClientConfig.configNames()));
        // the tool gives its consumer the settings passed in, but its admin client only those of --command-config:
        // without the file, the admin client would reach a secured cluster without security settings and wait out its time-out
        Path commandConfig = ownerOnlyTempFile();
        PrintStream original = System.out;
        int code;
        try {
            try (Writer writer = Files.newBufferedWriter(commandConfig)) {
                clients.store(writer, "crossfire reset: client settings for the application reset tool; deleted when it ends");
            }
            String[] args = {"--bootstrap-server", config.bootstrapServers(), "--application-id", config.applicationId(),
                "--input-topics", topics.posts(), "--intermediate-topics", topics.threadSignals(), "--command-config", commandConfig.toString()};
            System.setOut(out); // the tool reports on stdout
            code = new StreamsResetter().execute(args, clients);
        } finally {
            System.setOut(original);
            Files.deleteIfExists(commandConfig);
        }
        if (code != 0) {
            throw new IllegalStateException("the reset of application " + config.applicationId() + " failed (see above); "
                + "stop every instance first");
        }
        Path local = config.stateDir().resolve(config.applicationId());
        if (Files.exists(local)) {
            try (Stream<Path> paths = Files.walk(local)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        out.println("crossfire: application " + config.applicationId() + " reset; local state " + local + " removed");
    }

    /** The settings may hold secrets: a file only this user can read. */
    private static Path ownerOnlyTempFile() throws IOException {
        try {
            return Files.createTempFile("crossfire-reset-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile("crossfire-reset-", ".properties"); // not a POSIX file system: its default permissions
        }
    }
}
