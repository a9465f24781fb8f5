package dev.crossfire.app;

import dev.crossfire.api.ExchangeJson;
import dev.crossfire.api.PileOnStateJson;
import dev.crossfire.pileon.PileOnScorer;
import dev.crossfire.api.HttpEndpoint;
import dev.crossfire.api.LiveEvents;
import dev.crossfire.api.LiveView;
import dev.crossfire.api.Peers;
import dev.crossfire.api.QueryApi;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.exchange.EscalationScorer;
import dev.crossfire.metrics.CrossfireMetrics;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the newsroom reads on crossfire's HTTP port, as {@code run} and {@code demo --follow} serve
 * it: the query API and the live view, both behind the same optional bearer token. The live view's
 * events are the alerts as committed to the alerts topic; the caller hands them to {@link #alert}.
 */
public final class WebFront implements AutoCloseable {

    private final LiveEvents live;

    private WebFront(LiveEvents live) {
        this.live = live;
    }

    /**
     * @param token the bearer token queries and the live view's events need; empty for none
     * @param metrics where the live view's load is counted
     */
    public static WebFront mount(HttpEndpoint http, CrossfireApp app, HostInfo self, CrossfireSettings settings, Duration peerTimeout,
                                 String token, CrossfireMetrics metrics) {
        new QueryApi(app.stores(), new Peers(app.streams(), self, peerTimeout, token),
            new ExchangeJson(new EscalationScorer(settings.escalation())),
            new PileOnStateJson(new PileOnScorer(settings.pileOns()))).mount(http, token);
        LiveEvents live = new LiveEvents();
        LiveView.mount(http, live, token);
        metrics.liveView(live, LiveEvents::clients, LiveEvents::dropped);
        return new WebFront(live);
    }

    /** Shows a committed alert on every open live view. */
    public void alert(ExchangeAlert alert) {
        live.publish("alert", AlertJson.line(alert));
    }

    /** Shows a committed pile-on alert on every open live view. */
    public void pileOn(PileOnAlert alert) {
        live.publish("pileon", PileOnJson.line(alert));
    }

    /** Ends the live view's streams (before the HTTP server stops). */
    @Override
    public void close() {
        live.close();
    }
}
