package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** What each health endpoint says in each state of the Streams client. */
class HealthTest {

    @Test
    void readyMeansProcessingServingAlsoHoldsThroughARebalanceLiveUntilItFails() throws Exception {
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0)) {
            endpoint.health(state::get);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + endpoint.port();
            record Expect(KafkaStreams.State s, int ready, int serving, int live) {
            }
            for (Expect e : new Expect[] {
                new Expect(KafkaStreams.State.RUNNING, 200, 200, 200),
                new Expect(KafkaStreams.State.REBALANCING, 503, 200, 200),
                new Expect(KafkaStreams.State.CREATED, 503, 503, 200),
                new Expect(KafkaStreams.State.ERROR, 503, 503, 503)}) {
                state.set(e.s());
                for (String[] check : new String[][] {{"/health/ready", Integer.toString(e.ready())},
                    {"/health/serving", Integer.toString(e.serving())}, {"/health/live", Integer.toString(e.live())}}) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + check[0])).build(),
                        HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(e.s() + " " + check[0]).isEqualTo(Integer.parseInt(check[1]));
                }
            }
        }
    }
}
