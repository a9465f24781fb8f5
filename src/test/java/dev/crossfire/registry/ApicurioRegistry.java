package dev.crossfire.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Confluent-API schema registry for integration tests: Apicurio Registry 2.4.2 (built by
 * {@code registry-server/}, see its README) run as a child process on a free loopback port.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ApicurioRegistry registry = ApicurioRegistry.start();   // = inMemory(); or persistent()
 * ... registry.url()  // http://127.0.0.1:PORT/apis/ccompat/v7
 * }</pre>
 * or {@code @ExtendWith(ApicurioRegistry.class)} and a parameter {@code ApicurioRegistry registry}
 * (in-memory; one resolver per class, so use fields when a class needs two registries).
 *
 * <p>Registered on a static field (or with {@code @ExtendWith}) the server starts before the first
 * test of the class and is killed after the last; on an instance field, around each test. Every test
 * starts with the server running: if an earlier test left it stopped, it is started again on the
 * same port. The process is also killed when the test JVM exits, and the server shuts itself down
 * when the test JVM dies without running its shutdown hooks (it watches the parent pid).
 *
 * <p>{@link #restart()} keeps the port, so {@link #url()} stays valid. What else survives depends on
 * the storage: {@link #inMemory()} (Apicurio's default H2 in-memory database) loses every subject,
 * schema, id and compatibility setting; its ids start again at 1, so re-registering the same schemas
 * in the same order gives the same ids. {@link #persistent()} (an H2 file database in a scratch
 * directory, deleted by {@link #close()}) keeps subjects, versions, ids and configuration.
 *
 * <p>The runner jar is looked up as {@code registry-server/target/registry-server-runner.jar} in the
 * project root (the nearest directory above the working directory holding
 * {@code registry-server/pom.xml}); the system property {@value #JAR_PROPERTY} overrides it.
 * Server logs go to {@code target/apicurio-registry/<instance>/server.log} in the project root.
 */
public final class ApicurioRegistry
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver, AutoCloseable {

    /** System property: path of the runner jar, instead of the one under {@code registry-server/target}. */
    public static final String JAR_PROPERTY = "crossfire.registry.jar";
    /** System property: how long to wait for the server to answer, in seconds (default 60). */
    public static final String STARTUP_TIMEOUT_PROPERTY = "crossfire.registry.startup-timeout-seconds";
    /** The path of Apicurio's Confluent-compatible API. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final String RUNNER_JAR = "registry-server/target/registry-server-runner.jar";
    private static final String BUILD_COMMAND =
        "mvn -B -f registry-server/pom.xml -s registry-server/settings.xml package";
    private static final int OUTPUT_LINES_IN_ERRORS = 40;
    private static final int PORT_ATTEMPTS = 3;
    private static final Set<ApicurioRegistry> LIVE = ConcurrentHashMap.newKeySet();
    private static final Thread KILL_ON_EXIT = new Thread(ApicurioRegistry::killAllOnExit, "apicurio-registry-kill");
    private static boolean hookInstalled;

    private final boolean persistent;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Duration startupTimeout = Duration.ofSeconds(Long.getLong(STARTUP_TIMEOUT_PROPERTY, 60));
    private boolean classScoped;
    private Path workDir;
    private Path logFile;
    private int port = -1;
    private volatile Process process;
    private Duration lastStartupTime;

    /** An in-memory registry; this is the constructor JUnit uses for {@code @ExtendWith(ApicurioRegistry.class)}. */
    public ApicurioRegistry() {
        this(false);
    }

    private ApicurioRegistry(boolean persistent) {
        this.persistent = persistent;
    }

    /**
     * An in-memory registry (same as {@link #inMemory()}). As a JUnit extension it starts before the
     * class's tests; otherwise at the first {@link #url()} or {@link #ensureRunning()}.
     */
    public static ApicurioRegistry start() {
        return inMemory();
    }

    /** A registry on Apicurio's in-memory H2 storage: {@link #restart()} starts it empty. */
    public static ApicurioRegistry inMemory() {
        return new ApicurioRegistry(false);
    }

    /** A registry on an H2 file database: {@link #restart()} keeps subjects, versions, ids and configuration. */
    public static ApicurioRegistry persistent() {
        return new ApicurioRegistry(true);
    }

    /** How long {@link #ensureRunning()} waits for the server to answer (default 60 s, or {@value #STARTUP_TIMEOUT_PROPERTY}). */
    public ApicurioRegistry withStartupTimeout(Duration timeout) {
        this.startupTimeout = timeout;
        return this;
    }

    /**
     * Starts the server unless it is running, and waits until {@code /subjects} answers. The first
     * start picks a free loopback port; later starts reuse it.
     */
    public synchronized ApicurioRegistry ensureRunning() {
        if (isRunning()) {
            return this;
        }
        Path jar = runnerJar();
        try {
            if (workDir == null) {
                Path base = projectRoot().resolve("target/apicurio-registry");
                Files.createDirectories(base);
                workDir = Files.createTempDirectory(base, persistent ? "persistent-" : "in-memory-");
                logFile = workDir.resolve("server.log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry's work directory", e);
        }
        boolean portChosenHere = port < 0;
        for (int attempt = 1; ; attempt++) {
            if (portChosenHere) {
                port = freeLoopbackPort();
            }
            long logStart = logSize();
            try {
                launch(jar);
                return this;
            } catch (PortTakenException e) {
                if (!portChosenHere || attempt >= PORT_ATTEMPTS) {
                    throw new IllegalStateException("Apicurio Registry could not bind 127.0.0.1:" + port
                        + " (address already in use)." + lastLinesMessage(logStart), e);
                }
            }
        }
    }

    /** Stops the server (SIGTERM, then a forced kill after 15 s); {@link #url()} keeps answering the same URL, now refused. */
    public synchronized void stop() {
        Process p = process;
        process = null;
        LIVE.remove(this);
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops and starts the server on the same port (same {@link #url()}); see the class comment for what survives. */
    public synchronized ApicurioRegistry restart() {
        stop();
        return ensureRunning();
    }

    /** Stops the server and deletes the persistent storage, keeping the log. */
    @Override
    public synchronized void close() {
        stop();
        if (workDir != null) {
            deleteRecursively(workDir.resolve("h2"));
            deleteRecursively(workDir.resolve("vertx-cache"));
        }
    }

    /** The Confluent-compatible base URL, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String url() {
        return rootUrl() + CCOMPAT_PATH;
    }

    /**
     * The server's root URL, e.g. {@code http://127.0.0.1:PORT} (Apicurio's own API is under
     * {@code /apis/registry/v2}). Starts the server if it was never started; once stopped it stays
     * stopped (the URL then refuses connections).
     */
    public synchronized String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The loopback port, the same across {@link #restart()}; starts the server if it was never started. */
    public synchronized int port() {
        if (port < 0) {
            ensureRunning();
        }
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public boolean isPersistent() {
        return persistent;
    }

    /** The server's console output (all starts of this instance, appended). */
    public synchronized Path logFile() {
        return logFile;
    }

    /** How long the last start took until {@code /subjects} answered. */
    public synchronized Duration lastStartupTime() {
        return lastStartupTime;
    }

    /** The operating-system process id of the running server. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the registry is not running");
        }
        return process.pid();
    }

    // ---- JUnit ----

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        ensureRunning();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureRunning();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!classScoped) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ensureRunning();
    }

    // ---- process ----

    private void launch(Path jar) throws PortTakenException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + workDir,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-Dcrossfire.registry.parent-pid=" + ProcessHandle.current().pid()));
        if (persistent) {
            command.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + workDir.resolve("h2/registry").toAbsolutePath());
        }
        command.add("-jar");
        command.add(jar.toString());
        long logStart = logSize();
        appendToLog("---- " + Instant.now() + " starting on port " + port + ": " + String.join(" ", command));
        long t0 = System.nanoTime();
        try {
            process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + String.join(" ", command), e);
        }
        LIVE.add(this);
        installHookOnce();
        long deadline = t0 + startupTimeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                LIVE.remove(this);
                String out = tail(logStart, Integer.MAX_VALUE);
                if (out.contains("seems to be in use by another process") || out.contains("Address already in use")) {
                    throw new PortTakenException();
                }
                throw new IllegalStateException("Apicurio Registry exited with code " + code + " before answering at "
                    + url() + "." + lastLinesMessage(logStart));
            }
            try {
                HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    lastStartupTime = Duration.ofNanos(System.nanoTime() - t0);
                    System.out.printf("Apicurio Registry ready at %s in %d ms (pid %d, %s storage, log %s)%n", url(),
                        lastStartupTime.toMillis(), process.pid(), persistent ? "persistent H2" : "in-memory", logFile);
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // listening but not answering yet
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("Apicurio Registry did not answer GET " + url() + "/subjects within "
                    + startupTimeout.toSeconds() + " s (raise it with -D" + STARTUP_TIMEOUT_PROPERTY + "=SECONDS); killed it."
                    + lastLinesMessage(logStart));
            }
            sleep(100);
        }
    }

    private static Path runnerJar() {
        String override = System.getProperty(JAR_PROPERTY);
        Path jar = override != null && !override.isBlank() ? Path.of(override).toAbsolutePath() : projectRoot().resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
            throw new IllegalStateException("The Apicurio Registry runner jar " + jar + " (with lib/ beside it) is missing. "
                + "`mvn verify` builds it before the integration tests; to build it by hand, run from the project root:\n  "
                + BUILD_COMMAND + "\n(see registry-server/README.md; -D" + JAR_PROPERTY + "=PATH points to another build)");
        }
        return jar;
    }

    private static Path projectRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("registry-server/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root (a directory holding registry-server/pom.xml) at or above "
            + start + "; run the tests from the project, or set -D" + JAR_PROPERTY + "=PATH");
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static synchronized void installHookOnce() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(KILL_ON_EXIT);
            hookInstalled = true;
        }
    }

    private static void killAllOnExit() {
        for (ApicurioRegistry registry : LIVE) {
            Process p = registry.process;
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    // ---- log ----

    private long logSize() {
        try {
            return logFile != null && Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines the server wrote since byte {@code from} of the log. */
    private String tail(long from, int lines) {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int offset = (int) Math.min(from, all.length);
            String text = new String(all, offset, all.length - offset, StandardCharsets.UTF_8);
            List<String> list = text.lines().toList();
            return String.join(System.lineSeparator(), list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    private String lastLinesMessage(long from) {
        return " Last output lines (full log: " + logFile + "):" + System.lineSeparator() + tail(from, OUTPUT_LINES_IN_ERRORS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch data under target/: leaving it is harmless
        }
    }

    private static final class PortTakenException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + (port < 0 ? "not started" : "http://127.0.0.1:" + port) + (persistent ? ", persistent" : ", in-memory")
            + (isRunning() ? ", running" : ", stopped") + "]";
    }
}
