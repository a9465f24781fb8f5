package dev.crossfire.ingest.live;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One connection's listener: assembles messages from frames, each held only up to the dead-letter
 * bound (past it, only its length is counted), and puts them in the inbox. {@link #ended()} completes
 * with the reason when the connection closes or fails.
 */
final class StreamListener implements WebSocket.Listener {

    private final Inbox inbox;
    private final int keepBytes;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private ByteArrayOutputStream part = new ByteArrayOutputStream();
    private long partLength;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long messages;

    StreamListener(Inbox inbox, int keepBytes) {
        this.inbox = inbox;
        this.keepBytes = keepBytes;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(data));
        return frame(webSocket, bytes, last, false);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return frame(webSocket, data, last, true);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        heard();
        webSocket.request(1);
        return null; // the JDK answers with a pong itself
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        heard();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete("closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete("connection failed: " + error);
    }

    CompletableFuture<String> ended() {
        return ended;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    long messages() {
        return messages;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    private CompletionStage<?> frame(WebSocket webSocket, ByteBuffer data, boolean last, boolean binary) {
        heard();
        int n = data.remaining();
        int room = (int) Math.max(0, Math.min(n, keepBytes - partLength));
        if (room > 0) {
            byte[] chunk = new byte[room];
            data.get(chunk);
            part.write(chunk, 0, room);
        }
        partLength += n;
        if (!last) {
            webSocket.request(1);
            return null;
        }
        byte[] whole = part.toByteArray();
        RawMessage message = new RawMessage(whole, partLength, binary, CursorScan.timeUs(whole));
        part = new ByteArrayOutputStream();
        partLength = 0;
        messages++;
        inbox.put(message, webSocket);
        return null;
    }
}
