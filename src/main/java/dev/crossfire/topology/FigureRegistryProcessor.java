package dev.crossfire.topology;

import dev.crossfire.avro.PublicFigure;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.serde.AvroSerde;
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
        try {
            return FigureRecords.toFigure(serde.deserialize(topic, value));
        } catch (RuntimeException e) {
            LOG.error("figures registry entry {} on {} ignored: {}", key, topic, e.getMessage());
            return null;
        }
    }
}
