package dev.crossfire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifyPiecesTest {

    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");

    static ExchangeAlert alert(EscalationLevel level, int turns) {
        List<Turn> list = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            list.add(Turn.newBuilder().setPostId("x:" + i).setFigureId(i % 2 == 0 ? "donald-trump" : "jeff-sessions")
                .setTargetFigureId(i % 2 == 0 ? "jeff-sessions" : "donald-trump").setKind(InteractionKind.QUOTE)
                .setCreatedAt(T0.plusSeconds(60L * i)).setHostility(0.5 + i / 100.0).setText("turn " + i + " <@U123> & co")
                .setCues(new ArrayList<>(List.of("insult: liar"))).setUrl(i == turns - 1 ? "https://x.com/a/status/" + i : null).build());
        }
        return ExchangeAlert.newBuilder().setAlertId("id-1").setExchangeId("donald-trump|jeff-sessions|x").setLevel(level)
            .setPreviousLevel(null).setScore(0.61)
            .setFigures(new ArrayList<>(List.of(new FigureRef("donald-trump", "Donald J. Trump"), new FigureRef("jeff-sessions", "Jeff Sessions"))))
            .setTurns(list).setReasons(new ArrayList<>(List.of(new Reason("HOSTILITY_RISING", "hostility 0.5 earlier, 0.6 later", 0.2))))
            .setStartedAt(T0).setLastActivityAt(T0).setTriggeredBy("x:0").setTurnCount(turns).build();
    }

    @Test
    void theSlackMessageSaysLevelFiguresLatestTurnsAndReasonsInWordsAndEscapesTheText() throws Exception {
        JsonNode m = new ObjectMapper().readTree(SlackMessage.of(alert(EscalationLevel.SEVERE, 5), "https://news.example/live/"));
        assertThat(m.path("text").asText()).isEqualTo(":rotating_light: SEVERE: Donald J. Trump and Jeff Sessions (score 0.61)");
        String all = m.toString();
        assertThat(all).contains("turn 4", "turn 3", "turn 2").doesNotContain("turn 1 ", "turn 0 ");
        assertThat(all).contains("hostility rising: hostility 0.5 earlier", "<https://x.com/a/status/4|", "<https://news.example/live/|live view>")
            .doesNotContain("HOSTILITY_RISING");
        assertThat(all).as("a post cannot ping a channel or make a link").contains("&lt;@U123&gt; &amp; co").doesNotContain("<@U123>");
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        // python3: hmac.new(b's3cret', b'1700000000.{"alertId":"a"}', hashlib.sha256).hexdigest()
        assertThat(WebhookSignature.sign("s3cret".getBytes(StandardCharsets.UTF_8), 1_700_000_000L, "{\"alertId\":\"a\"}"))
            .isEqualTo("sha256=94652dad1b27ff9f64ec2370ee117740150bd7128a1ab0a7788e66aaa0b178b2");
    }

    @Test
    void backoffGrowsWithFullJitterUpToItsCapAndRetryAfterWins() {
        RetryPolicy p = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(10));
        Random r = new Random(7);
        for (int attempt = 2; attempt <= 8; attempt++) {
            long cap = Math.min(10_000, 1000L << (attempt - 2));
            for (int k = 0; k < 50; k++) {
                assertThat(p.waitBefore(attempt, null, T0, r).toMillis()).isBetween(0L, cap);
            }
        }
        assertThat(p.waitBefore(2, "5", T0, r)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(p.waitBefore(2, "3600", T0, r)).as("capped").isEqualTo(Duration.ofSeconds(10));
        assertThat(p.waitBefore(2, "Fri, 22 May 2020 23:10:44 GMT", T0, r)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(RetryPolicy.retryAfter("soon", T0)).isNull();
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("--max-tries");
    }

    @Test
    void filtersByLevelAndFigure() {
        AlertFilter escalatingAndUp = new AlertFilter(EscalationLevel.ESCALATING, Set.of());
        assertThat(escalatingAndUp.wants(dev.crossfire.app.AlertKind.EXCHANGES.notice(alert(EscalationLevel.NOTICE, 2), null))).isFalse();
        assertThat(escalatingAndUp.wants(dev.crossfire.app.AlertKind.EXCHANGES.notice(alert(EscalationLevel.SEVERE, 2), null))).isTrue();
        assertThat(new AlertFilter(EscalationLevel.NOTICE, Set.of("Jeff Sessions")).wants(dev.crossfire.app.AlertKind.EXCHANGES.notice(alert(EscalationLevel.NOTICE, 2), null))).isTrue();
        assertThat(new AlertFilter(EscalationLevel.NOTICE, Set.of("donald-trump")).wants(dev.crossfire.app.AlertKind.EXCHANGES.notice(alert(EscalationLevel.NOTICE, 2), null))).isTrue();
        assertThat(new AlertFilter(EscalationLevel.NOTICE, Set.of("mitch-mcconnell")).wants(dev.crossfire.app.AlertKind.EXCHANGES.notice(alert(EscalationLevel.NOTICE, 2), null))).isFalse();
    }

    @Test
    void aDestinationNamesItsHostNeverItsSecretPath() {
        Destination slack = new Destination(Destination.Kind.SLACK, URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET"));
        assertThat(slack.label()).isEqualTo("slack:hooks.slack.com").doesNotContain("SECRET");
        assertThatThrownBy(() -> new Destination(Destination.Kind.WEBHOOK, URI.create("ftp://x/y"))).hasMessageContaining("http(s) URL");
    }

    @Test
    void metricsCountDeliveriesRetriesAndDeadLetters() {
        NotifyMetrics m = new NotifyMetrics();
        Destination d = new Destination(Destination.Kind.WEBHOOK, URI.create("http://127.0.0.1:9/x"));
        m.delivered(d, Duration.ofMillis(120));
        m.retried(d);
        m.deadLettered(d.label());
        assertThat(m.scrape()).contains("crossfire_notify_delivered_total{destination=\"webhook:127.0.0.1:9\"} 1.0",
            "crossfire_notify_retries_total", "crossfire_notify_dead_lettered_total", "crossfire_notify_latency_seconds_count");
    }

    /** Before the first alert every destination's series exists at 0, and the JVM is watched as run's is. */
    @Test
    void metricsStartAtZeroPerDestinationWithTheJvms() {
        NotifyMetrics m = new NotifyMetrics();
        Destination d = new Destination(Destination.Kind.WEBHOOK, URI.create("http://127.0.0.1:9/x"));
        Destination s = new Destination(Destination.Kind.SLACK, URI.create("https://hooks.slack.com/services/T/B/X"));
        m.expect(List.of(d, s));
        assertThat(m.scrape()).contains("crossfire_notify_delivered_total{destination=\"webhook:127.0.0.1:9\"} 0.0",
            "crossfire_notify_delivered_total{destination=\"slack:hooks.slack.com\"} 0.0",
            "crossfire_notify_dead_lettered_total{destination=\"slack:hooks.slack.com\"} 0.0", "crossfire_notify_skipped_total 0.0",
            "jvm_memory_used_bytes", "process_cpu_usage");
    }
}
