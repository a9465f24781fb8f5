package dev.crossfire.topology;

import dev.crossfire.avro.PublicFigure;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global figures store and this instance's {@link FigureDirectory} in step with the
 * compacted figures topic. Every instance reads the whole topic, so any instance can resolve any
 * figure; a change applies to the next post without a restart. The store holds the raw bytes, so a
 * bad registry entry is logged and skipped instead of stopping the global thread; the directory is
 * rebuilt from the store at start, which covers state restored from the topic before this runs.
 */
final class FigureRegistryProcessor implements Processor<String, byte[], Void, Void> {

    static final String STORE = "figures-registry";
    private static final Logger LOG = LoggerFactory.getLogger(FigureRegistryProcessor.class);

    private static final int ATTEMPTS = 12;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final FigureDirectory directory;
    private final AvroSerde<PublicFigure> serde;
    private final String topic;
    private KeyValueStore<String, byte[]> store;

    FigureRegistryProcessor(FigureDirectory directory, AvroSerde<PublicFigure> serde, String topic) {
        this.directory = directory;
        this.serde = serde;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
        List<Figure> figures = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                Figure figure = decode(entry.key, entry.value);
                if (figure != null) {
                    figures.add(figure);
                }
            }
        }
        directory.replaceAll(figures);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.error("figures registry record without a key on {} ignored: the key must be the figure id", topic);
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            directory.remove(record.key());
            return;
        }
        Figure figure = decode(record.key(), record.value());
        if (figure == null) {
            return;
        }
        store.put(record.key(), record.value());
        directory.put(figure);
    }

    private Figure decode(String key, byte[] value) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                return FigureRecords.toFigure(serde.deserialize(topic, value));
            } catch (RuntimeException e) {
                if (!SchemaRegistryException.isTransientIn(e)) {
                    LOG.error("figures registry entry {} on {} ignored: {}", key, topic, e.getMessage());
                    return null;
                }
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // skipping the entry would silently blind detection to a figure; the global thread cannot
                // be replaced, so it waits here for the registry (about five minutes at most), then gives up
                LOG.warn("figures registry entry {}: schema registry unavailable, attempt {} of {}, next in {} s: {}",
                    key, attempt, ATTEMPTS, wait.toSeconds(), e.getMessage());
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }
}
