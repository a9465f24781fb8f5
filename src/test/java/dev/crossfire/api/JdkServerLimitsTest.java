package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.api.RawHttp.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK server's own limits as {@code run} gets them ({@link JdkServerLimits}), on an endpoint in
 * a fresh JVM: slow clients lose their connection instead of holding a thread, a declared body is
 * refused without waiting for it, and past the hard caps a connection is dropped.
 */
class JdkServerLimitsTest {

    private static Process process;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), EndpointProcess.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        port = Integer.parseInt(out.readLine().strip());
    }

    @AfterAll
    static void stop() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void stillAnswers() throws Exception {
        assertThat(RawHttp.send(port, RawHttp.get("/exchanges")).status()).isEqualTo(200);
    }

    @Test
    void clientsThatStopMidRequestLoseTheirConnectionWithinTenSeconds() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // more than there are threads: each sends the start of a request, then nothing, and holds a thread while it lasts
            long started = System.nanoTime();
            for (int i = 0; i < HttpEndpoint.THREADS + 2; i++) {
                Socket socket = RawHttp.open(port);
                socket.getOutputStream().write("GET /exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                slow.add(socket);
            }
            for (Socket socket : slow) {
                assertThat(RawHttp.read(socket)).as("a stalled client's connection is closed").isEqualTo(Answer.DROPPED);
            }
            // maxReqTime is 10 s, and the server's timer looks once a second
            Duration held = Duration.ofNanos(System.nanoTime() - started);
            assertThat(held).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(13));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        stillAnswers();
    }

    @Test
    void aDeclaredBodyIsRefusedAtOnceWithoutWaitingForIt() throws Exception {
        try (Socket socket = RawHttp.open(port)) {
            socket.setSoTimeout(3_000); // not the 10 s a drain would wait for the body
            socket.getOutputStream().write("GET /exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            Answer answer = RawHttp.read(socket);
            assertThat(answer.status()).isEqualTo(413);
        }
        stillAnswers();
    }

    @Test
    void pastTheHardCapsTheConnectionIsDropped() throws Exception {
        // 64 KiB of request line and 100 header lines here; the JDK's defaults would have let both through to a 414 and a 431
        assertThat(RawHttp.send(port, RawHttp.get("/exchanges?level=" + "x".repeat(100 * 1024)))).isEqualTo(Answer.DROPPED);
        String[] headers = new String[150];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Filler-" + i + ": " + i;
        }
        assertThat(RawHttp.send(port, RawHttp.get("/exchanges", headers))).isEqualTo(Answer.DROPPED);
        stillAnswers();
    }
}
