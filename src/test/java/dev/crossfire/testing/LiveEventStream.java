package dev.crossfire.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** One stream of the live view's events ({@code /live/events}), read line by line on a thread of its own. */
public final class LiveEventStream implements AutoCloseable {

    private static final String END = "\u0000end";

    public final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private LiveEventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // closed
            }
            lines.add(END);
        }, "live-event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static LiveEventStream open(int port, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/events")).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return new LiveEventStream(response);
    }

    /** The lines of the next event (up to its blank line). */
    public List<String> nextEvent() throws InterruptedException {
        List<String> event = new ArrayList<>();
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("an event within 10 s (so far: %s)", event).isNotNull().isNotEqualTo(END);
            if (line.isEmpty()) {
                if (!event.isEmpty()) {
                    return event;
                }
                continue;
            }
            event.add(line);
        }
    }

    /** True when the server ended the stream within {@code timeout} (events before the end are skipped). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (END.equals(line)) {
                return true;
            }
        }
        return false;
    }

    /** The first line that {@code wanted} accepts within {@code timeout} (the lines before it are passed over). */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line != null) {
                seen.add(line);
            }
        }
        throw new AssertionError("no such line on the live view's stream within " + timeout.toSeconds() + " s; seen: " + seen);
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }
}
