package dev.crossfire.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every crossfire setting with its default and meaning: the one place the configuration reference
 * in the README is written from. Kafka client and Streams settings are not listed: they pass through.
 */
public final class ConfigKeys {

    /** A documented setting. */
    public record Key(String name, String defaultValue, String meaning) {
    }

    public static final Map<String, Key> ALL = new LinkedHashMap<>();

    static {
        CrossfireSettings d = CrossfireSettings.defaults();
        EscalationPolicy e = d.escalation();
        Topics t = d.topics();
        add("bootstrap.servers", null, "Kafka bootstrap servers (required)");
        add("schema.registry.url", null, "Confluent-API schema registry URL(s), comma-separated (required)");
        add("application.id", "crossfire", "Kafka Streams application id: instances with the same id share the work");
        add("state.dir", "crossfire-state", "local state directory (one per instance)");
        add("processing.guarantee", "exactly_once_v2", "Kafka Streams processing guarantee");
        add("replication.factor", "-1", "replication factor of the internal topics (-1: the broker's default)");
        add("num.standby.replicas", "0", "standby replicas of each state store on other instances");
        add("crossfire.topic.posts", t.posts(), "input: posts");
        add("crossfire.topic.figures", t.figures(), "input: the public-figures registry (compacted)");
        add("crossfire.topic.threads", t.threads(), "output: threaded posts");
        add("crossfire.topic.alerts", t.alerts(), "output: alerts");
        add("crossfire.topic.pile-ons", t.pileOns(), "output: pile-on alerts (several figures turning on one)");
        add("crossfire.topic.rejected", t.rejected(), "dead-letter topic");
        add("crossfire.topic.thread-requests", t.threadRequests(), "internal: replies and quotes asking the partition that owns their parent");
        add("crossfire.topic.thread-links", t.threadLinks(), "internal: each reply's or quote's decided link; the links store's changelog");
        add("crossfire.topic.turns", t.turns(), "internal: turns of figure pairs and the linker's watermarks, for the exchange desk");
        add("crossfire.topics.create", "false", "create missing topics at start (else a missing topic stops the start)");
        add("crossfire.topics.partitions", "6", "partitions of topics crossfire creates");
        add("crossfire.topics.replication-factor", "-1", "replication factor of topics crossfire creates (-1: broker default)");
        add("crossfire.shutdown-timeout", "30s", "bound on a clean stop (SIGTERM), leaving the consumer group");
        add("crossfire.startup-timeout", "2m", "bound on reaching RUNNING at start");
        add("crossfire.http.host", "0.0.0.0", "address the HTTP endpoint (query API, live view, health, metrics) listens on");
        add("crossfire.http.port", "8080", "port of the HTTP endpoint (0: a free port; -1: no endpoint, no query API)");
        add("crossfire.http.advertised-host", "", "host the other instances reach this one's API at (application.server); "
            + "empty: the listen address, or the machine's canonical host name when listening on all interfaces");
        add("crossfire.http.peer-timeout", "5s", "bound on one question to another instance's API");
        add("crossfire.http.token", "", "bearer token the query API and the live view's events require (empty: none); health, metrics "
            + "and the live view's page files stay open; instances send it to each other");
        add("crossfire.rocksdb.memory-mb", "256", "off-heap memory all state stores of the instance share (RocksDB block cache, "
            + "with the memtables charged to it, a quarter at most), in MiB");
        add("crossfire.hostility.model", "", "hostility model file written by score train --out, used instead of the bundled one "
            + "(empty: the bundled model)");
        add("crossfire.future-tolerance", d.futureTolerance().toString(), "a createdAt further ahead of the record's Kafka timestamp is rejected");
        add("crossfire.max-text-chars", Integer.toString(d.maxTextChars()), "longer texts are rejected");
        add("crossfire.dedup-retention", d.dedupRetention().toString(), "a post id seen again within this window is a redelivery");
        add("crossfire.link-retention", d.linkRetention().toString(), "how long a post's place in its thread is kept for later replies");
        add("crossfire.thread.parent-wait", d.parentWait().toString(), "how long a reply or quote waits for a parent that has not arrived: "
            + "until the parent's partition has read a post created this much later (event time)");
        add("crossfire.thread.max-waiting-children", Integer.toString(d.maxWaitingChildren()), "children waiting for one parent, at most");
        add("crossfire.thread.max-releases-per-step", Integer.toString(d.maxReleasesPerSweep()), "parents whose waiting children one step releases, at most");
        add("crossfire.allowed-lateness", d.allowedLateness().toString(), "how far behind newer posts of its partition a post may arrive and "
            + "still have its turns applied in event-time order; turns are held this long (event time) before they count");
        add("crossfire.watermark.idle-after", d.idleAfter().toString(), "wall-clock time after which a partition that has read no "
            + "post stops holding back the turns of the others, until it reads one (0: never)");
        add("crossfire.end-of-input.accept", Boolean.toString(d.acceptEndOfInput()), "obey end-of-input records on the posts topic (for "
            + "replaying archives with replay --end-of-input); off, they go to the dead-letter topic");
        add("crossfire.exchange.inactivity", d.exchangeInactivity().toString(), "a longer quiet spell ends an exchange");
        add("crossfire.exchange.max-turns", Integer.toString(d.maxTurnsKept()), "turns kept per exchange");
        PileOnPolicy po = d.pileOns();
        add("crossfire.pile-on.window", po.window().toString(), "a pile-on is the run of hostile turns at one figure with no gap longer than this");
        add("crossfire.pile-on.hostile-turn", Double.toString(po.hostileTurn()), "a turn at a figure counts as an attack from this hostility up");
        add("crossfire.pile-on.min-attackers", Integer.toString(po.noticeAttackers()), "distinct attackers for a NOTICE pile-on; "
            + "ESCALATING needs one more, SEVERE two more");
        add("crossfire.pile-on.notice.score", Double.toString(po.noticeScore()), "pile-on score needed for NOTICE");
        add("crossfire.pile-on.escalating.score", Double.toString(po.escalatingScore()), "pile-on score needed for ESCALATING");
        add("crossfire.pile-on.severe.score", Double.toString(po.severeScore()), "pile-on score needed for SEVERE");
        add("crossfire.escalation.weight.hostility", Double.toString(e.weightHostility()), "weight of HOSTILE");
        add("crossfire.escalation.weight.reciprocity", Double.toString(e.weightReciprocity()), "weight of RECIPROCAL");
        add("crossfire.escalation.weight.directness", Double.toString(e.weightDirectness()), "weight of DIRECT");
        add("crossfire.escalation.weight.tempo", Double.toString(e.weightTempo()), "weight of TEMPO");
        add("crossfire.escalation.weight.trend", Double.toString(e.weightTrend()), "weight of HOSTILITY_RISING");
        add("crossfire.escalation.weight.reach", Double.toString(e.weightReach()), "weight of REACH");
        add("crossfire.escalation.notice.score", Double.toString(e.noticeScore()), "score needed for NOTICE");
        add("crossfire.escalation.escalating.score", Double.toString(e.escalatingScore()), "score needed for ESCALATING");
        add("crossfire.escalation.severe.score", Double.toString(e.severeScore()), "score needed for SEVERE");
        add("crossfire.escalation.notice.hostility", Double.toString(e.noticeHostility()), "HOSTILE needed for any level");
        add("crossfire.escalation.escalating.both-sides", Double.toString(e.escalatingBothSides()), "each side's most hostile turn, for ESCALATING");
        add("crossfire.escalation.severe.both-sides", Double.toString(e.severeBothSides()), "each side's most hostile turn, for SEVERE");
        add("crossfire.escalation.escalating.changes", Integer.toString(e.escalatingChanges()), "changes of direction needed for ESCALATING");
        add("crossfire.escalation.severe.changes", Integer.toString(e.severeChanges()), "changes of direction needed for SEVERE");
    }

    private ConfigKeys() {
    }

    private static void add(String name, String defaultValue, String meaning) {
        ALL.put(name, new Key(name, defaultValue, meaning));
    }
}
