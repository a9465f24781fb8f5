package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.api.RawHttp.Answer;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds of one request and of the work in flight, on a real endpoint over real sockets. After
 * every refusal the endpoint still answers an ordinary request.
 */
class RequestLimitsTest {

    private HttpEndpoint endpoint;
    private int port;

    @BeforeEach
    void open() throws Exception {
        endpoint = HttpEndpoint.open("127.0.0.1", 0);
        endpoint.health(() -> KafkaStreams.State.RUNNING);
        endpoint.route("/exchanges", ex -> Http.send(ex, 200, Http.object().put("ok", true)));
        port = endpoint.port();
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    private Answer send(String request) throws Exception {
        return RawHttp.send(port, request);
    }

    private void stillAnswers() throws Exception {
        assertThat(send(RawHttp.get("/exchanges?level=NOTICE")).status()).isEqualTo(200);
        assertThat(send(RawHttp.get("/health/ready")).status()).isEqualTo(200);
    }

    @Test
    void aUriOverEightKibGets414() throws Exception {
        String under = "/exchanges?level=" + "x".repeat(RequestLimits.MAX_URI_CHARS - 100);
        String over = "/exchanges?level=" + "x".repeat(RequestLimits.MAX_URI_CHARS);
        assertThat(send(RawHttp.get(under)).status()).isEqualTo(200);
        Answer answer = send(RawHttp.get(over));
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.text()).contains("\"error\":\"the request URI is longer than 8192 characters\"");
        stillAnswers();
    }

    @Test
    void tooManyOrTooLongHeadersGet431() throws Exception {
        String[] many = new String[RequestLimits.MAX_HEADERS];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-Filler-" + i + ": " + i;
        }
        Answer tooMany = send(RawHttp.get("/exchanges", many));
        assertThat(tooMany.status()).isEqualTo(431);
        assertThat(tooMany.text()).contains("more than 64 request headers");

        Answer tooLong = send(RawHttp.get("/exchanges", "Cookie: " + "c".repeat(RequestLimits.MAX_HEADER_BYTES)));
        assertThat(tooLong.status()).isEqualTo(431);
        assertThat(tooLong.text()).contains("request headers longer than 16384 bytes");

        assertThat(send(RawHttp.get("/exchanges", "Cookie: " + "c".repeat(RequestLimits.MAX_HEADER_BYTES - 200))).status()).isEqualTo(200);
        stillAnswers();
    }

    @Test
    void aRequestBodyIsRefusedUnread() throws Exception {
        Answer fixed = send("GET /exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(fixed.status()).isEqualTo(413);
        assertThat(fixed.text()).contains("Connection: close", "this API takes no request body");

        Answer chunked = send("GET /exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertThat(chunked.status()).isEqualTo(413);

        Answer post = send("POST /exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.text()).contains("Allow: GET");
        stillAnswers();
    }

    @Test
    void moreThanSixteenQueryParametersGet400() throws Exception {
        StringBuilder query = new StringBuilder("/exchanges?level=NOTICE");
        for (int i = 1; i < RequestLimits.MAX_QUERY_PARAMS; i++) {
            query.append("&p").append(i).append('=').append(i);
        }
        assertThat(send(RawHttp.get(query.toString())).status()).isEqualTo(200);
        Answer answer = send(RawHttp.get(query + "&one=more"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("more than 16 query parameters");
        stillAnswers();
    }

    @Test
    void beyondTheJdkServersCapsTheConnectionIsClosedUnanswered() throws Exception {
        // 300 header lines and a 500 KiB request line are past the JDK's caps, ours and its defaults alike
        String[] headers = new String[300];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Filler-" + i + ": " + i;
        }
        assertThat(send(RawHttp.get("/exchanges", headers))).isEqualTo(Answer.DROPPED);
        assertThat(send(RawHttp.get("/exchanges?level=" + "x".repeat(500 * 1024)))).isEqualTo(Answer.DROPPED);
        stillAnswers();
    }

    @Test
    void eightRequestsAreAnsweredAtOnceThirtyTwoWaitAndTheNextIsClosed() throws Exception {
        Semaphore started = new Semaphore(0);
        CountDownLatch release = new CountDownLatch(1);
        endpoint.route("/slow", ex -> {
            started.release();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Http.send(ex, 200, Http.object().put("slow", true));
        });
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < HttpEndpoint.THREADS + HttpEndpoint.QUEUE; i++) {
                Socket socket = RawHttp.open(port);
                socket.getOutputStream().write(RawHttp.get("/slow").getBytes());
                held.add(socket);
                if (i == HttpEndpoint.THREADS - 1) {
                    assertThat(started.tryAcquire(HttpEndpoint.THREADS, 10, TimeUnit.SECONDS)).as("all threads busy").isTrue();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (endpoint.waiting() < HttpEndpoint.QUEUE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(endpoint.waiting()).isEqualTo(HttpEndpoint.QUEUE);

            assertThat(send(RawHttp.get("/exchanges"))).as("one request more than threads and queue").isEqualTo(Answer.DROPPED);

            release.countDown();
            for (Socket socket : held) {
                assertThat(RawHttp.read(socket).status()).isEqualTo(200);
            }
        } finally {
            release.countDown();
            for (Socket socket : held) {
                socket.close();
            }
        }
        stillAnswers();
    }
}
