package dev.crossfire.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.EscalationPolicy;
import dev.crossfire.config.PileOnPolicy;
import dev.crossfire.pileon.PileOnTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** The exchange desk without Kafka: its state in maps, turns from two partitions, watermarks by hand. */
class ExchangeDeskTest {

    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");
    private static final FigureRef TRUMP = new FigureRef("donald-trump", "Donald J. Trump");
    private static final FigureRef SESSIONS = new FigureRef("jeff-sessions", "Jeff Sessions");

    /** The desk's state, and what it did. */
    private static final class Desk implements ExchangeDesk.State, ExchangeDesk.Output {
        final ExchangeDesk desk;
        final TreeMap<String, Interaction> held = new TreeMap<>();
        final Map<String, ExchangeState> exchanges = new HashMap<>();
        final List<ExchangeAlert> alerts = new ArrayList<>();
        final Map<String, PileOnState> pileOnStates = new HashMap<>();
        final List<PileOnAlert> pileOns = new ArrayList<>();
        final List<String> triggers = new ArrayList<>();
        int late;

        Desk(Duration lateness) {
            desk = new ExchangeDesk(new ExchangeTracker(new EscalationScorer(EscalationPolicy.defaults()), Duration.ofHours(72), 50),
                new PileOnTracker(PileOnPolicy.defaults()), lateness);
        }

        void turn(Interaction turn) {
            desk.turn(turn, this, this);
        }

        void watermark(int sender, long minutes) {
            desk.watermark(sender, 2, at(minutes).toEpochMilli(), this, this);
        }

        @Override
        public void hold(Interaction turn) {
            held.put(turn.getTurn().getCreatedAt().toEpochMilli() + "|" + turn.getTurn().getPostId(), turn);
        }

        @Override
        public List<Interaction> takeUpTo(long time, int max) {
            List<Interaction> out = new ArrayList<>();
            while (!held.isEmpty() && out.size() < max && held.firstEntry().getValue().getTurn().getCreatedAt().toEpochMilli() <= time) {
                out.add(held.pollFirstEntry().getValue());
            }
            out.sort(Comparator.comparing(i -> i.getTurn().getCreatedAt()));
            return out;
        }

        @Override
        public long earliestHeld() {
            return held.isEmpty() ? Long.MAX_VALUE : held.firstEntry().getValue().getTurn().getCreatedAt().toEpochMilli();
        }

        @Override
        public ExchangeState exchange(String pairKey) {
            return exchanges.get(pairKey);
        }

        @Override
        public void exchange(String pairKey, ExchangeState state) {
            exchanges.put(pairKey, state);
        }

        @Override
        public void visitExchanges(BiPredicate<String, ExchangeState> visitor) {
            for (var e : List.copyOf(exchanges.entrySet())) {
                if (!visitor.test(e.getKey(), e.getValue())) {
                    return;
                }
            }
        }

        @Override
        public void close(String pairKey) {
            exchanges.remove(pairKey);
        }

        @Override
        public PileOnState pileOn(String targetId) {
            return pileOnStates.get(targetId);
        }

        @Override
        public void pileOn(String targetId, PileOnState state) {
            pileOnStates.put(targetId, state);
        }

        @Override
        public void visitPileOns(BiPredicate<String, PileOnState> visitor) {
            for (var e : List.copyOf(pileOnStates.entrySet())) {
                if (!visitor.test(e.getKey(), e.getValue())) {
                    return;
                }
            }
        }

        @Override
        public void closePileOn(String targetId) {
            pileOnStates.remove(targetId);
        }

        @Override
        public void pileOn(PileOnAlert alert, Interaction trigger) {
            pileOns.add(alert);
        }

        @Override
        public void alert(ExchangeAlert alert, Interaction trigger) {
            alerts.add(alert);
            triggers.add(trigger.getTurn().getPostId());
        }

        @Override
        public void late(Interaction turn) {
            late++;
        }
    }

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Interaction turn(String postId, FigureRef from, long minutes) {
        FigureRef to = from == TRUMP ? SESSIONS : TRUMP;
        Turn turn = Turn.newBuilder().setPostId(postId).setFigureId(from.getId()).setTargetFigureId(to.getId())
            .setKind(InteractionKind.REPLY).setCreatedAt(at(minutes)).setHostility(0.9).setText("text of " + postId).build();
        return Interaction.newBuilder().setPairKey(ExchangeTracker.pairKey(from.getId(), to.getId())).setTurn(turn)
            .setSourceName(from.getName()).setTargetName(to.getName()).setEngagement(100_000).setOtherFigures(0).build();
    }

    @Test
    void turnsWaitForEverySendersWatermarkAndAreAppliedInTimeOrderWhateverOrderTheyCameIn() {
        Desk inOrder = new Desk(Duration.ZERO);
        inOrder.turn(turn("x:1", TRUMP, 0));
        inOrder.turn(turn("x:2", SESSIONS, 10));
        inOrder.turn(turn("x:3", TRUMP, 20));
        inOrder.watermark(0, 30);
        inOrder.watermark(1, 30);

        Desk shuffled = new Desk(Duration.ZERO);
        shuffled.turn(turn("x:3", TRUMP, 20)); // partition 0 read it first
        shuffled.watermark(0, 20);
        shuffled.turn(turn("x:2", SESSIONS, 10)); // from partition 1, behind
        shuffled.turn(turn("x:1", TRUMP, 0));
        assertThat(shuffled.alerts).as("partition 1 has not said how far it has read").isEmpty();
        shuffled.watermark(1, 30);

        assertThat(shuffled.alerts).isNotEmpty().isEqualTo(inOrder.alerts);
        assertThat(shuffled.triggers).isEqualTo(inOrder.triggers);
        assertThat(shuffled.late).isZero();
    }

    @Test
    void theAllowedLatenessHoldsTurnsBackByThatMuch() {
        Desk d = new Desk(Duration.ofMinutes(15));
        d.turn(turn("x:1", TRUMP, 0));
        d.turn(turn("x:2", SESSIONS, 10));
        d.watermark(0, 20);
        d.watermark(1, 20);
        assertThat(d.desk.released()).isEqualTo(at(5).toEpochMilli());
        assertThat(d.held).hasSize(1); // x:1 applied, x:2 still within the lateness
        d.watermark(0, 30);
        d.watermark(1, 30);
        assertThat(d.held).isEmpty();
    }

    @Test
    void aTurnBehindTheWatermarkIsAppliedAtOnceAndCountedLate() {
        Desk d = new Desk(Duration.ZERO);
        d.watermark(0, 60);
        d.watermark(1, 60);
        d.turn(turn("x:1", TRUMP, 0));
        d.turn(turn("x:2", SESSIONS, 10));
        assertThat(d.late).isEqualTo(2);
        assertThat(d.exchanges).hasSize(1);
    }

    @Test
    void aQuietSenderStopsHoldingTheOthersBackUntilItSendsAgain() {
        Desk d = new Desk(Duration.ZERO);
        d.turn(turn("x:1", TRUMP, 0));
        d.turn(turn("x:2", SESSIONS, 10));
        d.watermark(0, 10);
        d.watermark(1, 3);
        assertThat(d.held).hasSize(1);
        d.desk.watermark(1, 2, at(3).toEpochMilli(), true, d, d); // partition 1 has read nothing for a while
        assertThat(d.held).isEmpty();
        d.desk.watermark(1, 2, at(11).toEpochMilli(), false, d, d); // it reads again
        d.turn(turn("x:3", TRUMP, 20));
        d.watermark(0, 30);
        assertThat(d.held).hasSize(1); // waits for partition 1 again
    }

    @Test
    void whenEverySenderIsQuietEveryHeldTurnGoesButTheWatermarkStaysAtTheNewestClock() {
        Desk d = new Desk(Duration.ofMinutes(15));
        d.turn(turn("x:1", TRUMP, 0));
        d.desk.watermark(0, 2, at(1).toEpochMilli(), true, d, d);
        d.desk.watermark(1, 2, at(0).toEpochMilli(), true, d, d);
        assertThat(d.held).isEmpty();
        assertThat(d.desk.released()).isEqualTo(at(1).toEpochMilli());
    }

    @Test
    void theEndOfInputReleasesEverythingButClosesNoExchangeThatWasActive() {
        Desk d = new Desk(Duration.ZERO);
        d.turn(turn("x:1", TRUMP, 0));
        d.turn(turn("x:2", SESSIONS, 10));
        d.desk.watermark(0, 2, Long.MAX_VALUE, d, d);
        d.desk.watermark(1, 2, Long.MAX_VALUE, d, d);
        assertThat(d.held).isEmpty();
        assertThat(d.exchanges).as("judged quiet by the newest turn, not by the end of time").hasSize(1);
    }

    @Test
    void aWatermarkWithAnotherSenderCountWaitsToHearFromAllOfThem() {
        Desk d = new Desk(Duration.ZERO);
        d.turn(turn("x:1", TRUMP, 0));
        d.desk.watermark(0, 3, at(10).toEpochMilli(), d, d);
        d.desk.watermark(1, 3, at(10).toEpochMilli(), d, d);
        assertThat(d.held).hasSize(1);
        d.desk.watermark(2, 3, at(10).toEpochMilli(), d, d);
        assertThat(d.held).isEmpty();
    }
}
