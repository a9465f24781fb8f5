package dev.crossfire.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.fault.FaultHandlerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real Kafka broker inside this JVM: one combined broker+controller KRaft node from Kafka's own
 * test kit ({@link KafkaClusterTestKit}), listening on the loopback address on free ports.
 *
 * <p>The node is formatted with the production metadata version and every production feature at
 * its latest production level (what {@code kafka-storage format} gives a real cluster), so
 * transactions ({@code exactly_once_v2}), consumer groups and streams groups work as on a real
 * broker. {@link #start} returns only once the broker is registered and unfenced and the group and
 * transaction coordinators have created their internal topics, so the first consumer group or
 * transactional producer does not wait for them.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of("target/kafka"))) {
 *     kafka.createTopics(TopicSpec.of("posts", 3), TopicSpec.compacted("figures", 1));
 *     String bootstrap = kafka.bootstrapServers();
 *     ...
 * }
 * }</pre>
 *
 * <p>The data lives in a fresh directory (under the given work directory, or under
 * {@code java.io.tmpdir}) that is deleted on {@link #close()}. A JVM shutdown hook closes a broker
 * that was not closed explicitly (Ctrl-C in a demo).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Node id of the single combined node (the test kit numbers combined nodes from 0). */
    static final int NODE_ID = 0;
    private static final String BROKER_LISTENER = "EXTERNAL";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final String WARM_UP_ID = "crossfire-embedded-warm-up";

    private final KafkaClusterTestKit kit;
    private final PreboundSocketFactoryManager sockets;
    private final Admin admin;
    private final Path dataDir;
    private final String host;
    private final String bootstrapServers;
    private final long startupMillis;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaClusterTestKit kit, PreboundSocketFactoryManager sockets, Admin admin,
                          Path dataDir, String host, String bootstrapServers, long startupMillis) {
        this.kit = kit;
        this.sockets = sockets;
        this.admin = admin;
        this.dataDir = dataDir;
        this.host = host;
        this.bootstrapServers = bootstrapServers;
        this.startupMillis = startupMillis;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    // ------------------------------------------------------------------ start

    /** Starts a broker with its data in a new temporary directory under {@code java.io.tmpdir}. */
    public static EmbeddedKafka start() {
        return start(null, Map.of(), DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts a broker with its data in a new directory {@code workDir/kafka-*} (workDir is created if
     * needed; only the new directory is deleted on close). {@code null} means {@code java.io.tmpdir}.
     */
    public static EmbeddedKafka start(Path workDir) {
        return start(workDir, Map.of(), DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts a broker as {@link #start(Path)} does, with broker configs that override (or add to) the
     * single-node defaults of {@link #defaultBrokerConfig()}.
     *
     * @throws EmbeddedKafkaException (one-line message, cause attached) if the broker does not start
     *                                or is not ready within {@code timeout}
     */
    public static EmbeddedKafka start(Path workDir, Map<String, String> brokerConfigOverrides, Duration timeout) {
        return start(workDir, brokerConfigOverrides, timeout, Map.of());
    }

    /**
     * Starts a broker as {@link #start(Path, Map, Duration)} does, with more client listeners beside
     * the plaintext one: name to security protocol ({@code SECURE -> SASL_SSL}, {@code MTLS -> SSL}),
     * each on a free loopback port ({@link #bootstrapServers(String)}). Their settings go in the
     * overrides under the listener's prefix ({@code listener.name.secure.sasl.enabled.mechanisms},
     * {@code listener.name.mtls.ssl.client.auth}, ...). The plaintext listener stays: this class's
     * own admin client (topics, warm-up) and the broker's inter-broker traffic use it.
     */
    public static EmbeddedKafka start(Path workDir, Map<String, String> brokerConfigOverrides, Duration timeout,
                                      Map<String, String> extraListeners) {
        Objects.requireNonNull(brokerConfigOverrides, "brokerConfigOverrides");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(extraListeners, "extraListeners");
        Map<String, String> config = new LinkedHashMap<>(defaultBrokerConfig());
        config.putAll(brokerConfigOverrides);
        Map<String, String> listeners = new LinkedHashMap<>();
        extraListeners.forEach((name, protocol) -> {
            String normalised = ListenerName.normalised(name).value();
            if (normalised.equals(BROKER_LISTENER) || normalised.equals(CONTROLLER_LISTENER)) {
                throw new IllegalArgumentException("listener name " + name + " is taken by the broker's own listeners");
            }
            listeners.put(normalised, SecurityProtocol.forName(protocol).name);
        });

        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-kafka-start");
            thread.setDaemon(true);
            return thread;
        });
        Future<EmbeddedKafka> started = starter.submit(() -> doStart(workDir, config, timeout, listeners));
        try {
            return started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            started.cancel(true); // doStart cleans up after itself when interrupted
            throw new EmbeddedKafkaException(
                    "Embedded Kafka broker did not become ready within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EmbeddedKafkaException ek) {
                throw ek;
            }
            throw new EmbeddedKafkaException("Embedded Kafka broker failed to start: " + describe(cause), cause);
        } catch (InterruptedException e) {
            started.cancel(true);
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while starting the embedded Kafka broker", e);
        } finally {
            starter.shutdown();
            awaitQuietly(starter);
        }
    }

    /**
     * The broker configs used for the single node: replication factor 1 and min ISR 1 for every
     * internal topic, no initial rebalance delay, few partitions for the internal topics, and no
     * unstable (unreleased) API or feature versions.
     */
    public static Map<String, String> defaultBrokerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("group.streams.initial.rebalance.delay.ms", "0");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        // the test kit enables these by default; a demo broker should behave like a released one
        config.put("unstable.api.versions.enable", "false");
        config.put("unstable.feature.versions.enable", "false");
        return config;
    }

    /**
     * Bootstrap metadata as {@code kafka-storage format} writes it for a real cluster: the latest
     * production metadata version and every production feature (except kraft.version, which the
     * formatter handles) at its latest production level. The test kit's default is the unreleased
     * testing metadata version, and setting only the metadata version leaves transaction.version,
     * group.version and streams.version at 0.
     */
    static BootstrapMetadata productionBootstrapMetadata() {
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            if (feature != Feature.KRAFT_VERSION) {
                features.put(feature.featureName(), feature.latestProduction());
            }
        }
        return BootstrapMetadata.fromVersions(MetadataVersion.latestProduction(), features, "crossfire-embedded");
    }

    private static EmbeddedKafka doStart(Path workDir, Map<String, String> config, Duration timeout,
                                         Map<String, String> extraListeners) throws IOException {
        long t0 = System.nanoTime();
        Path dataDir = createDataDir(workDir);
        LoopbackSocketFactoryManager loopback = new LoopbackSocketFactoryManager();
        PreboundSocketFactoryManager sockets = loopback;
        KafkaClusterTestKit kit = null;
        Admin admin = null;
        try {
            int controllerPort = loopback.getOrCreatePortForListener(NODE_ID, CONTROLLER_LISTENER);
            String host = loopback.host();
            TestKitNodes nodes = nodes(dataDir,
                    Map.of("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort));
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            if (injectSocketManager(builder, loopback)) {
                builder.setConfigProp("listeners", listeners(host, extraListeners));
            } else {
                // the kit's own manager binds the wildcard address; still works, only less private
                log.warn("Could not make the embedded Kafka broker listen on loopback only; it listens on all interfaces");
                loopback.close();
                sockets = null;
                host = "localhost";
                nodes = nodes(dataDir, Map.of());
                builder = new KafkaClusterTestKit.Builder(nodes);
                if (!extraListeners.isEmpty()) {
                    builder.setConfigProp("listeners", listeners(host, extraListeners));
                }
            }
            if (!extraListeners.isEmpty()) {
                StringBuilder protocols = new StringBuilder(BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
                extraListeners.forEach((name, protocol) -> protocols.append(',').append(name).append(':').append(protocol));
                builder.setConfigProp("listener.security.protocol.map", protocols.toString());
            }
            builder.setDeleteOnClose(false); // deleted by close(), also after a failed start
            config.forEach(builder::setConfigProp);

            kit = builder.build();
            long tBuilt = System.nanoTime();
            formatQuietly(kit);
            long tFormatted = System.nanoTime();
            kit.startup();
            kit.waitForReadyBrokers();
            rethrowFatalFault(kit);
            long tReady = System.nanoTime();

            int port = kit.brokers().get(NODE_ID).boundPort(ListenerName.normalised(BROKER_LISTENER));
            String bootstrap = host + ":" + port;
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG, "crossfire-embedded-admin"));
            warmUpCoordinators(admin, timeout);
            rethrowFatalFault(kit);
            long tDone = System.nanoTime();

            long millis = TimeUnit.NANOSECONDS.toMillis(tDone - t0);
            log.info("Embedded Kafka broker ready at {} in {} ms (build {}, format {}, start {}, coordinators {}; data in {})",
                    bootstrap, millis, ms(tBuilt - t0), ms(tFormatted - tBuilt), ms(tReady - tFormatted),
                    ms(tDone - tReady), dataDir);
            return new EmbeddedKafka(kit, sockets, admin, dataDir, host, bootstrap, millis);
        } catch (Throwable t) {
            // also reached when start() gives up and interrupts this thread: clean up uninterrupted
            boolean interrupted = Thread.interrupted();
            closeQuietly(admin);
            closeQuietly(kit);
            closeQuietly(sockets);
            deleteQuietly(dataDir);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new EmbeddedKafkaException("Embedded Kafka broker failed to start: " + describe(t), t);
        }
    }

    /**
     * {@link KafkaClusterTestKit#format()} runs Kafka's storage formatter, which prints two lines
     * (the whole bootstrap metadata, the directory) to {@code System.out}, where the program's own
     * output goes. They are sent to the DEBUG log instead. Formatting takes some 100 ms, during
     * which anything else written to {@code System.out} would land in the DEBUG log too.
     */
    private static void formatQuietly(KafkaClusterTestKit kit) throws Exception {
        synchronized (System.class) {
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                kit.format();
            } finally {
                System.setOut(original);
                captured.toString(StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank())
                        .forEach(line -> log.debug("format: {}", line));
            }
        }
    }

    /** The plaintext and controller listeners, then the extra ones, all on {@code host} and a free port. */
    private static String listeners(String host, Map<String, String> extraListeners) {
        StringBuilder listeners = new StringBuilder(String.format("%s://%s:0,%s://%s:0", BROKER_LISTENER, host, CONTROLLER_LISTENER, host));
        extraListeners.keySet().forEach(name -> listeners.append(',').append(name).append("://").append(host).append(":0"));
        return listeners.toString();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static TestKitNodes nodes(Path dataDir, Map<String, String> nodeProperties) {
        TestKitNodes.Builder builder = new TestKitNodes.Builder(productionBootstrapMetadata())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerListenerName(ListenerName.normalised(BROKER_LISTENER))
                .setControllerListenerName(ListenerName.normalised(CONTROLLER_LISTENER))
                .setBaseDirectory(dataDir);
        if (!nodeProperties.isEmpty()) {
            builder.setPerServerProperties(Map.of(NODE_ID, nodeProperties));
        }
        return builder.build();
    }

    /**
     * Replaces the kit's socket manager (wildcard address) by one that binds the loopback address.
     * The kit offers no setter for it; if its internals change, the caller falls back to the default.
     */
    private static boolean injectSocketManager(KafkaClusterTestKit.Builder builder, PreboundSocketFactoryManager manager) {
        try {
            Field field = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
            if (field.getType() != PreboundSocketFactoryManager.class) {
                return false;
            }
            field.setAccessible(true);
            Object previous = field.get(builder);
            field.set(builder, manager);
            if (previous instanceof AutoCloseable closeable) {
                closeQuietly(closeable); // holds no sockets yet
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot replace the test kit's socket factory manager", e);
            return false;
        }
    }

    /**
     * The group and transaction coordinators create {@code __consumer_offsets} and
     * {@code __transaction_state} on the first FindCoordinator request for them. Doing that here
     * makes the first consumer group and the first transactional producer fast and predictable.
     */
    private static void warmUpCoordinators(Admin admin, Duration timeout) throws Exception {
        KafkaFuture<?> groups = admin.listConsumerGroupOffsets(WARM_UP_ID).partitionsToOffsetAndMetadata();
        KafkaFuture<?> transactions = admin.describeTransactions(List.of(WARM_UP_ID)).all();
        awaitIgnoring(groups, timeout, GroupIdNotFoundException.class);
        awaitIgnoring(transactions, timeout, TransactionalIdNotFoundException.class);
    }

    private static void awaitIgnoring(KafkaFuture<?> future, Duration timeout, Class<? extends Throwable> expected)
            throws Exception {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!expected.isInstance(e.getCause())) {
                throw e;
            }
        }
    }

    private static void rethrowFatalFault(KafkaClusterTestKit kit) {
        FaultHandlerException fault = kit.fatalFaultHandler().firstException();
        if (fault != null) {
            throw fault;
        }
    }

    private static Path createDataDir(Path workDir) throws IOException {
        if (workDir == null) {
            return Files.createTempDirectory("crossfire-kafka-");
        }
        Files.createDirectories(workDir);
        return Files.createTempDirectory(workDir, "kafka-").toAbsolutePath();
    }

    // ------------------------------------------------------------------ accessors

    /** {@code host:port} of the broker listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@code host:port} of a listener given to {@link #start(Path, Map, Duration, Map)}, for the
     * {@code bootstrap.servers} of clients that speak its security protocol.
     *
     * @throws IllegalArgumentException if the broker has no such listener
     */
    public String bootstrapServers(String listener) {
        ensureOpen();
        int port;
        try {
            port = kit.brokers().get(NODE_ID).boundPort(ListenerName.normalised(listener));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the embedded broker has no listener " + listener, e);
        }
        return host + ":" + port;
    }

    /** Time from {@link #start} to ready (format, startup, registration, coordinator warm-up). */
    public long startupMillis() {
        return startupMillis;
    }

    /** The directory holding the node's metadata log and data; deleted on close. */
    public Path dataDir() {
        return dataDir;
    }

    public String clusterId() {
        return kit.nodes().clusterId();
    }

    // ------------------------------------------------------------------ topics

    /** Creates topics and waits until they are ready; see {@link #createTopics(Collection)}. */
    public void createTopics(TopicSpec... topics) {
        createTopics(List.of(topics));
    }

    /** Creates topics with the same configs (may be empty) and waits until they are ready. */
    public void createTopics(Map<String, Integer> partitionsByTopic, Map<String, String> configs) {
        List<TopicSpec> specs = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> specs.add(new TopicSpec(name, partitions, false, configs)));
        createTopics(specs);
    }

    /**
     * Creates the topics (replication factor 1) and waits until every partition has a leader in the
     * broker's metadata and a log on its disk, so producers and consumers can use them at once.
     * Topics that already exist are left as they are (and waited for, too).
     *
     * @throws EmbeddedKafkaException if a topic cannot be created or is not ready within 30 s
     */
    public void createTopics(Collection<TopicSpec> topics) {
        ensureOpen();
        if (topics.isEmpty()) {
            return;
        }
        List<NewTopic> requests = new ArrayList<>();
        for (TopicSpec topic : topics) {
            requests.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.effectiveConfigs()));
        }
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        try {
            CreateTopicsResult result = admin.createTopics(requests);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EmbeddedKafkaException(
                                "Could not create topic " + entry.getKey() + ": " + describe(e.getCause()), e.getCause());
                    }
                    log.debug("Topic {} exists already", entry.getKey());
                }
            }
            awaitTopicsReady(names, deadline);
            log.info("Created topics {}", names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while creating topics " + names, e);
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("Topics " + names + " not created within "
                    + TOPIC_READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private void awaitTopicsReady(List<String> names, long deadline) throws InterruptedException {
        String problem = "not checked";
        while (System.nanoTime() < deadline) {
            problem = topicsNotReady(names);
            if (problem == null) {
                return;
            }
            Thread.sleep(20);
        }
        throw new EmbeddedKafkaException("Topics " + names + " not ready within "
                + TOPIC_READY_TIMEOUT.toSeconds() + " s: " + problem);
    }

    /** Why the topics are not ready yet, or {@code null} if they are. */
    private String topicsNotReady(List<String> names) throws InterruptedException {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<TopicPartition> partitions = new HashSet<>();
            for (TopicDescription description : descriptions.values()) {
                for (TopicPartitionInfo info : description.partitions()) {
                    if (info.leader() == null || info.leader().isEmpty()) {
                        return "no leader for " + description.name() + "-" + info.partition();
                    }
                    partitions.add(new TopicPartition(description.name(), info.partition()));
                }
            }
            Map<String, LogDirDescription> logDirs = admin.describeLogDirs(List.of(NODE_ID)).allDescriptions()
                    .get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getOrDefault(NODE_ID, Map.of());
            for (LogDirDescription logDir : logDirs.values()) {
                partitions.removeAll(logDir.replicaInfos().keySet());
            }
            return partitions.isEmpty() ? null : "no log yet for " + partitions;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return "metadata not visible yet";
            }
            throw new EmbeddedKafkaException("Could not describe topics " + names + ": " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            return "describe timed out";
        }
    }

    // ------------------------------------------------------------------ close

    /**
     * Stops the broker (controlled shutdown, then the controller) and deletes its data directory.
     * Idempotent; never throws: problems are logged.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        // the kit's close waits on futures: do it uninterrupted, or the broker keeps running
        boolean interrupted = Thread.interrupted();
        try {
            admin.close(CLIENT_CLOSE_TIMEOUT);
            try {
                kit.close();
            } catch (Exception e) {
                log.warn("Embedded Kafka broker did not shut down cleanly: {}", describe(e));
            }
            closeQuietly(sockets);
            deleteQuietly(dataDir);
            log.info("Embedded Kafka broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The embedded Kafka broker is closed");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** One line: the innermost cause's class and message. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return text.replaceAll("\\s+", " ").trim();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Ignoring close failure", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, describe(e));
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("Embedded Kafka start thread still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + (closed.get() ? ", closed" : "") + "]";
    }
}
