package dev.crossfire.embedded;

import org.apache.kafka.common.test.PreboundSocketFactoryManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The test kit pre-binds one server socket per node and listener so that the controller quorum
 * can be configured with real port numbers before the servers start. Its own manager binds them
 * to the wildcard address (all interfaces); this one binds them to the loopback address only.
 *
 * <p>Same contract as {@link PreboundSocketFactoryManager}: the socket factory created by the
 * superclass asks {@link #getSocketForListenerAndMarkAsUsed} for the pre-bound socket, so
 * overriding the three public methods is enough.
 */
final class LoopbackSocketFactoryManager extends PreboundSocketFactoryManager {

    private final InetAddress address = InetAddress.getLoopbackAddress();
    private final Map<Integer, Map<String, ServerSocketChannel>> sockets = new HashMap<>();
    private final Map<Integer, Set<String>> usedSockets = new HashMap<>();
    private boolean closed;

    String host() {
        return address.getHostAddress();
    }

    @Override
    public synchronized ServerSocketChannel getSocketForListenerAndMarkAsUsed(int nodeId, String listener) {
        ServerSocketChannel socket = sockets.getOrDefault(nodeId, Map.of()).get(listener);
        if (socket != null) {
            usedSockets.computeIfAbsent(nodeId, id -> new HashSet<>()).add(listener);
        }
        return socket;
    }

    @Override
    public synchronized int getOrCreatePortForListener(int nodeId, String listener) throws IOException {
        Map<String, ServerSocketChannel> forNode = sockets.computeIfAbsent(nodeId, id -> new HashMap<>());
        ServerSocketChannel socket = forNode.get(listener);
        if (socket == null) {
            if (closed) {
                throw new IllegalStateException("Cannot open new socket: manager is closed.");
            }
            // as Kafka's own ServerSocketFactory does, but on the loopback address
            socket = ServerSocketChannel.open();
            try {
                socket.configureBlocking(false);
                socket.socket().bind(new InetSocketAddress(address, 0));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            forNode.put(listener, socket);
        }
        return ((InetSocketAddress) socket.getLocalAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // sockets handed to a SocketServer are closed by it; close only the ones never used
        for (var node : sockets.entrySet()) {
            Set<String> used = usedSockets.getOrDefault(node.getKey(), Set.of());
            for (var entry : node.getValue().entrySet()) {
                if (!used.contains(entry.getKey())) {
                    try {
                        entry.getValue().close();
                    } catch (IOException ignored) {
                        // nothing useful to do
                    }
                }
            }
        }
        try {
            super.close(); // holds nothing; closes for form's sake
        } catch (Exception ignored) {
            // cannot happen: the superclass has no sockets
        }
    }
}
