package dev.crossfire.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view's server-sent events ({@code text/event-stream}): every event published goes to
 * every connected client. A stream opens with {@code hello}, after which the client reads the
 * exchanges once ({@code /exchanges}); every alert committed after that reaches it as an
 * {@code alert} event, so the two together miss nothing.
 *
 * <p>Bounded: at most {@code maxClients} streams at once (one more gets 503), each with a queue of
 * {@code queue} events; a client that falls that far behind is dropped (its stream ends, and it
 * reconnects and reads the exchanges afresh). A comment line every {@code heartbeat} keeps proxies
 * from closing a quiet stream and finds clients that went away. A stream ends after
 * {@code lifetime}, before the JDK server's own limit on an answer's time would cut it; the client
 * reconnects. Each stream is written by a thread of its own, so a slow client never holds up the
 * others or the query API's threads.
 */
public final class LiveEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    static final int MAX_CLIENTS = 32;
    static final int QUEUE = 256;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Kept under the JDK server's {@code maxRspTime}, which closes any answer that takes longer. */
    static final Duration LIFETIME = Duration.ofSeconds(90);
    /** What the client waits before it reconnects after a stream ends. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final int maxClients;
    private final int queue;
    private final Duration heartbeat;
    private final Duration lifetime;
    private final Semaphore slots;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private volatile boolean closed;

    public LiveEvents() {
        this(MAX_CLIENTS, QUEUE, HEARTBEAT, lifetime(JdkServerLimits.maxResponseTime()));
    }

    LiveEvents(int maxClients, int queue, Duration heartbeat, Duration lifetime) {
        this.maxClients = maxClients;
        this.queue = queue;
        this.heartbeat = heartbeat;
        this.lifetime = lifetime;
        this.slots = new Semaphore(maxClients);
    }

    /** {@link #LIFETIME}, or three quarters of a shorter limit on the server's answers. */
    static Duration lifetime(Duration maxResponseTime) {
        if (maxResponseTime == null || maxResponseTime.compareTo(LIFETIME.plus(LIFETIME.dividedBy(3))) > 0) {
            return LIFETIME;
        }
        Duration shorter = maxResponseTime.multipliedBy(3).dividedBy(4);
        return shorter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : shorter;
    }

    /** Sends {@code json} (one line of JSON) as an event named {@code event} to every client. */
    public void publish(String event, String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's data must be one line");
        }
        long id = events.incrementAndGet();
        String frame = "id: " + id + "\nevent: " + event + "\ndata: " + json + "\n\n";
        for (Client client : clients) {
            client.offer(frame);
        }
    }

    /** Streams currently open. */
    public int clients() {
        return clients.size();
    }

    /** Clients dropped for falling {@code queue} events behind, since the start. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Answers one request for the stream: 503 when the clients are at their bound (or closing),
     * else the stream, which a thread of its own writes until it ends.
     *
     * @return true when the exchange was taken (the stream's thread closes it)
     */
    boolean serve(HttpExchange ex) throws IOException {
        if (closed || !slots.tryAcquire()) {
            ex.getResponseHeaders().set("Retry-After", "5");
            Http.sendError(ex, 503, closed ? "shutting down" : "the live view has " + maxClients + " clients already; retry later");
            return false;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
            ex.sendResponseHeaders(200, 0);
            Client client = new Client(ex, new ArrayBlockingQueue<>(queue));
            clients.add(client);
            Thread thread = new Thread(client::run, "crossfire-live-" + streams.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
            return true;
        } catch (IOException | RuntimeException | Error e) {
            slots.release();
            throw e;
        }
    }

    /** Ends every stream; new requests get 503. */
    @Override
    public void close() {
        closed = true;
        clients.forEach(Client::end);
    }

    private final class Client {

        private static final String END = "";

        private final HttpExchange exchange;
        private final BlockingQueue<String> pending;
        private volatile boolean over;

        Client(HttpExchange exchange, BlockingQueue<String> pending) {
            this.exchange = exchange;
            this.pending = pending;
        }

        void offer(String frame) {
            if (!over && !pending.offer(frame)) {
                over = true; // too far behind: its thread ends the stream at its next frame
                dropped.incrementAndGet();
                LOG.info("live view: a client fell {} events behind and was dropped", queue);
            }
        }

        void end() {
            over = true;
            pending.offer(END);
        }

        void run() {
            try {
                OutputStream out = exchange.getResponseBody();
                write(out, "retry: " + RETRY.toMillis() + "\nevent: hello\ndata: {\"lifetimeSeconds\":" + lifetime.toSeconds() + "}\n\n");
                long endAt = System.nanoTime() + lifetime.toNanos();
                while (!over) {
                    long left = endAt - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    String frame = pending.poll(Math.min(left, heartbeat.toNanos()), TimeUnit.NANOSECONDS);
                    if (over) {
                        break;
                    }
                    write(out, frame == null ? ": keep-alive\n\n" : frame);
                }
            } catch (IOException e) {
                // the client went away, or the server is stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
                clients.remove(this);
                slots.release();
            }
        }

        private void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
