package dev.crossfire.ingest.live;

import dev.crossfire.topology.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers a rejected live message carries to the dead-letter topic, the same for the CLI and the
 * Connect task: the topology's reason and message headers, with the stage {@code source} and where it came from.
 */
public final class DeadLetterRecord {

    private DeadLetterRecord() {
    }

    /** As UTF-8 bytes, for a Kafka producer. */
    public static Map<String, byte[]> headers(Delivery d, LiveSettings settings) {
        Map<String, byte[]> h = new LinkedHashMap<>();
        strings(d, settings).forEach((k, v) -> h.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return h;
    }

    /** As text, for Connect: its default header converter writes a string as its UTF-8 bytes (bytes it would base64). */
    public static Map<String, String> strings(Delivery d, LiveSettings settings) {
        Map<String, String> h = new LinkedHashMap<>();
        put(h, DeadLetter.REASON, d.rejection().reason());
        put(h, DeadLetter.MESSAGE, d.rejection().message());
        put(h, DeadLetter.STAGE, DeadLetter.STAGE_SOURCE);
        put(h, DeadLetter.SOURCE_NETWORK, settings.network().cliName());
        put(h, DeadLetter.SOURCE_URL, settings.displayUrl());
        if (d.cursorUs() >= 0) {
            put(h, DeadLetter.SOURCE_CURSOR, Long.toString(d.cursorUs()));
        }
        if (d.rejection().length() > d.rejection().raw().length) {
            put(h, DeadLetter.SOURCE_LENGTH, Long.toString(d.rejection().length()));
        }
        return h;
    }

    private static void put(Map<String, String> h, String key, String value) {
        h.put(key, value);
    }
}
