package dev.crossfire.api;

import org.apache.kafka.streams.KafkaStreams;

/**
 * An HTTP endpoint in a JVM of its own, opened as {@code run} opens it. The JDK server reads its
 * limits once per JVM, at its first server, so they are tested where nothing opened one before.
 * Prints the port, serves until its standard input closes.
 */
public final class EndpointProcess {

    private EndpointProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0)) {
            endpoint.health(() -> KafkaStreams.State.RUNNING);
            endpoint.route("/exchanges", ex -> Http.send(ex, 200, Http.object().put("ok", true)));
            System.out.println(endpoint.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our standard input
            }
        }
    }
}
