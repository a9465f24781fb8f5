package dev.crossfire.topology;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeInput;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.avro.Watermark;
import dev.crossfire.exchange.ExchangeDesk;
import dev.crossfire.metrics.CrossfireMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 6 as a processor: the {@link ExchangeDesk} over three stores, the turns it holds (keyed so that
 * their order is event-time order), each pair's current exchange and each figure's current pile-on.
 * Exchange alerts go to the alerts sink keyed by exchange id, pile-on alerts to the pile-ons sink keyed
 * by pile-on id: two record types, each forwarded by name to the one sink whose serde writes it.
 */
final class ExchangeDeskProcessor implements Processor<String, ExchangeInput, String, SpecificRecord> {

    static final String ALERTS_SINK = "alerts-sink";
    static final String PILE_ONS_SINK = "pile-ons-sink";

    private final ExchangeDesk desk;
    private final CrossfireMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private Stores stores;
    private CrossfireMetrics.Registration exchangesGauge;

    ExchangeDeskProcessor(ExchangeDesk desk, CrossfireMetrics metrics) {
        this.desk = desk;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        KeyValueStore<String, ExchangeState> exchanges = context.getStateStore(StoreNames.EXCHANGES);
        KeyValueStore<String, Interaction> queue = context.getStateStore(StoreNames.TURN_QUEUE);
        KeyValueStore<String, PileOnState> pileOns = context.getStateStore(StoreNames.PILE_ONS);
        TreeSet<String> held = new TreeSet<>();
        try (KeyValueIterator<String, Interaction> it = queue.all()) {
            it.forEachRemaining(e -> held.add(e.key));
        }
        this.stores = new Stores(queue, exchanges, pileOns, held);
        this.exchangesGauge = metrics.storeEntries(context.taskId().toString(), exchanges);
    }

    @Override
    public void close() {
        if (exchangesGauge != null) {
            exchangesGauge.close();
        }
    }

    @Override
    public void process(Record<String, ExchangeInput> record) {
        if (record.value() == null) {
            return;
        }
        Object body = record.value().getBody();
        ExchangeDesk.Output out = new ExchangeDesk.Output() {
            @Override
            public void alert(ExchangeAlert alert, Interaction trigger) {
                context.forward(new Record<String, SpecificRecord>(alert.getExchangeId(), alert, trigger.getTurn().getCreatedAt().toEpochMilli()),
                    ALERTS_SINK);
                metrics.alertRaised(alert.getLevel(), trigger.getTurn().getCreatedAt().toEpochMilli(), trigger.getArrivedAt());
            }

            @Override
            public void pileOn(PileOnAlert alert, Interaction trigger) {
                context.forward(new Record<String, SpecificRecord>(alert.getPileOnId(), alert, trigger.getTurn().getCreatedAt().toEpochMilli()),
                    PILE_ONS_SINK);
                metrics.pileOnRaised(alert.getLevel());
            }

            @Override
            public void late(Interaction turn) {
                metrics.lateTurn();
            }
        };
        if (body instanceof Interaction turn) {
            desk.turn(turn, stores, out);
        } else if (body instanceof Watermark w) {
            desk.watermark(w.getSender(), w.getSenders(), w.getTime(), w.getIdle(), stores, out);
        }
    }

    /** Held turns are keyed by creation time (16 hex digits, so that text order is time order), post id and figures. */
    static String queueKey(Interaction turn) {
        var t = turn.getTurn();
        return String.format("%016x", t.getCreatedAt().toEpochMilli()) + '\u0000' + t.getPostId() + '\u0000' + t.getFigureId()
            + '\u0000' + t.getTargetFigureId();
    }

    /** {@code held}: the queue's keys in memory (rebuilt at start), so that a watermark that releases nothing costs no scan. */
    private record Stores(KeyValueStore<String, Interaction> queue, KeyValueStore<String, ExchangeState> exchanges,
                          KeyValueStore<String, PileOnState> pileOns, TreeSet<String> held)
        implements ExchangeDesk.State {

        @Override
        public void hold(Interaction turn) {
            String key = queueKey(turn);
            queue.put(key, turn);
            held.add(key);
        }

        @Override
        public long earliestHeld() {
            return held.isEmpty() ? Long.MAX_VALUE : Long.parseUnsignedLong(held.first().substring(0, 16), 16);
        }

        @Override
        public List<Interaction> takeUpTo(long time, int max) {
            // every key of a turn created at `time` is below the next millisecond's prefix
            String end = time == Long.MAX_VALUE ? "\uffff" : String.format("%016x", time + 1);
            List<Interaction> out = new ArrayList<>();
            var due = held.headSet(end).iterator();
            while (due.hasNext() && out.size() < max) {
                String key = due.next();
                Interaction turn = queue.delete(key);
                due.remove();
                if (turn != null) {
                    out.add(turn);
                }
            }
            return out;
        }

        @Override
        public ExchangeState exchange(String pairKey) {
            return exchanges.get(pairKey);
        }

        @Override
        public void exchange(String pairKey, ExchangeState state) {
            exchanges.put(pairKey, state);
        }

        @Override
        public void visitExchanges(BiPredicate<String, ExchangeState> visitor) {
            try (KeyValueIterator<String, ExchangeState> it = exchanges.all()) {
                while (it.hasNext()) {
                    KeyValue<String, ExchangeState> e = it.next();
                    if (!visitor.test(e.key, e.value)) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close(String pairKey) {
            exchanges.delete(pairKey);
        }

        @Override
        public PileOnState pileOn(String targetId) {
            return pileOns.get(targetId);
        }

        @Override
        public void pileOn(String targetId, PileOnState state) {
            pileOns.put(targetId, state);
        }

        @Override
        public void visitPileOns(BiPredicate<String, PileOnState> visitor) {
            try (KeyValueIterator<String, PileOnState> it = pileOns.all()) {
                while (it.hasNext()) {
                    KeyValue<String, PileOnState> e = it.next();
                    if (!visitor.test(e.key, e.value)) {
                        return;
                    }
                }
            }
        }

        @Override
        public void closePileOn(String targetId) {
            pileOns.delete(targetId);
        }
    }
}
