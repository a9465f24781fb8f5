package dev.crossfire.ingest.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A live stream read for as long as it is open: one connection at a time, opened again with backoff
 * and jitter when it closes, fails or stalls, resuming (Jetstream) a little before the newest event
 * received. The caller pulls {@link Delivery deliveries} with {@link #poll}, converted on its own
 * thread, and keeps the cursor of what it has written: that is where a restart resumes
 * ({@code startCursorUs}). No Kafka type here: the CLI and the Connect task both sit on it.
 *
 * <p>Following: with {@code follow}, the source streams only the DIDs given to {@link #follow}
 * (Jetstream's {@code wantedDids}, changed on the open connection with {@code options_update}); with
 * none yet it does not connect at all, since Jetstream reads an empty list as "every account".
 */
public final class LiveSource implements AutoCloseable {

    private final LiveSettings settings;
    private final boolean follow;
    private final long startCursorUs;
    private final LiveMetrics metrics;
    private final Consumer<String> notices;
    private final Inbox inbox;
    private final MessageConverter converter;
    private final Backoff backoff;
    private final HttpClient http;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object changes = new Object();
    private final Object sending = new Object();
    private final Thread supervisor;

    private volatile List<String> wanted = List.of();
    private volatile WebSocket current;
    private volatile StreamListener currentListener;
    private volatile String fatal;
    private volatile int connections;

    private LiveSource(LiveSettings settings, long startCursorUs, boolean follow, LiveMetrics metrics, Consumer<String> notices) {
        this.settings = settings;
        this.startCursorUs = startCursorUs;
        this.follow = follow;
        this.metrics = metrics;
        this.notices = notices;
        this.inbox = new Inbox(settings.queueMessages());
        this.converter = new MessageConverter(settings.network(), settings.maxMessageBytes());
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax(), RandomGenerator.getDefault());
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        metrics.queue(inbox);
        supervisor = new Thread(this::supervise, "crossfire-live-" + settings.network().cliName());
        supervisor.setDaemon(true);
    }

    /**
     * Starts reading.
     *
     * @param startCursorUs where a Jetstream stream resumes (the cursor of the last event written before a
     *                      restart), or negative for "from now"
     * @param follow        stream only the DIDs given to {@link #follow} (Jetstream only)
     * @param notices       one line per connection event ("reconnecting in 2 s: ..."), for a terminal or a log
     */
    public static LiveSource open(LiveSettings settings, long startCursorUs, boolean follow, LiveMetrics metrics, Consumer<String> notices) {
        if (follow && settings.network() != LiveNetwork.BLUESKY_JETSTREAM) {
            throw new IllegalArgumentException("following DIDs is Jetstream's; a Mastodon stream is chosen by its URL (stream=list&list=ID)");
        }
        LiveSource source = new LiveSource(settings, startCursorUs, follow, metrics, notices);
        source.supervisor.start();
        return source;
    }

    /**
     * Up to {@code max} deliveries, waiting up to {@code timeout} for the first message.
     *
     * @throws IllegalStateException when the server refused the stream for good (a 4xx answer to the handshake)
     */
    public List<Delivery> poll(int max, Duration timeout) throws InterruptedException {
        if (fatal != null) {
            throw new IllegalStateException(fatal);
        }
        List<Delivery> out = new ArrayList<>();
        for (RawMessage m : inbox.take(max, timeout)) {
            Delivery d = converter.convert(m);
            metrics.delivered(d);
            out.add(d);
        }
        return out;
    }

    /**
     * The DIDs to follow from now on, replacing the last list: sent on the open connection, or used by
     * the next one. More than Jetstream's 10,000 are cut to the first 10,000 in order, and said so.
     */
    public void follow(Collection<String> dids) {
        List<String> next = JetstreamOptions.capped(dids);
        if (dids.size() > next.size()) {
            notices.accept("following " + next.size() + " of " + dids.size() + " DIDs: Jetstream takes at most " + LiveNetwork.MAX_WANTED_DIDS);
        }
        boolean wasEmpty = wanted.isEmpty();
        wanted = next;
        WebSocket socket = current;
        if (next.isEmpty() && socket != null) {
            socket.abort(); // an empty wantedDids would be every account on the network
            StreamListener listener = currentListener;
            if (listener != null) {
                listener.ended().complete("no DIDs left to follow");
            }
        } else if (socket != null) {
            send(socket, JetstreamOptions.update(next));
            notices.accept("following " + next.size() + " DIDs (options_update on the open connection)");
        }
        if (wasEmpty) {
            synchronized (changes) {
                changes.notifyAll();
            }
        }
    }

    /** Connections opened so far (the first, and each reconnect). */
    public int connections() {
        return connections;
    }

    /** Messages read and not yet polled: never more than the queue bound. */
    public int queued() {
        return inbox.size();
    }

    public LiveSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closing.countDown();
        synchronized (changes) {
            changes.notifyAll();
        }
        WebSocket socket = current;
        if (socket != null) {
            socket.abort();
        }
        StreamListener listener = currentListener;
        if (listener != null) {
            listener.ended().complete("closed"); // an aborted socket tells its listener nothing: wake the watch now
        }
        try {
            supervisor.join(settings.connectTimeout().toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean closed() {
        return closing.getCount() == 0;
    }

    private void supervise() {
        while (!closed()) {
            if (follow && wanted.isEmpty()) {
                waitForDids();
                continue;
            }
            StreamListener listener = new StreamListener(inbox, settings.maxDeadLetterBytes());
            currentListener = listener;
            URI uri = settings.network().connectUri(settings.url(), resumeCursor(), follow);
            String why;
            try {
                WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(settings.connectTimeout());
                if (settings.accessToken() != null) {
                    builder.header("Authorization", "Bearer " + settings.accessToken());
                }
                WebSocket socket = builder.buildAsync(uri, listener).get(settings.connectTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
                connections++;
                if (connections > 1) {
                    metrics.reconnected();
                }
                current = socket;
                if (follow) {
                    send(socket, JetstreamOptions.update(wanted));
                }
                why = watch(socket, listener);
                current = null;
                socket.abort();
            } catch (ExecutionException e) {
                why = refused(e.getCause());
                if (fatal != null) {
                    notices.accept(fatal);
                    return;
                }
            } catch (TimeoutException e) {
                why = "no answer from " + settings.displayUrl() + " within " + settings.connectTimeout().toSeconds() + " s";
            } catch (InterruptedException e) {
                return;
            }
            if (listener.messages() > 0) {
                backoff.reset(); // a connection that worked: the next failure starts small again
            }
            if (closed()) {
                return;
            }
            Duration wait = backoff.next();
            notices.accept(why + "; reconnecting in " + wait.toMillis() + " ms");
            try {
                if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Watches one open connection until it ends, stalls or the source closes; returns why it ended. */
    private String watch(WebSocket socket, StreamListener listener) throws InterruptedException {
        long stallNanos = settings.stallAfter().toNanos();
        while (!closed()) {
            try {
                return listener.ended().get(settings.pingEvery().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // quiet for a while: is the server still there?
            } catch (ExecutionException e) {
                return "connection failed: " + e.getCause();
            }
            if (follow && wanted.isEmpty()) {
                return "no DIDs left to follow";
            }
            if (inbox.holding()) {
                listener.heard(); // we stopped reading, not the server
                continue;
            }
            if (System.nanoTime() - listener.lastHeardNanos() > stallNanos) {
                return "stalled: no message nor answer to a ping for " + settings.stallAfter().toSeconds() + " s";
            }
            synchronized (sending) {
                socket.sendPing(ByteBuffer.allocate(0));
            }
        }
        return "closed";
    }

    private void waitForDids() {
        synchronized (changes) {
            try {
                changes.wait(settings.pingEvery().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing.countDown();
            }
        }
    }

    /** A little before the newest event received; before the first, a little before where the last run stopped. */
    private long resumeCursor() {
        if (!settings.network().hasCursor()) {
            return -1;
        }
        long newest = Math.max(inbox.newestCursorUs(), startCursorUs);
        return newest < 0 ? -1 : Math.max(0, newest - settings.resumeOverlap().toNanos() / 1_000);
    }

    private void send(WebSocket socket, String text) {
        synchronized (sending) {
            try {
                socket.sendText(text, true).get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                socket.abort(); // the next connection sends the list with its hello
            }
        }
    }

    /** Why a connection could not be opened; a 4xx answer other than 429 will not change by retrying, and ends the source. */
    private String refused(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            String why = settings.displayUrl() + " answered the WebSocket handshake with HTTP " + status;
            if (status >= 400 && status < 500 && status != 429) {
                fatal = why + (status == 401 || status == 403 ? " (a Mastodon stream needs an access token: --access-token)" : "");
            }
            return why;
        }
        return "cannot connect to " + settings.displayUrl() + ": " + cause;
    }
}
