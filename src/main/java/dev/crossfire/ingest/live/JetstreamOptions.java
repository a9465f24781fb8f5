package dev.crossfire.ingest.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Jetstream's subscriber-sourced {@code options_update} message: it changes {@code wantedCollections}
 * and {@code wantedDids} on an open connection, so following new figures needs no reconnect.
 */
final class JetstreamOptions {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JetstreamOptions() {
    }

    static String update(Collection<String> dids) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("type", "options_update");
        ObjectNode payload = message.putObject("payload");
        ArrayNode collections = payload.putArray("wantedCollections");
        LiveNetwork.POST_COLLECTIONS.forEach(collections::add);
        ArrayNode wanted = payload.putArray("wantedDids");
        dids.forEach(wanted::add);
        return message.toString();
    }

    /**
     * The DIDs to send: sorted, so the same registry always gives the same list, and at most
     * Jetstream's limit (the rest are reported by the caller, not silently dropped).
     */
    static List<String> capped(Collection<String> dids) {
        return new TreeSet<>(dids).stream().limit(LiveNetwork.MAX_WANTED_DIDS).toList();
    }
}
