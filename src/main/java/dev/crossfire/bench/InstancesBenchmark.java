package dev.crossfire.bench;

import dev.crossfire.app.IdleWatch;
import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.BundledBroker;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.topology.CrossfireSerdes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * crossfire in separate JVMs, as in production: for each instance count, that many {@code crossfire run}
 * processes (each capped at {@value #HEAP} of heap) share one consumer group on the in-process broker,
 * and one registry served over HTTP from this JVM. Each count gets its own topics and the same seeded
 * workload, written once the group is stable; the clock runs from the first post written to the group
 * caught up. Reports posts/s, each instance's peak resident memory, and whether the alerts (read
 * committed) are the same set as with one instance.
 */
public final class InstancesBenchmark {

    static final String HEAP = "512m";

    public record Options(long posts, int partitions, List<Integer> instances, long seed, double eventRate, Duration timeout) {
    }

    /** One instance count's run. */
    public record Run(int instances, long posts, long millis, List<Long> peakRssBytes, Set<String> alertIds,
            PipelineBenchmark.Accuracy accuracy) {
        public double perSecond() {
            return posts * 1000.0 / Math.max(1, millis);
        }
    }

    private final Options options;
    private final PrintStream progress;

    public InstancesBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public List<Run> run() throws Exception {
        Path work = Files.createTempDirectory("crossfire-instances");
        InMemorySchemaRegistry memory = new InMemorySchemaRegistry();
        try (EmbeddedKafka kafka = BundledBroker.start(work.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(memory);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            CrossfireSerdes serdes = new CrossfireSerdes(memory);
            List<Run> runs = new ArrayList<>();
            for (int count : options.instances()) {
                runs.add(runOnce(count, kafka, admin, registry.url(), serdes, work.resolve("run-" + count)));
            }
            return runs;
        } finally {
            PipelineBenchmark.deleteTree(work);
        }
    }

    private Run runOnce(int count, EmbeddedKafka kafka, Admin admin, String registryUrl, CrossfireSerdes serdes, Path dir)
        throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Workload load = workload();
        Topics topics = Topics.defaults().withPrefix("instances-" + count + ".");
        kafka.createTopics(TopicLayout.specs(topics, options.partitions()));
        KafkaIo.loadFigures(bootstrap, topics.figures(), load.figures(), serdes);
        String applicationId = "bench-instances-" + count;
        List<Process> processes = new ArrayList<>();
        List<Long> peakRss = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                processes.add(launch(config(dir, i, bootstrap, registryUrl, applicationId, topics), dir.resolve("instance-" + i + ".log")));
            }
            awaitMembers(admin, applicationId, count, processes, dir);
            long started = System.nanoTime();
            PipelineBenchmark.Written written = PipelineBenchmark.writeAll(bootstrap, topics.posts(), load, serdes);
            Set<String> inputs = Set.copyOf(topics.inputs());
            new IdleWatch(admin, applicationId, inputs).awaitIdle(options.timeout());
            long millis = (System.nanoTime() - started) / 1_000_000;
            progress.printf(Locale.ROOT, "%d instance%s: %,d posts in %,d ms: %,.0f posts/s%n", count, count == 1 ? "" : "s",
                written.count(), millis, written.count() * 1000.0 / millis);
            PipelineBenchmark.endOfInput(bootstrap, admin, applicationId, inputs, topics.posts(), options.timeout());
            for (Process p : processes) {
                peakRss.add(peakRss(p));
            }
            List<ExchangeAlert> alerts = new ArrayList<>();
            KafkaIo.readAll(bootstrap, topics.alerts(), options.timeout(), r -> alerts.add(serdes.alert.deserialize(r.topic(), r.value())));
            Set<String> ids = new TreeSet<>();
            alerts.forEach(a -> ids.add(a.getAlertId().toString()));
            return new Run(count, written.count(), millis, peakRss, ids, PipelineBenchmark.accuracy(load, alerts));
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private Workload workload() {
        WorkloadSpec base = WorkloadSpec.defaults(options.posts());
        return new Workload(new WorkloadSpec(options.seed(), base.figures(), base.accounts(), options.posts(),
            options.eventRate(), base.outOfOrder(), base.duplicates(), base.escalating(), base.friendly(), base.start()));
    }

    private static Path config(Path dir, int instance, String bootstrap, String registryUrl, String applicationId, Topics topics)
        throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("instance-" + instance + ".properties");
        Files.writeString(file, String.join("\n",
            "bootstrap.servers=" + bootstrap,
            "schema.registry.url=" + registryUrl,
            "application.id=" + applicationId,
            "state.dir=" + dir.resolve("state-" + instance),
            "replication.factor=1",
            "crossfire.http.port=0",
            "crossfire.topic.posts=" + topics.posts(),
            "crossfire.topic.figures=" + topics.figures(),
            "crossfire.topic.threads=" + topics.threads(),
            "crossfire.topic.alerts=" + topics.alerts(),
            "crossfire.topic.pile-ons=" + topics.pileOns(),
            "crossfire.topic.rejected=" + topics.rejected(),
            "crossfire.topic.thread-requests=" + topics.threadRequests(),
            "crossfire.topic.thread-links=" + topics.threadLinks(),
            "crossfire.topic.turns=" + topics.turns(),
            "crossfire.end-of-input.accept=true",
            ""));
        return file;
    }

    private static Process launch(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx" + HEAP, "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.crossfire.avro",
            "-cp", System.getProperty("java.class.path"), "dev.crossfire.cli.CrossfireCommand", "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until every instance has reported RUNNING and the group has {@code count} members and a stable assignment. */
    private void awaitMembers(Admin admin, String applicationId, int count, List<Process> processes, Path dir) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        for (int i = 0; i < count; i++) {
            Path log = dir.resolve("instance-" + i + ".log");
            while (!(Files.exists(log) && Files.readString(log).contains("crossfire running as"))) {
                if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("instance " + i + " did not start; its log: " + log);
                }
                Thread.sleep(250);
            }
        }
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("instance " + i + " exited; its log: " + dir.resolve("instance-" + i + ".log"));
                }
            }
            try {
                var group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
                if (group.members().size() == count && group.groupState() == org.apache.kafka.common.GroupState.STABLE) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                    throw e;
                }
                // not formed yet: the instances are still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(count + " instances did not form a stable group within " + options.timeout().toSeconds() + " s");
    }

    /** The process's peak resident memory (VmHWM), or -1 where /proc does not tell. */
    private static long peakRss(Process p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    public static String table(List<Run> runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "%-10s %12s %10s %8s %22s %12s %10s %8s%n", "instances", "posts/s", "vs 1", "alerts", "same alerts as 1", "peak RSS MB",
            "precision", "recall"));
        Run one = runs.get(0);
        for (Run r : runs) {
            long maxRss = r.peakRssBytes().stream().mapToLong(Long::longValue).max().orElse(-1);
            Set<String> missing = new TreeSet<>(one.alertIds());
            missing.removeAll(r.alertIds());
            Set<String> extra = new TreeSet<>(r.alertIds());
            extra.removeAll(one.alertIds());
            String same = missing.isEmpty() && extra.isEmpty() ? "yes" : "no (-" + missing.size() + " +" + extra.size() + ")";
            out.append(String.format(Locale.ROOT, "%-10d %,12.0f %10.2f %8d %22s %12s %10.3f %8.3f%n", r.instances(), r.perSecond(),
                r.perSecond() / one.perSecond(), r.alertIds().size(), same, maxRss < 0 ? "-" : Long.toString(maxRss >> 20),
                r.accuracy().precision(), r.accuracy().recall()));
        }
        return out.append("each instance: crossfire run in its own JVM, -Xmx").append(HEAP)
            .append("; one in-process broker and this JVM's registry shared by all\n").toString();
    }
}
