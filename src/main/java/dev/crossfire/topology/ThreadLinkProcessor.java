package dev.crossfire.topology;

import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.StrayPost;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.avro.Watermark;
import dev.crossfire.avro.WaitingChildren;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.exchange.WatermarkSender;
import dev.crossfire.interaction.TurnMaker;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.post.RejectReason;
import dev.crossfire.thread.LinkerOutput;
import dev.crossfire.thread.ThreadLinker;
import dev.crossfire.thread.ThreadRules;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread linker of one partition, as a processor: a thin adapter that decodes posts once, keeps
 * the stores, and carries out what {@link ThreadLinker} decides. It also makes each post's turns at
 * once, from the post's own references, and sends them with the partition's watermark to the
 * exchange desk ({@link TurnMaker}, {@link WatermarkSender}).
 *
 * <p>Co-partitioning: the posts, thread-requests and thread-links topics have as many partitions,
 * and crossfire keys its records on the two thread topics by post id with the default partitioner.
 * So everything about post P (its record, its link, the children waiting for it) is in the task whose
 * number is the partition P's id hashes to, when the producer keyed P by its id as the contract asks
 * ({@link HomePartition}); a post keyed otherwise is sent there as a stray.
 */
final class ThreadLinkProcessor implements Processor<Object, LinkerInput, Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadLinkProcessor.class);
    private static final String MEMBERS_BUILT = "\u0000built";
    /** Event time the watermark moves by before it is sent without being asked. */
    private static final long WATERMARK_STEP_MS = 1_000;
    /** Posts read between two steps of the sweeps that forget what is older than every retention. */
    private static final int SWEEP_EVERY = 256;
    /** How often a timer sends the watermark if it moved: what the desk waits for at most, besides commits. */
    static final Duration WATERMARK_EVERY = Duration.ofMillis(25);

    private final CrossfireSettings settings;
    private final TurnMaker turns;
    private final CrossfireMetrics metrics;
    private final PostBookFactory books;
    private final WatermarkSender watermark = new WatermarkSender(WATERMARK_STEP_MS);
    private final Effects effects = new Effects();
    /** The ids in {@link StoreNames#OWED_TURNS}, so that a link costs no lookup there when nothing is owed (nearly always). */
    private final java.util.Set<String> owedIds = new java.util.HashSet<>();
    private ProcessorContext<Object, Object> context;
    private LinkerOutlets outlets;
    private ThreadLinker linker;
    private PostBook book;
    private LinkerStores state;
    private KeyValueStore<String, ThreadLink> links;
    private KeyValueStore<String, Long> owed;
    private KeyValueStore<String, byte[]> members;
    private HomePartition home;
    private int partition;
    private int partitions;
    private boolean turnsSent;
    /** The reading of the root being placed, if one was made for its turns. */
    private TurnMaker.Reading readingOf;
    private StoreSweep<String, ThreadLink> linkSweep;
    private long newestRecord = Long.MIN_VALUE;
    /** Wall clock of the last posts record read, for idleness only: no decision reads it. */
    private long lastPostWallMs;
    private boolean idleSent;
    private int sinceSweep;
    private CrossfireMetrics.Count waitingGauge;
    private CrossfireMetrics.Registration waitingEntries;

    /** Makes the task's {@link PostBook} over its stores: the decoder and validator come with the topology. */
    interface PostBookFactory {
        PostBook book(TimestampedKeyValueStore<Bytes, byte[]> byKey, KeyValueStore<String, Post> strays);
    }

    ThreadLinkProcessor(CrossfireSettings settings, TurnMaker turns, PostBookFactory books, CrossfireMetrics metrics) {
        this.settings = settings;
        this.turns = turns;
        this.books = books;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.outlets = new LinkerOutlets(context);
        this.partition = context.taskId().partition();
        this.home = HomePartition.of(context.appConfigs().get(CrossfireTopology.LOOP_PARTITIONS_CONFIG), partition);
        this.partitions = home.partitions();
        if (partitions <= 0) {
            throw new IllegalStateException(CrossfireTopology.LOOP_PARTITIONS_CONFIG + " is not set: the thread linker needs the posts topic's"
                + " partition count, to know which partition owns a post and how many watermarks the exchange desk waits for");
        }
        this.book = books.book(context.getStateStore(StoreNames.POSTS), context.getStateStore(StoreNames.STRAYS));
        this.links = context.getStateStore(StoreNames.LINKS);
        this.owed = context.getStateStore(StoreNames.OWED_TURNS);
        this.members = context.getStateStore(StoreNames.THREAD_MEMBERS);
        KeyValueStore<String, WaitingChildren> waiting = context.getStateStore(StoreNames.WAITING);
        this.state = new LinkerStores(book, links, waiting, context.getStateStore(StoreNames.CLOCK));
        this.linker = new ThreadLinker(settings.linkRetention(), settings.parentWait(), settings.maxWaitingChildren(),
            settings.maxReleasesPerSweep());
        long waitingNow = linker.restore(state);
        watermark.clear();
        owedIds.clear();
        try (KeyValueIterator<String, Long> it = owed.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> e = it.next();
                watermark.owe(e.value);
                owedIds.add(e.key);
            }
        }
        indexMembers();
        long horizon = horizon(settings).toMillis();
        linkSweep = new StoreSweep<>(links, (id, link) -> link.getCreatedAt().toEpochMilli() < minus(state.clock(), horizon),
            (id, link) -> members.delete(member(link.getRootId(), id)));
        String task = context.taskId().toString();
        waitingGauge = metrics.threadBuffer(task, waitingNow);
        waitingEntries = metrics.storeEntries(task, waiting);
        lastPostWallMs = context.currentSystemTimeMs();
        context.schedule(WATERMARK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::onTimer);
    }

    @Override
    public void close() {
        if (waitingGauge != null) {
            waitingGauge.close();
        }
        if (waitingEntries != null) {
            waitingEntries.close();
        }
    }

    @Override
    public void process(Record<Object, LinkerInput> record) {
        turnsSent = false;
        outlets.causedAt(record.timestamp());
        LinkerInput input = record.value();
        if (input instanceof LinkerInput.PostRecord posted) {
            post(record, posted);
        } else if (input instanceof LinkerInput.Request request) {
            linker.requested(request.request(), state, effects);
        } else if (input instanceof LinkerInput.Stray stray) {
            stray(stray.post());
        } else if (input instanceof LinkerInput.Link link) {
            link(link.link());
        }
        sendWatermark(turnsSent);
    }

    /**
     * Sends the watermark if it moved; and, once the partition has read no post for the idle time,
     * says so, so that the desk stops waiting for it (a quiet feed's last turns would otherwise wait
     * for its next post). Reading a post again ends that: its next watermark is not idle.
     */
    private void onTimer(long wallClockMs) {
        sendWatermark(true);
        long idleAfter = settings.idleAfter().toMillis();
        if (idleAfter > 0 && !idleSent && wallClockMs - lastPostWallMs >= idleAfter) {
            outlets.watermark(new Watermark(partition, partitions, state.clock(), true));
            idleSent = true;
        }
    }

    private void post(Record<Object, LinkerInput> record, LinkerInput.PostRecord posted) {
        lastPostWallMs = context.currentSystemTimeMs();
        if (idleSent) {
            idleSent = false;
            watermark.resend(); // the desk takes this partition into account again
            turnsSent = true;
        }
        String control = EndOfInput.controlOf(record.headers());
        if (control != null) {
            endOfInput(record, posted, control);
            return;
        }
        metrics.postIn();
        PostBook.Admission admission = book.admit(posted.key(), posted.value(), record.timestamp());
        if (admission instanceof PostBook.Refused refused) {
            reject(record, posted, refused.reason(), refused.message());
            return;
        }
        Post post;
        if (admission instanceof PostBook.Duplicate duplicate) {
            metrics.duplicate();
            post = duplicate.post();
        } else {
            post = ((PostBook.Accepted) admission).post();
            if (home.owns(post.getId()) && keyedBy(posted.key(), post.getId())) {
                accept(post, record.timestamp());
            } else {
                // keyed by something else, or hashed elsewhere: the partition that owns its id keeps it
                outlets.stray(new StrayPost(post));
            }
        }
        linker.tick(post.getCreatedAt().toEpochMilli(), state, effects);
        newestRecord = Math.max(newestRecord, record.timestamp());
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            long horizon = horizon(settings).toMillis();
            book.sweep(minus(newestRecord, horizon), minus(state.clock(), horizon), 2 * SWEEP_EVERY);
            linkSweep.step(SWEEP_EVERY);
        }
    }

    /**
     * How long a post, a link or a stray must be kept: a redelivery within the dedup retention, a reply
     * within the link retention, and either of them late by up to the parent wait and the lateness.
     */
    static Duration horizon(CrossfireSettings settings) {
        Duration retention = settings.dedupRetention().compareTo(settings.linkRetention()) > 0 ? settings.dedupRetention()
            : settings.linkRetention();
        return retention.plus(settings.parentWait()).plus(settings.allowedLateness());
    }

    private static long minus(long time, long ms) {
        return time < Long.MIN_VALUE + ms ? Long.MIN_VALUE : time - ms;
    }

    private static boolean keyedBy(byte[] key, String postId) {
        return key != null && java.util.Arrays.equals(key, postId.getBytes(StandardCharsets.UTF_8));
    }

    private void endOfInput(Record<Object, LinkerInput> record, LinkerInput.PostRecord posted, String control) {
        if (!EndOfInput.END_OF_INPUT.equals(control) || !settings.acceptEndOfInput()) {
            String why = EndOfInput.END_OF_INPUT.equals(control)
                ? "an end-of-input record, which this run does not accept (crossfire.end-of-input.accept=false): it would end every wait"
                : "a control record of unknown kind '" + control + "'";
            reject(record, posted, RejectReason.END_OF_INPUT_REFUSED.name(), why);
            return;
        }
        LOG.info("end of input on partition {}: the children waiting for {} parents that have not arrived are released", partition,
            linker.parentsAwaited());
        linker.endOfInput(state, effects);
        turnsSent = true;
    }

    private void stray(Post post) {
        if (book.admitStray(post) instanceof PostBook.Duplicate) {
            metrics.duplicate();
            return;
        }
        accept(post, -1);
    }

    /** The first copy of a post, at its own partition: its turns go now, or wait for its parent's author; then its thread. */
    private void accept(Post post, long arrivedAt) {
        TurnMaker.Reading reading = null;
        if (turns.byFigure(post)) {
            if (TurnMaker.needsParentAuthor(post)) {
                long at = post.getCreatedAt().toEpochMilli();
                owed.put(post.getId(), at);
                owedIds.add(post.getId());
                watermark.owe(at);
            } else {
                reading = turns.read(post, null);
                send(reading.turns(), arrivedAt);
            }
        }
        // a root goes out at once, read the same way: no second reading of its text
        readingOf = ThreadRules.parentRef(post) == null ? reading : null;
        try {
            linker.arrived(post, state, effects);
        } finally {
            readingOf = null;
        }
    }

    private void link(ThreadLink link) {
        String postId = link.getPostId();
        if (links.get(postId) != null) {
            return; // read again after a restart that had already applied it
        }
        links.put(postId, link);
        members.put(member(link.getRootId(), postId), new byte[0]);
        Long owedAt = owedIds.remove(postId) ? owed.get(postId) : null;
        if (owedAt != null) {
            book.owned(postId).ifPresent(post -> send(turns.read(post, link.getParentAuthorHandle()).turns(), -1));
            owed.delete(postId);
            watermark.paid(owedAt);
        }
        linker.linked(link, state, effects);
    }

    private void send(List<Interaction> made, long arrivedAt) {
        for (Interaction turn : made) {
            turn.setArrivedAt(arrivedAt);
            outlets.turn(turn);
            metrics.interaction(turn.getTurn().getKind());
            turnsSent = true;
        }
    }

    private void sendWatermark(boolean force) {
        OptionalLong due = watermark.due(state.clock(), force);
        if (due.isPresent()) {
            outlets.watermark(new Watermark(partition, partitions, due.getAsLong(), idleSent));
        }
    }

    private void reject(Record<Object, LinkerInput> record, LinkerInput.PostRecord posted, String reason, String message) {
        metrics.rejected(reason);
        Headers headers = record.headers();
        headers.remove(DeadLetter.REASON).remove(DeadLetter.MESSAGE).remove(DeadLetter.STAGE);
        headers.add(DeadLetter.REASON, bytes(reason));
        headers.add(DeadLetter.MESSAGE, bytes(message == null ? reason : message));
        headers.add(DeadLetter.STAGE, bytes("validate"));
        context.recordMetadata().ifPresent(m -> source(headers, m));
        outlets.reject(posted.key(), posted.value(), record.timestamp(), headers);
    }

    private static void source(Headers headers, RecordMetadata m) {
        headers.remove(DeadLetter.SOURCE_TOPIC).remove(DeadLetter.SOURCE_PARTITION).remove(DeadLetter.SOURCE_OFFSET);
        headers.add(DeadLetter.SOURCE_TOPIC, bytes(m.topic()));
        headers.add(DeadLetter.SOURCE_PARTITION, bytes(Integer.toString(m.partition())));
        headers.add(DeadLetter.SOURCE_OFFSET, bytes(Long.toString(m.offset())));
    }

    /**
     * The members index is not logged: it is the links store seen by root. A clean restart keeps it
     * with the stores; after a restore from the topics it is empty and is built again here.
     */
    private void indexMembers() {
        if (members.get(MEMBERS_BUILT) != null) {
            return;
        }
        List<KeyValue<String, byte[]>> batch = new ArrayList<>();
        try (KeyValueIterator<String, ThreadLink> it = links.all()) {
            while (it.hasNext()) {
                ThreadLink link = it.next().value;
                batch.add(KeyValue.pair(member(link.getRootId(), link.getPostId()), new byte[0]));
                if (batch.size() == 10_000) {
                    members.putAll(batch);
                    batch.clear();
                }
            }
        }
        members.putAll(batch);
        members.put(MEMBERS_BUILT, new byte[0]);
    }

    private static String member(String rootId, String postId) {
        return ThreadMembers.key(rootId, postId);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What {@link ThreadLinker} decides, carried out on this task's topics. */
    private final class Effects implements LinkerOutput {

        @Override
        public void threaded(ThreadLink link) {
            Post post = book.owned(link.getPostId()).orElse(null);
            if (post == null) {
                // its record was forgotten (older than every retention) while its parent was decided: nothing to send
                LOG.warn("post {} was decided ({}) but is no longer kept here; its threads record is not sent", link.getPostId(), link.getStatus());
                metrics.rejected("LINK_WITHOUT_POST");
                return;
            }
            TurnMaker.Reading reading = readingOf != null && link.getStatus() == LinkStatus.ROOT ? readingOf
                : turns.read(post, link.getParentAuthorHandle());
            ThreadedPost threaded = ThreadedPost.newBuilder()
                .setPost(post)
                .setRootId(link.getRootId())
                .setParentId(link.getParentId())
                .setParentAuthorHandle(link.getParentAuthorHandle())
                .setDepth(link.getDepth())
                .setStatus(link.getStatus())
                .setAuthorFigureId(reading.authorFigureId())
                .setFigureIds(reading.figureIds())
                .build();
            outlets.thread(threaded, post.getCreatedAt().toEpochMilli());
        }

        @Override
        public void ask(ParentRequest request) {
            if (home.owns(request.getParentId())) {
                linker.requested(request, state, this);
            } else {
                outlets.ask(request);
            }
        }

        @Override
        public void decided(ThreadLink childLink) {
            // through the topic even when the child is here: that topic is the links store's changelog
            outlets.link(childLink);
        }

        @Override
        public void waiting(ParentRequest request) {
            metrics.threadBuffered();
            waitingGauge.add(1);
        }

        @Override
        public void released(LinkStatus status) {
            metrics.threadReleased(status);
            waitingGauge.add(-1);
        }

        @Override
        public void overflow(ParentRequest request) {
            metrics.threadBufferOverflow();
        }
    }
}
