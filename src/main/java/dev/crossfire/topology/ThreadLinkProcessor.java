package dev.crossfire.topology;

import dev.crossfire.avro.PendingChild;
import dev.crossfire.avro.PendingChildren;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.SignalType;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadSignal;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.metrics.ArrivalMemo;
import dev.crossfire.metrics.ArrivalStamp;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.thread.LateFiling;
import dev.crossfire.thread.ThreadBuffer;
import dev.crossfire.thread.ThreadRules;
import dev.crossfire.thread.WaitDeadlines;
import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Stages 2 and 3: deduplicate, then place each post in its thread. It reads the posts (validated)
 * and the thread-signals topic, and writes back to the latter (a loop through a topic), because a
 * post's link and its parent's link live on different partitions:
 * <ul>
 *   <li>ARRIVED (key: post id): first sight of a post, read from the posts topic. If the post was
 *       read off its home partition (a producer that keys by something else, or a posts topic with
 *       another partition count), it goes round the loop once to get there. Duplicates stop here. A
 *       root is settled at once; a child is sent on as AWAITING_PARENT keyed by its parent's id.</li>
 *   <li>AWAITING_PARENT (key: parent id): lands where the parent's link lives. Known parent: the
 *       child's place is decided here, and the threaded child goes downstream from here at once.
 *       Unknown: the child waits in a buffer bounded in count and in stream time, and goes
 *       downstream from here when its parent settles or its wait ends.</li>
 *   <li>LINKED (key: post id, link only): the decided link travels to the child's own partition,
 *       where it is stored for the child's children to find; children waiting for the child are
 *       released, which cascades through the loop to their descendants.</li>
 * </ul>
 * A reply's alert is thus one hop nearer its post than if it went downstream only after the link
 * came home, and the link travels without the post. (A LINKED signal that carries its post, as
 * earlier versions wrote them, is still settled the old way.)
 * Co-partitioning: every signal is keyed by a post id with the default partitioner, so the state of
 * post P (its link, the children waiting for it) is always on partition(P) of the signals topic, and
 * in the task with that number. That task also reads the posts partition with that number, which is
 * where a producer keying posts by id (as the contract asks) with the default partitioner puts P
 * when the two topics have as many partitions: see {@link HomePartition}.
 */
final class ThreadLinkProcessor implements Processor<String, ThreadSignal, String, Object> {

    static final String SEEN_STORE = "seen-posts";
    static final String LINKS_STORE = "thread-links";
    static final String PENDING_STORE = "thread-pending";
    /** A child waits at most this many extra time-outs for a parent that is itself waiting. */
    static final int MAX_EXTENSIONS = 2;

    private final CrossfireSettings settings;
    private final long timeoutMs;
    private final CrossfireMetrics metrics;
    private final ArrivalMemo arrivals = new ArrivalMemo();
    private ProcessorContext<String, Object> context;
    private WindowStore<String, Long> seen;
    private WindowStore<String, ThreadLink> links;
    private KeyValueStore<String, PendingChildren> pending;
    /** In memory, rebuilt from {@link #pending} whenever the task (re)starts. */
    private final WaitDeadlines deadlines = new WaitDeadlines();
    private final ThreadBuffer buffer;
    private HomePartition home;
    private final List<AutoCloseable> gauges = new ArrayList<>();
    private CrossfireMetrics.Count waitingChildren;

    ThreadLinkProcessor(CrossfireSettings settings) {
        this(settings, CrossfireMetrics.noop());
    }

    ThreadLinkProcessor(CrossfireSettings settings, CrossfireMetrics metrics) {
        this.settings = settings;
        this.timeoutMs = settings.threadBufferTimeout().toMillis();
        this.buffer = new ThreadBuffer(settings.threadBufferMaxChildren());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.home = HomePartition.of(context.appConfigs().get(CrossfireTopology.LOOP_PARTITIONS_CONFIG), context.taskId().partition());
        this.seen = context.getStateStore(SEEN_STORE);
        this.links = context.getStateStore(LINKS_STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        Duration sweepEvery = Duration.ofMillis(Math.max(1_000, timeoutMs / 10));
        context.schedule(sweepEvery, PunctuationType.STREAM_TIME, this::releaseExpired);
        String task = context.taskId().toString();
        gauges.add(metrics.storeEntries(task, pending));
        waitingChildren = metrics.threadBuffer(task, indexWaiting());
        gauges.add(waitingChildren);
    }

    @Override
    public void close() {
        for (AutoCloseable gauge : gauges) {
            try {
                gauge.close();
            } catch (Exception e) {
                // a gauge's close only unregisters it; nothing to recover
            }
        }
        gauges.clear();
    }

    /**
     * Indexes the children already waiting when the task starts (restored state, or a task revived
     * after an aborted transaction), and counts them for the buffer gauge.
     */
    private long indexWaiting() {
        deadlines.clear();
        long n = 0;
        try (KeyValueIterator<String, PendingChildren> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingChildren> parent = it.next();
                long earliest = Long.MAX_VALUE;
                for (PendingChild child : parent.value.getChildren()) {
                    earliest = Math.min(earliest, child.getWaitingSince());
                    n++;
                }
                if (earliest != Long.MAX_VALUE) {
                    deadlines.set(parent.key, earliest + timeoutMs);
                }
            }
        }
        return n;
    }

    @Override
    public void process(Record<String, ThreadSignal> record) {
        ThreadSignal signal = record.value();
        if (signal == null) {
            return;
        }
        if (readFromPosts() && (signal.getType() == SignalType.FLUSH || !home.owns(signal.getPost().getId()))) {
            // a flush goes to every loop partition's stream time; a post read off its home partition goes home
            context.forward(record.withValue((Object) signal));
            return;
        }
        switch (signal.getType()) {
            case ARRIVED -> arrived(signal.getPost(), ArrivalStamp.read(record.headers()));
            case AWAITING_PARENT -> awaiting(record.key(), signal.getPost(), signal.getWaitingSince(), ArrivalStamp.read(record.headers()));
            case LINKED -> {
                if (signal.getPost() == null) {
                    store(signal.getLink());
                } else {
                    settle(signal.getPost(), signal.getLink(), ArrivalStamp.read(record.headers()));
                }
            }
            case FLUSH -> { } // only moves stream time, which drives the expiry sweep
        }
    }

    private boolean readFromPosts() {
        return context.recordMetadata().map(m -> m.topic().equals(settings.topics().posts())).orElse(false);
    }

    /** {@code arrival}: the post's Kafka timestamp on the posts topic, carried for the latency metric only. */
    private void arrived(Post post, long arrival) {
        long createdAt = post.getCreatedAt().toEpochMilli();
        if (seenBefore(post.getId(), createdAt)) {
            metrics.duplicate();
            return; // redelivery: the first copy wins (edits are not re-scored)
        }
        seen.put(post.getId(), createdAt, LateFiling.fileAt(createdAt, context.currentStreamTimeMs(), settings.dedupRetention()));
        PostRef parent = ThreadRules.parentRef(post);
        if (parent == null) {
            settle(post, ThreadRules.root(post), arrival);
            return;
        }
        ThreadSignal awaiting = ThreadSignal.newBuilder()
            .setType(SignalType.AWAITING_PARENT)
            .setPost(post)
            .setWaitingSince(Math.max(context.currentStreamTimeMs(), 0))
            .build();
        context.forward(new Record<String, Object>(parent.getPostId(), awaiting, createdAt, ArrivalStamp.headers(arrival)));
    }

    /**
     * Whether this post (id and createdAt) was seen already. On time: a point lookup (key and time
     * exact), which RocksDB's bloom filters answer without a scan. Late (see {@link LateFiling}): its
     * first copy may be filed at the stream time it arrived at, so the whole window is searched.
     */
    private boolean seenBefore(String postId, long createdAt) {
        long now = context.currentStreamTimeMs();
        if (!LateFiling.isLate(createdAt, now, settings.dedupRetention())) {
            return seen.fetch(postId, createdAt) != null;
        }
        try (WindowStoreIterator<Long> it = seen.fetch(postId, Math.max(0, now - settings.dedupRetention().toMillis()), now)) {
            while (it.hasNext()) {
                if (it.next().value == createdAt) {
                    return true;
                }
            }
        }
        return false;
    }

    private void awaiting(String parentId, Post child, long waitingSince, long arrival) {
        ThreadLink parentLink = findLink(parentId, child.getCreatedAt().toEpochMilli());
        if (parentLink != null) {
            sendLinked(child, ThreadRules.childOf(parentLink, child), arrival);
            return;
        }
        PendingChildren waiting = pending.get(parentId);
        if (waiting == null) {
            waiting = PendingChildren.newBuilder().setChildren(new ArrayList<>()).build();
        }
        if (!buffer.admits(parentId, waiting.getChildren(), child)) {
            // the buffer for this parent is full (in count or in bytes): never drop, release as an orphan now
            metrics.threadBufferOverflow();
            sendLinked(child, ThreadRules.orphan(child), arrival);
            return;
        }
        boolean first = waiting.getChildren().isEmpty();
        waiting.getChildren().add(new PendingChild(child, waitingSince, 0));
        pending.put(parentId, waiting);
        metrics.threadBuffered();
        waitingChildren.add(1);
        arrivals.remember(child.getId(), arrival);
        if (first) {
            deadlines.set(parentId, waitingSince + timeoutMs);
        }
    }

    /** A post whose link is decided on its own partition (a root): stored and sent downstream here. */
    private void settle(Post post, ThreadLink link, long arrival) {
        emit(post, link, arrival);
        store(link);
    }

    /** The threaded post goes downstream from wherever its link was decided. */
    private void emit(Post post, ThreadLink link, long arrival) {
        context.forward(new Record<String, Object>(link.getRootId(), new LinkedPost(post, link), post.getCreatedAt().toEpochMilli(),
            ArrivalStamp.headers(arrival)));
    }

    /** On the post's own partition: its link kept for its children, and the children waiting for it released. */
    private void store(ThreadLink link) {
        String postId = link.getPostId();
        links.put(postId, link, LateFiling.fileAt(link.getCreatedAt().toEpochMilli(), context.currentStreamTimeMs(), settings.linkRetention()));
        PendingChildren children = pending.get(postId);
        if (children == null) {
            return;
        }
        removePending(postId);
        waitingChildren.add(-children.getChildren().size());
        for (PendingChild child : children.getChildren()) {
            ThreadLink childLink = ThreadRules.childOf(link, child.getPost());
            metrics.threadReleased(childLink.getStatus());
            sendLinked(child.getPost(), childLink, arrivals.take(child.getPost().getId()));
        }
    }

    /** A child's link decided away from its own partition: downstream from here, the link home. */
    private void sendLinked(Post child, ThreadLink link, long arrival) {
        emit(child, link, arrival);
        ThreadSignal linked = ThreadSignal.newBuilder().setType(SignalType.LINKED).setLink(link).build();
        context.forward(new Record<String, Object>(child.getId(), linked, child.getCreatedAt().toEpochMilli()));
    }

    /**
     * The parent's link, searched back from the child's own time as well as from stream time: in a
     * backlog or a fast replay, stream time here may already be days past the child, and a parent
     * created a week before the child is still its parent.
     */
    private ThreadLink findLink(String postId, long childCreatedAt) {
        long now = context.currentStreamTimeMs();
        long from = Math.max(0, Math.min(now, childCreatedAt) - settings.linkRetention().toMillis());
        long to = Math.max(Math.max(now, childCreatedAt), 0) + settings.futureTolerance().toMillis() + timeoutMs;
        ThreadLink found = null;
        try (WindowStoreIterator<ThreadLink> it = links.fetch(postId, from, to)) {
            while (it.hasNext()) {
                found = it.next().value;
            }
        }
        return found;
    }

    /**
     * Releases, oldest deadline first, the children that waited longer than the time-out. A child
     * whose parent has arrived but is itself still waiting gets more time (a bounded number of
     * times), so a chain released as an orphan keeps its descendants attached; the bound is what
     * ends a reply cycle.
     */
    private void releaseExpired(long streamTime) {
        int released = 0;
        for (String parentId : deadlines.due(streamTime, settings.maxReleasesPerSweep())) {
            deadlines.remove(parentId);
            PendingChildren children = pending.get(parentId);
            if (children == null) {
                continue;
            }
            boolean parentWaiting = hasArrived(parentId, streamTime);
            List<PendingChild> stillWaiting = new ArrayList<>();
            for (PendingChild child : children.getChildren()) {
                boolean expired = child.getWaitingSince() + timeoutMs <= streamTime;
                if (expired && parentWaiting && child.getExtensions() < MAX_EXTENSIONS) {
                    stillWaiting.add(new PendingChild(child.getPost(), streamTime, child.getExtensions() + 1));
                } else if (expired && released < settings.maxReleasesPerSweep()) {
                    metrics.threadReleased(LinkStatus.ORPHAN);
                    waitingChildren.add(-1);
                    sendLinked(child.getPost(), ThreadRules.orphan(child.getPost()), arrivals.take(child.getPost().getId()));
                    released++;
                } else {
                    stillWaiting.add(child);
                }
            }
            if (stillWaiting.isEmpty()) {
                pending.delete(parentId);
            } else {
                stillWaiting.sort(java.util.Comparator.comparingLong(PendingChild::getWaitingSince));
                children.setChildren(stillWaiting);
                pending.put(parentId, children);
                deadlines.set(parentId, stillWaiting.get(0).getWaitingSince() + timeoutMs);
            }
        }
    }

    /** Whether the post arrived here (it is deduplicated on this partition) without being linked yet. */
    private boolean hasArrived(String postId, long streamTime) {
        long from = Math.max(0, streamTime - settings.dedupRetention().toMillis());
        long to = streamTime + settings.futureTolerance().toMillis();
        try (WindowStoreIterator<Long> it = seen.fetch(postId, from, to)) {
            return it.hasNext();
        }
    }

    private void removePending(String parentId) {
        pending.delete(parentId);
        deadlines.remove(parentId);
    }

}
