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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Reprocess from the start: Kafka's own application reset tool moves the group's offsets on the
 * posts topic to the beginning and on the internal topics to their end (their old messages belong to
 * the old run), and deletes the changelog topics; the thread-links topic, which is the links store's
 * changelog, is emptied too, or a restore would bring the old run's links back; then this instance's
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
                "--input-topics", topics.posts(), "--intermediate-topics", String.join(",", topics.internal()),
                "--command-config", commandConfig.toString()};
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
        emptyLinks(clients, config.bootstrapServers(), topics.threadLinks());
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

    /** Deletes every record of the thread-links topic: after a reset, no link is decided yet. */
    private static void emptyLinks(Properties clients, String bootstrap, String topic) throws IOException {
        Properties props = new Properties();
        props.putAll(clients);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> all.put(tp, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(all).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot empty " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while emptying " + topic, e);
        }
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
