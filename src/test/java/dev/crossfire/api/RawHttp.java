package dev.crossfire.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, for the requests that java.net.http will not send (huge, malformed, unfinished). */
final class RawHttp {

    /** What came back: the status, or -1 when the server closed the connection without an answer. */
    record Answer(int status, String text) {
        static final Answer DROPPED = new Answer(-1, "");
    }

    private RawHttp() {
    }

    /** A GET with {@code Connection: close} and the given extra header lines. */
    static String get(String target, String... headers) {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    static Answer send(int port, String request) throws IOException {
        try (Socket socket = open(port)) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server stopped reading and closed: whatever it said before is still to be read
            }
            return read(socket);
        }
    }

    static Socket open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Reads until the server closes; a reset or silence counts as no answer. */
    static Answer read(Socket socket) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server neither answered nor closed within " + socket.getSoTimeout() + " ms", e);
        } catch (IOException e) {
            // connection reset: no (complete) answer
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            return Answer.DROPPED;
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }
}
