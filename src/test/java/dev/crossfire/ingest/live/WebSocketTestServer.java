package dev.crossfire.ingest.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal RFC 6455 server for tests, on 127.0.0.1 only: the opening handshake, text, binary,
 * ping/pong and close frames, unfragmented. Each connection is handed to the {@link Script}, which
 * sends what it likes and may drop the socket, stall (stop reading and answering pings) or close.
 * What clients sent and asked for is recorded for the test to check.
 */
final class WebSocketTestServer implements AutoCloseable {

    /** What the server does with one connection (numbered from 1). */
    interface Script {
        void serve(Connection connection) throws Exception;
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final List<Connection> connections = Collections.synchronizedList(new ArrayList<>());

    private WebSocketTestServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "ws-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static WebSocketTestServer start(Script script) throws IOException {
        return new WebSocketTestServer(script);
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    List<Connection> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection c : connections()) {
            c.drop();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Connection c = new Connection(socket, connections.size() + 1);
                connections.add(c);
                Thread t = new Thread(() -> c.run(script), "ws-test-connection-" + c.number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One client connection, as the script sees it. */
    static final class Connection {
        final int number;
        private final Socket socket;
        private volatile String requestTarget;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final List<String> allReceived = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stalled;
        private OutputStream out;

        Connection(Socket socket, int number) {
            this.socket = socket;
            this.number = number;
        }

        /** The query string the client asked for, decoded into its parameters (a repeated one keeps its values in order). */
        Map<String, List<String>> query() {
            Map<String, List<String>> q = new LinkedHashMap<>();
            String target = requestTarget;
            int i = target.indexOf('?');
            if (i < 0) {
                return q;
            }
            for (String pair : target.substring(i + 1).split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            return q;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The next text message from the client, or null after the timeout. */
        String nextText(long millis) throws InterruptedException {
            return received.poll(millis, TimeUnit.MILLISECONDS);
        }

        List<String> textsReceived() {
            synchronized (allReceived) {
                return List.copyOf(allReceived);
            }
        }

        synchronized void sendText(String text) throws IOException {
            frame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        synchronized void sendBinary(byte[] bytes) throws IOException {
            frame(0x2, bytes);
        }

        /**
         * Closes the TCP connection without a close frame, as a network failure does; what was sent
         * before arrives (a bare close with the client's pings unread would reset the connection, and
         * the client could lose the last frames, which would make the test's cursor a matter of luck).
         */
        void drop() {
            try {
                if (!socket.isClosed()) {
                    socket.shutdownOutput();
                    Thread.sleep(100);
                }
                socket.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // already gone
            }
        }

        synchronized void closeNormally() throws IOException {
            frame(0x8, new byte[] {0x03, (byte) 0xE8}); // 1000
        }

        /** From now on nothing is read or answered, pings included; the socket stays open. */
        void stall() {
            stalled = true;
        }

        boolean open() {
            return !socket.isClosed();
        }

        private void run(Script script) {
            try {
                handshake();
                Thread reader = new Thread(this::readFrames, "ws-test-reader-" + number);
                reader.setDaemon(true);
                reader.start();
                script.serve(this);
            } catch (SocketException e) {
                // the client went away
            } catch (Exception e) {
                e.printStackTrace();
                drop();
            }
        }

        private void handshake() throws IOException, NoSuchAlgorithmException {
            InputStream in = socket.getInputStream();
            out = socket.getOutputStream();
            String[] lines = readHead(in).split("\r\n");
            requestTarget = lines[0].split(" ")[1];
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4 && head.size() < 65_536) {
                int b = in.read();
                if (b < 0) {
                    throw new SocketException("closed during the handshake");
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private void readFrames() {
            try {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                while (true) {
                    while (stalled) {
                        Thread.sleep(50);
                    }
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    long len = b1 & 0x7F;
                    if (len == 126) {
                        len = in.readUnsignedShort();
                    } else if (len == 127) {
                        len = in.readLong();
                    }
                    byte[] mask = new byte[4];
                    if ((b1 & 0x80) != 0) {
                        in.readFully(mask);
                    }
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    int opcode = b0 & 0x0F;
                    if (stalled) {
                        continue;
                    }
                    if (opcode == 0x1) {
                        String text = new String(payload, StandardCharsets.UTF_8);
                        allReceived.add(text);
                        received.add(text);
                    } else if (opcode == 0x9) {
                        synchronized (this) {
                            frame(0xA, payload);
                        }
                    } else if (opcode == 0x8) {
                        synchronized (this) {
                            frame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                        }
                        drop();
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }

        private void frame(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x80 | opcode);
            if (payload.length < 126) {
                f.write(payload.length);
            } else if (payload.length < 65_536) {
                f.write(126);
                f.write(payload.length >>> 8);
                f.write(payload.length & 0xFF);
            } else {
                f.write(127);
                long n = payload.length;
                for (int i = 7; i >= 0; i--) {
                    f.write((int) (n >>> (8 * i)) & 0xFF);
                }
            }
            f.write(payload);
            out.write(f.toByteArray());
            out.flush();
        }
    }
}
