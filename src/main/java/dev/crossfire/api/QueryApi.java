package dev.crossfire.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.topology.StoreNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The query API over the state stores. A request for one key goes to the instance that owns it; a
 * list request asks every instance and merges. {@code scope=local} asks one instance for its own
 * part only: that is how instances ask each other, so a request is forwarded at most once.
 *
 * <pre>
 * GET /exchanges?level=&amp;since=&amp;until=&amp;limit=   active exchanges, most recently active first
 * GET /exchanges/{exchangeId}                   one active exchange
 * GET /figures/{figureId}/exchanges?...         active exchanges of one figure
 * GET /threads/{rootId}?limit=                  the thread as a tree
 * GET /pileons?level=&amp;since=&amp;until=&amp;limit=     open pile-ons, most recently active first
 * GET /figures/{figureId}/pileons?...           open pile-ons on or by one figure
 * </pre>
 */
public final class QueryApi {

    public static final int DEFAULT_THREAD_POSTS = 1000;
    static final String INSTANCE_HEADER = "X-Crossfire-Instance";

    private final LocalStores local;
    private final Peers peers;
    private final ExchangeJson exchangeJson;
    private final PileOnStateJson pileOnJson;

    public QueryApi(LocalStores local, Peers peers, ExchangeJson exchangeJson, PileOnStateJson pileOnJson) {
        this.local = local;
        this.peers = peers;
        this.exchangeJson = exchangeJson;
        this.pileOnJson = pileOnJson;
    }

    public void mount(HttpEndpoint endpoint) {
        mount(endpoint, "");
    }

    /** @param token the bearer token every query must carry; empty for none */
    public void mount(HttpEndpoint endpoint, String token) {
        endpoint.route("/exchanges", BearerToken.guard(token, ex -> answer(ex, this::exchanges)));
        endpoint.route("/figures/", BearerToken.guard(token, ex -> answer(ex, this::figureExchanges)));
        endpoint.route("/threads/", BearerToken.guard(token, ex -> answer(ex, this::thread)));
        endpoint.route("/pileons", BearerToken.guard(token, ex -> answer(ex, this::pileOns)));
    }

    /** A route's outcome: an HTTP status and its JSON body. */
    record Reply(int status, JsonNode body) {
        static Reply error(int status, String message) {
            return new Reply(status, Http.object().put("error", message));
        }
    }

    private interface Route {
        Reply handle(String rawPath, Map<String, String> query, boolean localOnly) throws IOException;
    }

    private void answer(HttpExchange ex, Route route) throws IOException {
        ex.getResponseHeaders().set(INSTANCE_HEADER, peers.self().host() + ":" + peers.self().port());
        Map<String, String> query = Http.query(ex);
        boolean localOnly = "local".equals(query.remove("scope"));
        Reply reply;
        try {
            reply = route.handle(ex.getRequestURI().getRawPath(), query, localOnly);
        } catch (IllegalArgumentException e) {
            reply = Reply.error(400, e.getMessage());
        } catch (InvalidStateStoreException e) {
            ex.getResponseHeaders().set("Retry-After", "1");
            reply = Reply.error(503, "state is moving between instances (rebalance); retry: " + e.getMessage());
        } catch (IOException e) {
            // the instance that owns the key did not answer, or not in JSON
            reply = Reply.error(502, "the instance that holds this did not answer: " + e.getMessage());
        }
        Http.send(ex, reply.status(), reply.body());
    }

    private Reply exchanges(String rawPath, Map<String, String> query, boolean localOnly) throws IOException {
        String rest = rawPath.substring("/exchanges".length());
        if (rest.isEmpty() || rest.equals("/")) {
            return list(exchangeListing(), ExchangeFilter.parse(query), "/exchanges", localOnly);
        }
        if (!rest.startsWith("/") || rest.indexOf('/', 1) >= 0) {
            return Reply.error(404, "no such resource: " + rawPath);
        }
        return exchange(Http.decodeSegment(rest.substring(1)), localOnly);
    }

    private Reply figureExchanges(String rawPath, Map<String, String> query, boolean localOnly) throws IOException {
        String rest = rawPath.substring("/figures/".length());
        for (Listing listing : List.of(exchangeListing(), pileOnListing())) {
            String suffix = "/" + listing.name();
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                String rawId = rest.substring(0, rest.length() - suffix.length());
                String figureId = Http.decodeSegment(rawId);
                return list(listing, ExchangeFilter.parse(query).forFigure(figureId), "/figures/" + rawId + suffix, localOnly);
            }
        }
        return Reply.error(404, "no such resource: " + rawPath + " (try /figures/{figureId}/exchanges or /figures/{figureId}/pileons)");
    }

    private Reply pileOns(String rawPath, Map<String, String> query, boolean localOnly) throws IOException {
        String rest = rawPath.substring("/pileons".length());
        if (!rest.isEmpty() && !rest.equals("/")) {
            return Reply.error(404, "no such resource: " + rawPath + " (try /pileons)");
        }
        return list(pileOnListing(), ExchangeFilter.parse(query), "/pileons", localOnly);
    }

    /** What a list route lists: its name (the answer's array, the path's last segment), its store, and this instance's part as JSON. */
    private record Listing(String name, String idField, String store, java.util.function.Function<ExchangeFilter, List<ObjectNode>> part) {
    }

    private Listing exchangeListing() {
        return new Listing("exchanges", "exchangeId", StoreNames.EXCHANGES,
            filter -> local.exchanges(filter).stream().map(exchangeJson::toJson).toList());
    }

    private Listing pileOnListing() {
        return new Listing("pileons", "pileOnId", StoreNames.PILE_ONS,
            filter -> local.pileOns(filter).stream().map(pileOnJson::toJson).toList());
    }

    /** Asks every instance for its part, merges, keeps the newest {@code limit}. Peers that fail make the answer partial. */
    private Reply list(Listing listing, ExchangeFilter filter, String path, boolean localOnly) throws IOException {
        // an instance without a part of the store (the desk has one partition) has nothing to add; while a
        // rebalance moves the stores it says so (503) rather than answer a part
        List<ObjectNode> found = new ArrayList<>(peers.holdsPart(listing.store()) ? listing.part().apply(filter) : List.of());
        ArrayNode failed = Http.MAPPER.createArrayNode();
        int instances = 1;
        if (!localOnly) {
            for (HostInfo peer : peers.others(listing.store())) {
                instances++;
                try {
                    Peers.Answer answer = peers.get(peer, path + "?" + filter.toQuery() + "&scope=local");
                    if (answer.status() != 200) {
                        failed.add(peer.host() + ":" + peer.port() + " answered " + answer.status());
                        continue;
                    }
                    Http.MAPPER.readTree(answer.body()).path(listing.name()).forEach(e -> found.add((ObjectNode) e));
                } catch (IOException e) {
                    failed.add(peer.host() + ":" + peer.port() + " did not answer: " + e.getMessage());
                }
            }
        }
        found.sort(Comparator.comparing((ObjectNode e) -> e.path("lastActivityAt").asText()).reversed()
            .thenComparing(e -> e.path(listing.idField()).asText()));
        ObjectNode body = Http.object();
        body.put("count", Math.min(found.size(), filter.limit()));
        ArrayNode list = body.putArray(listing.name());
        found.stream().limit(filter.limit()).forEach(list::add);
        body.put("instances", instances);
        body.put("partial", !failed.isEmpty());
        body.set("failedInstances", failed);
        return new Reply(200, body);
    }

    private Reply exchange(String exchangeId, boolean localOnly) throws IOException {
        // an exchange id is "<figure a>|<figure b>|<start>": the pair is its store key
        int cut = exchangeId.lastIndexOf('|');
        if (cut <= 0 || exchangeId.indexOf('|') == cut) {
            return Reply.error(404, "not an exchange id: " + exchangeId);
        }
        String pair = exchangeId.substring(0, cut);
        Optional<Reply> forwarded = forward(StoreNames.EXCHANGES, pair, "/exchanges/" + Http.encodeSegment(exchangeId), localOnly);
        if (forwarded.isPresent()) {
            return forwarded.get();
        }
        return local.exchange(pair)
            .filter(state -> state.getExchangeId().equals(exchangeId))
            .map(state -> new Reply(200, exchangeJson.toJson(state)))
            .orElseGet(() -> Reply.error(404, "no active exchange " + exchangeId + " (unknown, or over: quiet past the inactivity window)"));
    }

    /**
     * A thread's posts are spread over the partitions their ids hash to, so every instance is asked
     * for its part (as for a list) and the parts are drawn as one tree. An instance asked with
     * {@code scope=local} answers its own nodes only.
     */
    private Reply thread(String rawPath, Map<String, String> query, boolean localOnly) throws IOException {
        String rawRoot = rawPath.substring("/threads/".length());
        if (rawRoot.isEmpty()) {
            return Reply.error(404, "no such resource: " + rawPath + " (try /threads/{rootId})");
        }
        String rootId = Http.decodeSegment(rawRoot);
        int limit = threadLimit(query);
        List<ThreadNode> nodes = new ArrayList<>(peers.holdsPart(StoreNames.LINKS) ? local.thread(rootId, limit) : List.of());
        if (localOnly) {
            ObjectNode body = Http.object();
            ArrayNode list = body.putArray("nodes");
            for (ThreadNode node : nodes) {
                list.add(ThreadNodes.toJson(node));
            }
            return new Reply(200, body);
        }
        for (HostInfo peer : peers.others(StoreNames.LINKS)) {
            Peers.Answer answer = peers.get(peer, "/threads/" + rawRoot + "?limit=" + limit + "&scope=local");
            if (answer.status() != 200) {
                throw new IOException(peer.host() + ":" + peer.port() + " answered " + answer.status() + " for its part of the thread");
            }
            for (JsonNode node : Http.MAPPER.readTree(answer.body()).path("nodes")) {
                nodes.add(ThreadNodes.fromJson(node));
            }
        }
        if (nodes.isEmpty()) {
            return Reply.error(404, "no thread " + rootId + " (unknown, not a root, or older than the link retention)");
        }
        return new Reply(200, ThreadTree.toJson(rootId, nodes, limit));
    }

    /** Empty when this instance owns the key (or was asked for its own part); else the owner's answer. */
    private Optional<Reply> forward(String store, String key, String pathAndQuery, boolean localOnly) throws IOException {
        if (localOnly) {
            return Optional.empty();
        }
        Optional<HostInfo> owner = peers.ownerOf(store, key);
        if (owner.isEmpty()) {
            throw new InvalidStateStoreException("no instance owns " + key + " in " + store + " yet");
        }
        if (owner.get().equals(peers.self())) {
            return Optional.empty();
        }
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        Peers.Answer answer = peers.get(owner.get(), pathAndQuery + separator + "scope=local");
        return Optional.of(new Reply(answer.status(), Http.MAPPER.readTree(answer.body())));
    }

    private static int threadLimit(Map<String, String> query) {
        String text = query.get("limit");
        if (text == null) {
            return DEFAULT_THREAD_POSTS;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= LocalStores.MAX_THREAD_POSTS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("limit: '" + text + "' is not between 1 and " + LocalStores.MAX_THREAD_POSTS);
    }
}
