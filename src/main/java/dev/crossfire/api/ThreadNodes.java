package dev.crossfire.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.ThreadNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * One instance's part of a thread as it travels to the instance that draws the tree: each node in
 * Avro's own JSON encoding of its schema, so that nothing is lost or written out by hand on the way.
 */
final class ThreadNodes {

    private ThreadNodes() {
    }

    static JsonNode toJson(ThreadNode node) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(ThreadNode.getClassSchema(), out);
            new SpecificDatumWriter<>(ThreadNode.class).write(node, encoder);
            encoder.flush();
            return Http.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ThreadNode fromJson(JsonNode node) throws IOException {
        return new SpecificDatumReader<>(ThreadNode.class).read(null, DecoderFactory.get().jsonDecoder(ThreadNode.getClassSchema(), Http.MAPPER.writeValueAsString(node)));
    }
}
