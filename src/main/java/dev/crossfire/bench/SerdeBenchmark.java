package dev.crossfire.bench;

import dev.crossfire.avro.Post;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Records per second through the registry-backed serde (Confluent framing, ids from a warm cache)
 * against plain Avro binary encoding of the same records, measured in the same run, rounds
 * alternating so machine noise falls on both. Prints a table and the ratio; asserts nothing.
 */
public final class SerdeBenchmark {

    /** One measured round: serialize then deserialize every record, for each side. */
    public record Figures(double serdePerSecond, double plainPerSecond) {
        public double ratio() {
            return serdePerSecond / plainPerSecond;
        }
    }

    private final SchemaRegistryClient registry;
    private final List<Post> records;
    private volatile long sink;

    public SerdeBenchmark(SchemaRegistryClient registry, List<Post> sample, int recordCount) {
        this.registry = registry;
        this.records = new ArrayList<>(recordCount);
        for (int i = 0; i < recordCount; i++) {
            records.add(sample.get(i % sample.size()));
        }
    }

    public Figures run(int rounds) {
        AvroSerde<Post> serde = new AvroSerde<>(registry, Post.getClassSchema());
        serde.serialize("crossfire.posts", records.get(0)); // warm the id cache: the state a running app is in
        round(serde);
        plainRound();
        List<Double> serdeRates = new ArrayList<>();
        List<Double> plainRates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            serdeRates.add(round(serde));
            plainRates.add(plainRound());
        }
        return new Figures(median(serdeRates), median(plainRates));
    }

    private double round(AvroSerde<Post> serde) {
        long start = System.nanoTime();
        long bytes = 0;
        for (Post p : records) {
            byte[] b = serde.serialize("crossfire.posts", p);
            bytes += serde.deserialize("crossfire.posts", b).getText().length() + b.length;
        }
        sink += bytes;
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double plainRound() {
        SpecificDatumWriter<Post> writer = new SpecificDatumWriter<>(Post.getClassSchema());
        SpecificDatumReader<Post> reader = new SpecificDatumReader<>(Post.getClassSchema());
        long start = System.nanoTime();
        long bytes = 0;
        try {
            for (Post p : records) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                writer.write(p, encoder);
                encoder.flush();
                byte[] b = out.toByteArray();
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(b, null);
                bytes += reader.read(null, decoder).getText().length() + b.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink += bytes;
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static String table(Figures f, int records, int rounds, String registry) {
        return String.format(Locale.ROOT, """
            serde benchmark: %,d Post records per round, median of %d alternating rounds, registry %s
              side                                   records/s (serialize + deserialize)
              registry-backed serde (warm cache)     %,12.0f
              plain Avro binary                      %,12.0f
              ratio serde / plain                    %12.3f
            """, records, rounds, registry, f.serdePerSecond(), f.plainPerSecond(), f.ratio());
    }
}
