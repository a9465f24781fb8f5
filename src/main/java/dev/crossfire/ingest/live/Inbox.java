package dev.crossfire.ingest.live;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between the socket and whoever converts its messages. It never drops: a frame is
 * only asked of the socket ({@link WebSocket#request}) while there is room, so a slow consumer makes
 * the socket stop reading and the server wait, instead of memory growing.
 */
final class Inbox {

    private final ArrayBlockingQueue<RawMessage> queue;
    /** A socket whose next frame waits for room in the queue, or null. */
    private WebSocket paused;
    /** The newest Jetstream cursor received, queued or not: a new connection resumes from it. */
    private long newestCursorUs = -1;

    Inbox(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Called by the socket's listener with a whole message; room was ensured before the frame was asked for. */
    synchronized void put(RawMessage message, WebSocket from) {
        queue.add(message);
        newestCursorUs = Math.max(newestCursorUs, message.cursorUs());
        if (queue.remainingCapacity() > 0) {
            from.request(1);
        } else {
            paused = from;
        }
    }

    /** True while the socket is held back for want of room: its silence is then ours, not a stall. */
    synchronized boolean holding() {
        return paused != null;
    }

    /** Up to {@code max} messages, waiting up to {@code timeout} for the first. */
    List<RawMessage> take(int max, Duration timeout) throws InterruptedException {
        List<RawMessage> out = new ArrayList<>();
        RawMessage first = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return out;
        }
        out.add(first);
        queue.drainTo(out, max - 1);
        resume();
        return out;
    }

    synchronized long newestCursorUs() {
        return newestCursorUs;
    }

    int size() {
        return queue.size();
    }

    private synchronized void resume() {
        if (paused != null && queue.remainingCapacity() > 0) {
            WebSocket socket = paused;
            paused = null;
            socket.request(1);
        }
    }
}
