package dev.crossfire.exchange;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.pileon.PileOnTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Where turns become alerts, in event-time order however they interleave across partitions. Turns
 * come from every partition of the thread linker, each of which also sends its watermark: how far it
 * has read its posts. A turn is held until every partition's watermark, less the allowed lateness,
 * has passed it; then the held turns go to the {@link ExchangeTracker} in order of creation time,
 * post id and figures. The order, and so every alert, depends only on the posts.
 *
 * <p>The same turns, in the same order, go to the {@link PileOnTracker}: a pile-on is a run of hostile
 * turns at one figure from several others, whoever answers.
 *
 * <p>A turn that comes after the watermark has passed it (its post arrived later than the allowed
 * lateness behind newer posts of its partition) is applied at once, where it falls: nothing is lost,
 * but its alerts may then depend on timing. That is the bound the guarantee holds under.
 */
public final class ExchangeDesk {

    /** Held turns applied per round, so one watermark's work is done in bounded steps. */
    static final int RELEASE_BATCH = 1_000;
    static final int MAX_CLOSED_PER_SWEEP = 10_000;

    /** The desk's state: the turns held, and the current exchange of each pair. */
    public interface State {

        /** Holds a turn until the watermark passes it. */
        void hold(Interaction turn);

        /** Takes out and returns, oldest first, up to {@code max} held turns created at or before {@code time}. */
        List<Interaction> takeUpTo(long time, int max);

        /** The creation time of the oldest turn held, or {@link Long#MAX_VALUE} when none is (no post is created then). */
        long earliestHeld();

        ExchangeState exchange(String pairKey);

        void exchange(String pairKey, ExchangeState state);

        /** Visits every pair's exchange, for the sweep of quiet ones, until the visitor returns false. */
        void visitExchanges(BiPredicate<String, ExchangeState> visitor);

        void close(String pairKey);

        /** The current pile-on on a figure, or null. */
        PileOnState pileOn(String targetId);

        void pileOn(String targetId, PileOnState state);

        /** Visits every figure's pile-on, for the sweep of quiet ones, until the visitor returns false. */
        void visitPileOns(BiPredicate<String, PileOnState> visitor);

        void closePileOn(String targetId);
    }

    /** What the desk does besides keeping its state. */
    public interface Output {

        void alert(ExchangeAlert alert, Interaction trigger);

        void pileOn(PileOnAlert alert, Interaction trigger);

        /** A turn came after the watermark had passed it (for counting). */
        default void late(Interaction turn) {
        }
    }

    private final ExchangeTracker tracker;
    private final PileOnTracker pileOns;
    private final long latenessMs;
    private final long sweepEveryMs;
    /** Each sender's watermark; {@link Long#MIN_VALUE} until it has sent one. In memory: a restart only waits for the next. */
    private long[] senders = new long[0];
    /** Senders that said they have read no post for a while: not waited for until they send again. */
    private boolean[] idle = new boolean[0];
    private long released = Long.MIN_VALUE;
    /** The newest turn applied: quiet exchanges are judged by it, so that an end of input does not close them all. */
    private long newestApplied = Long.MIN_VALUE;
    private long nextSweep = Long.MIN_VALUE;

    public ExchangeDesk(ExchangeTracker tracker, PileOnTracker pileOns, Duration allowedLateness) {
        this.tracker = tracker;
        this.pileOns = pileOns;
        this.latenessMs = allowedLateness.toMillis();
        this.sweepEveryMs = sweepInterval(tracker.inactivity()).toMillis();
    }

    /** The event time up to which turns have been applied. */
    public long released() {
        return released;
    }

    public void turn(Interaction turn, State state, Output out) {
        if (createdAt(turn) <= released) {
            out.late(turn);
            apply(turn, state, out);
        } else {
            state.hold(turn);
        }
    }

    public void watermark(int sender, int count, long time, State state, Output out) {
        watermark(sender, count, time, false, state, out);
    }

    /**
     * Sender {@code sender} of {@code count} has read its posts up to {@code time}; {@code quiet}: it
     * has read none for a while, and the others are not to wait for it until it sends again.
     */
    public void watermark(int sender, int count, long time, boolean quiet, State state, Output out) {
        if (count != senders.length) {
            // the first watermark, or the posts topic was given more partitions: wait to hear from all of them
            senders = new long[count];
            idle = new boolean[count];
            Arrays.fill(senders, Long.MIN_VALUE);
        }
        if (sender < 0 || sender >= count) {
            return;
        }
        senders[sender] = Math.max(senders[sender], time);
        idle[sender] = quiet;
        long upTo = releasable();
        if (upTo <= released) {
            return;
        }
        released = upTo;
        List<Interaction> batch;
        long next;
        // the end of input releases up to the largest long: "none held" must not read as due
        while ((next = state.earliestHeld()) != Long.MAX_VALUE && next <= released) {
            batch = state.takeUpTo(released, RELEASE_BATCH);
            for (Interaction turn : batch) {
                apply(turn, state, out);
            }
        }
        long now = Math.min(released, newestApplied);
        if (now != Long.MIN_VALUE && now >= nextSweep) {
            closeQuiet(state, now);
            nextSweep = now + sweepEveryMs;
        }
    }

    /**
     * How far turns may go: the slowest sender that is not idle, less the lateness; when all are idle,
     * every turn held (each is at or before its own sender's watermark), up to the newest of them.
     */
    private long releasable() {
        long slowest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        boolean active = false;
        for (int i = 0; i < senders.length; i++) {
            newest = Math.max(newest, senders[i]);
            if (!idle[i]) {
                slowest = Math.min(slowest, senders[i]);
                active = true;
            }
        }
        if (!active) {
            return newest;
        }
        return slowest == Long.MAX_VALUE ? Long.MAX_VALUE : subtract(slowest, latenessMs);
    }

    private void apply(Interaction turn, State state, Output out) {
        newestApplied = Math.max(newestApplied, createdAt(turn));
        applyToPair(turn, state, out);
        String target = turn.getTurn().getTargetFigureId();
        if (pileOns.isAttack(turn)) {
            record(pileOns.attack(state.pileOn(target), turn), target, turn, state, out);
        }
        String author = turn.getTurn().getFigureId();
        PileOnState onAuthor = state.pileOn(author);
        if (onAuthor != null) {
            record(pileOns.answer(onAuthor, turn), author, turn, state, out);
        }
    }

    private void applyToPair(Interaction turn, State state, Output out) {
        String pair = turn.getPairKey();
        ExchangeTracker.Outcome outcome = tracker.apply(state.exchange(pair), turn);
        if (outcome.ignored()) {
            return;
        }
        state.exchange(pair, outcome.state());
        if (outcome.alert() != null) {
            out.alert(outcome.alert(), turn);
        }
    }

    private static void record(PileOnTracker.Outcome outcome, String targetId, Interaction turn, State state, Output out) {
        if (!outcome.changed()) {
            return;
        }
        state.pileOn(targetId, outcome.state());
        if (outcome.alert() != null) {
            out.pileOn(outcome.alert(), turn);
        }
    }

    /**
     * Forgets exchanges quiet for longer than the inactivity window at {@code now}: a later turn would
     * open a new one anyway. {@code now} is the newest turn applied, never past the watermark: the end
     * of input moves the watermark to the end of time, and that must not close every exchange.
     */
    private void closeQuiet(State state, long now) {
        List<String> over = new ArrayList<>();
        state.visitExchanges((pair, exchange) -> {
            if (tracker.isOver(exchange, now)) {
                over.add(pair);
            }
            return over.size() < MAX_CLOSED_PER_SWEEP;
        });
        over.forEach(state::close);
        List<String> quiet = new ArrayList<>();
        state.visitPileOns((target, pileOn) -> {
            if (pileOns.isOver(pileOn, now)) {
                quiet.add(target);
            }
            return quiet.size() < MAX_CLOSED_PER_SWEEP;
        });
        quiet.forEach(state::closePileOn);
    }

    /** Every 10 minutes of event time, or every inactivity window if that is shorter. */
    static Duration sweepInterval(Duration inactivity) {
        Duration every = Duration.ofMinutes(10);
        return inactivity.compareTo(every) < 0 ? Duration.ofMillis(Math.max(1_000, inactivity.toMillis())) : every;
    }

    private static long createdAt(Interaction turn) {
        return turn.getTurn().getCreatedAt().toEpochMilli();
    }

    private static long subtract(long time, long ms) {
        return time < Long.MIN_VALUE + ms ? Long.MIN_VALUE : time - ms;
    }
}
