package dev.crossfire.topology;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.Interaction;
import dev.crossfire.exchange.ExchangeTracker;
import dev.crossfire.metrics.ArrivalStamp;
import dev.crossfire.metrics.CrossfireMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 6 as a processor: one exchange state per figure pair, alerts keyed by exchange id. Quiet
 * exchanges are removed by a stream-time sweep, which keeps the store as small as the set of pairs
 * active within the inactivity window.
 */
final class ExchangeProcessor implements Processor<String, Interaction, String, ExchangeAlert> {

    static final String STORE = StoreNames.EXCHANGES;
    private static final int MAX_EXPIRED_PER_SWEEP = 10_000;

    private final ExchangeTracker tracker;
    private final CrossfireMetrics metrics;
    private ProcessorContext<String, ExchangeAlert> context;
    private KeyValueStore<String, ExchangeState> exchanges;
    private CrossfireMetrics.Registration storeGauge;

    ExchangeProcessor(ExchangeTracker tracker) {
        this(tracker, CrossfireMetrics.noop());
    }

    ExchangeProcessor(ExchangeTracker tracker, CrossfireMetrics metrics) {
        this.tracker = tracker;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ExchangeAlert> context) {
        this.context = context;
        this.exchanges = context.getStateStore(STORE);
        this.storeGauge = metrics.storeEntries(context.taskId().toString(), exchanges);
        context.schedule(sweepInterval(tracker.inactivity()), PunctuationType.STREAM_TIME, this::closeQuiet);
    }

    @Override
    public void process(Record<String, Interaction> record) {
        Interaction interaction = record.value();
        if (interaction == null) {
            return;
        }
        String pair = interaction.getPairKey();
        ExchangeTracker.Outcome outcome = tracker.apply(exchanges.get(pair), interaction);
        if (outcome.ignored()) {
            return;
        }
        exchanges.put(pair, outcome.state());
        if (outcome.alert() != null) {
            ExchangeAlert alert = outcome.alert();
            context.forward(new Record<>(alert.getExchangeId(), alert, record.timestamp()));
            metrics.alertRaised(alert.getLevel(), interaction.getTurn().getCreatedAt().toEpochMilli(),
                ArrivalStamp.read(record.headers()));
        }
    }

    @Override
    public void close() {
        if (storeGauge != null) {
            storeGauge.close();
        }
    }

    /** Every 10 minutes of stream time, or every inactivity window if that is shorter: a quiet exchange goes within two windows. */
    static Duration sweepInterval(Duration inactivity) {
        Duration every = Duration.ofMinutes(10);
        return inactivity.compareTo(every) < 0 ? Duration.ofMillis(Math.max(1_000, inactivity.toMillis())) : every;
    }

    private void closeQuiet(long streamTime) {
        List<String> over = new ArrayList<>();
        try (KeyValueIterator<String, ExchangeState> all = exchanges.all()) {
            while (all.hasNext() && over.size() < MAX_EXPIRED_PER_SWEEP) {
                var entry = all.next();
                if (tracker.isOver(entry.value, streamTime)) {
                    over.add(entry.key);
                }
            }
        }
        over.forEach(exchanges::delete);
    }
}
