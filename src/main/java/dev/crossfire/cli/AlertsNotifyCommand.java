package dev.crossfire.cli;

import dev.crossfire.api.HttpEndpoint;
import dev.crossfire.app.AlertKind;
import dev.crossfire.app.AlertNotifier;
import dev.crossfire.app.Cluster;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.config.DurationText;
import dev.crossfire.notify.AlertFilter;
import dev.crossfire.notify.Courier;
import dev.crossfire.notify.Destination;
import dev.crossfire.notify.NotifyMetrics;
import dev.crossfire.notify.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alerts notify}: alerts to Slack and webhooks, at least once, in a consumer group. */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {"Delivers each alert to Slack (--slack-webhook) and to webhooks (--webhook, the alert's JSON signed with --secret), "
        + "in a consumer group: an alert's offset is committed only after the receiver answered 2xx, or after the alert went to the "
        + "dead-letter topic once the tries ran out. Runs until Ctrl-C, --max alerts, or --timeout without one.",
        "See docs/notify.md."})
final class AlertsNotifyCommand implements Callable<Integer> {

    /** Where the webhook secret is read from when --secret is not given: a flag's value shows in the process list. */
    static final String SECRET_ENV = "CROSSFIRE_WEBHOOK_SECRET";

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--topic", defaultValue = "alerts", paramLabel = "alerts|pileons",
        description = "Which alerts to deliver: the exchange alerts (default) or the pile-on alerts (several figures turning on one).")
    String topic;

    @Option(names = "--slack-webhook", paramLabel = "URL", description = "A Slack incoming webhook; repeatable.")
    List<URI> slack = new ArrayList<>();

    @Option(names = "--webhook", paramLabel = "URL", description = "A webhook that receives the alert's JSON; repeatable.")
    List<URI> webhooks = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "TEXT",
        description = "The HMAC-SHA256 key webhook calls are signed with (default: the " + SECRET_ENV + " environment variable).")
    String secret;

    @Option(names = "--live-url", paramLabel = "URL", description = "The live view's address, linked from each Slack message.")
    String liveUrl;

    @Option(names = "--min-level", defaultValue = "NOTICE", paramLabel = "LEVEL",
        description = "Deliver only alerts at this level or higher: NOTICE, ESCALATING, SEVERE (default: ${DEFAULT-VALUE}).")
    String minLevel;

    @Option(names = "--figure", paramLabel = "ID|NAME", description = "Deliver only exchanges this figure is part of; repeatable.")
    List<String> figures = new ArrayList<>();

    @Option(names = "--group", defaultValue = "crossfire-alerts-notify", paramLabel = "ID",
        description = "The consumer group; notifiers in one group share the alerts (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--from-beginning", description = "A group that has committed nothing yet starts at the oldest alert, not the next one.")
    boolean fromBeginning;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
        description = "Where alerts go that could not be delivered (default: the alerts topic's name followed by .undelivered).")
    String deadLetterTopic;

    @Option(names = "--max-tries", defaultValue = "8", paramLabel = "N", description = "Tries per alert and destination (default: ${DEFAULT-VALUE}).")
    int maxTries;

    @Option(names = "--retry-base", defaultValue = "1s", paramLabel = "DURATION", description = "First backoff (default: ${DEFAULT-VALUE}).")
    String retryBase;

    @Option(names = "--retry-max", defaultValue = "60s", paramLabel = "DURATION",
        description = "Longest wait between tries, Retry-After included (default: ${DEFAULT-VALUE}).")
    String retryMax;

    @Option(names = "--request-timeout", defaultValue = "10s", paramLabel = "DURATION",
        description = "How long one try waits for an answer (default: ${DEFAULT-VALUE}).")
    String requestTimeout;

    @Option(names = "--metrics-port", defaultValue = "-1", paramLabel = "PORT",
        description = "Serve Prometheus metrics at http://0.0.0.0:PORT/metrics (0: a free port; default: none).")
    int metricsPort;

    @Option(names = "--max", defaultValue = "0", paramLabel = "N", description = "Stop after N alerts (default: no limit).")
    long max;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop when no alert has come for this long (default: never).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        List<Destination> destinations = new ArrayList<>();
        slack.forEach(u -> destinations.add(new Destination(Destination.Kind.SLACK, u)));
        webhooks.forEach(u -> destinations.add(new Destination(Destination.Kind.WEBHOOK, u)));
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("say where alerts go: --slack-webhook URL and/or --webhook URL");
        }
        EscalationLevel level;
        try {
            level = EscalationLevel.valueOf(minLevel.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--min-level must be NOTICE, ESCALATING or SEVERE, not " + minLevel, e);
        }
        String key = secret != null ? secret : System.getenv(SECRET_ENV);
        if (!webhooks.isEmpty() && (key == null || key.isEmpty())) {
            System.err.println("warning: webhook calls go unsigned: give --secret or " + SECRET_ENV);
        }
        RetryPolicy retries = new RetryPolicy(maxTries, DurationText.parse(retryBase), DurationText.parse(retryMax));
        NotifyMetrics metrics = new NotifyMetrics();
        Courier courier = new Courier(retries, DurationText.parse(requestTimeout),
            key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8), liveUrl, Clock.systemUTC(), new Random(),
            (to, nextTry, wait, why) -> {
                metrics.retried(to);
                System.err.printf("%s: %s; try %d in %d ms%n", to.label(), why, nextTry, wait.toMillis());
            });
        metrics.expect(destinations);
        Cluster c = cluster.cluster();
        AlertKind<?> kind = AlertKind.named(topic);
        String dead = deadLetterTopic != null ? deadLetterTopic : kind.topic(c.topics()) + ".undelivered";
        AlertNotifier.Options options = new AlertNotifier.Options(group, fromBeginning, destinations,
            new AlertFilter(level, Set.copyOf(figures)), dead, max, timeout == null ? null : DurationText.parse(timeout));
        HttpEndpoint endpoint = metricsPort >= 0 ? HttpEndpoint.open("0.0.0.0", metricsPort) : null;
        if (endpoint != null) {
            endpoint.metrics(metrics::scrape);
            System.err.println("metrics at http://localhost:" + endpoint.port() + "/metrics");
        }
        try (StopSignal stop = new StopSignal("alerts-notify-stop", Duration.ofSeconds(15))) {
            long done = AlertNotifier.run(kind, c, options, courier, metrics, stop.flag(), System.err);
            System.err.printf("alerts notify: %d alert%s done%n", done, done == 1 ? "" : "s");
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
        }
        return 0;
    }
}
