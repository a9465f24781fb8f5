package dev.crossfire.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.EscalationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExchangeTrackerTest {

    private static final Duration INACTIVITY = Duration.ofHours(72);
    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");
    private static final FigureRef TRUMP = new FigureRef("donald-trump", "Donald J. Trump");
    private static final FigureRef SESSIONS = new FigureRef("jeff-sessions", "Jeff Sessions");
    private static final String PAIR = "donald-trump|jeff-sessions";

    private final ExchangeTracker tracker = tracker(50);

    private static ExchangeTracker tracker(int maxTurns) {
        return new ExchangeTracker(new EscalationScorer(EscalationPolicy.defaults()), INACTIVITY, maxTurns);
    }

    /** A hostile reply (0.9) from one figure to the other, {@code minutes} after T0, with wide reach. */
    private static Interaction reply(String postId, FigureRef from, long minutes) {
        return turn(postId, from, T0.plus(Duration.ofMinutes(minutes)), 0.9);
    }

    private static Interaction turn(String postId, FigureRef from, Instant at, double hostility) {
        FigureRef to = from == TRUMP ? SESSIONS : TRUMP;
        Turn turn = Turn.newBuilder().setPostId(postId).setFigureId(from.getId()).setTargetFigureId(to.getId())
            .setKind(InteractionKind.REPLY).setCreatedAt(at).setHostility(hostility).setText("text of " + postId).build();
        return Interaction.newBuilder().setPairKey(ExchangeTracker.pairKey(from.getId(), to.getId())).setTurn(turn)
            .setSourceName(from.getName()).setTargetName(to.getName()).setEngagement(100_000).setOtherFigures(0).build();
    }

    /** Feeds the interactions in order; returns the alerts, one slot per interaction (null: none). */
    private static final class Run {
        final ExchangeTracker tracker;
        ExchangeState state;
        final List<ExchangeTracker.Outcome> outcomes = new ArrayList<>();

        Run(ExchangeTracker tracker) {
            this.tracker = tracker;
        }

        Run feed(Interaction... interactions) {
            for (Interaction i : interactions) {
                ExchangeTracker.Outcome outcome = tracker.apply(state, i);
                outcomes.add(outcome);
                state = outcome.state();
            }
            return this;
        }

        List<ExchangeAlert> alerts() {
            return outcomes.stream().map(ExchangeTracker.Outcome::alert).filter(Objects::nonNull).toList();
        }

        ExchangeTracker.Outcome last() {
            return outcomes.get(outcomes.size() - 1);
        }
    }

    private Run run() {
        return new Run(tracker);
    }

    private static String exchangeId(Instant start) {
        return PAIR + "|" + start;
    }

    // ------------------------------------------------------------------ opening

    @Test
    void theFirstTurnOpensAnExchangeOfTheSortedPair() {
        Run run = run().feed(reply("x:1", SESSIONS, 0));

        ExchangeState state = run.state;
        assertThat(run.last().alert()).isNull();
        assertThat(run.last().ignored()).isFalse();
        assertThat(state.getExchangeId()).isEqualTo("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
        assertThat(state.getFigures()).extracting(FigureRef::getId).containsExactly("donald-trump", "jeff-sessions");
        assertThat(state.getFigures()).extracting(FigureRef::getName).containsExactly("Donald J. Trump", "Jeff Sessions");
        assertThat(state.getTurns()).extracting(Turn::getPostId).containsExactly("x:1");
        assertThat(state.getStartedAt()).isEqualTo(T0);
        assertThat(state.getLastActivityAt()).isEqualTo(T0);
        assertThat(state.getAlertedLevel()).isNull();
    }

    @Test
    void thePairKeyIsTheSameFromBothSides() {
        assertThat(ExchangeTracker.pairKey("jeff-sessions", "donald-trump")).isEqualTo(PAIR);
        assertThat(ExchangeTracker.pairKey("donald-trump", "jeff-sessions")).isEqualTo(PAIR);
    }

    // ------------------------------------------------------------------ alerts

    @Test
    void anAlertIsRaisedOnlyWhenTheLevelRises() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10), reply("x:3", SESSIONS, 20));

        assertThat(run.outcomes).extracting(ExchangeTracker.Outcome::alert).extracting(a -> a == null ? null : a.getLevel())
            .containsExactly(null, EscalationLevel.NOTICE, null);
        assertThat(run.state.getAlertedLevel()).isEqualTo(EscalationLevel.NOTICE);
    }

    @Test
    void eachLevelIsAlertedOnceWithThePreviousLevel() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10), reply("x:3", TRUMP, 20),
            reply("x:4", SESSIONS, 30), reply("x:5", TRUMP, 40), reply("x:6", SESSIONS, 50));

        List<ExchangeAlert> alerts = run.alerts();
        assertThat(alerts).extracting(ExchangeAlert::getLevel)
            .containsExactly(EscalationLevel.NOTICE, EscalationLevel.ESCALATING, EscalationLevel.SEVERE);
        assertThat(alerts).extracting(ExchangeAlert::getPreviousLevel)
            .containsExactly(null, EscalationLevel.NOTICE, EscalationLevel.ESCALATING);
        assertThat(alerts).extracting(ExchangeAlert::getTriggeredBy).containsExactly("x:2", "x:3", "x:4");
        assertThat(alerts).extracting(ExchangeAlert::getExchangeId).containsOnly(exchangeId(T0));
        assertThat(alerts).extracting(ExchangeAlert::getAlertId).doesNotHaveDuplicates();
    }

    @Test
    void anAlertDescribesTheExchangeAsKnownWhenTheLevelWasReached() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 41));

        ExchangeAlert alert = run.last().alert();
        assertThat(alert.getLevel()).isEqualTo(EscalationLevel.NOTICE);
        assertThat(alert.getPreviousLevel()).isNull();
        assertThat(alert.getExchangeId()).isEqualTo(exchangeId(T0));
        assertThat(UUID.fromString(alert.getAlertId())).isNotNull();
        assertThat(alert.getFigures()).extracting(FigureRef::getId).containsExactly("donald-trump", "jeff-sessions");
        assertThat(alert.getTurns()).extracting(Turn::getPostId).containsExactly("x:1", "x:2");
        assertThat(alert.getStartedAt()).isEqualTo(T0);
        assertThat(alert.getLastActivityAt()).isEqualTo(T0.plus(Duration.ofMinutes(41)));
        assertThat(alert.getTriggeredBy()).isEqualTo("x:2");
        assertThat(alert.getTurnCount()).isEqualTo(2);
        assertThat(alert.getScore()).isBetween(0.35, 1.0);
        assertThat(alert.getReasons()).hasSize(6);
    }

    @Test
    void anAlertIsNotChangedByLaterTurns() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10));
        ExchangeAlert notice = run.last().alert();

        run.feed(reply("x:3", TRUMP, 20));

        assertThat(notice.getTurns()).extracting(Turn::getPostId).containsExactly("x:1", "x:2");
    }

    @Test
    void theAlertIdDependsOnlyOnExchangeAndLevel() {
        Interaction[] story = {reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10), reply("x:3", TRUMP, 20)};

        List<ExchangeAlert> first = new Run(tracker(50)).feed(story).alerts();
        List<ExchangeAlert> second = new Run(tracker(50)).feed(story).alerts();

        assertThat(first).extracting(ExchangeAlert::getAlertId).hasSize(2)
            .containsExactlyElementsOf(second.stream().map(ExchangeAlert::getAlertId).toList());
        assertThat(first.get(0).getAlertId()).isEqualTo(ExchangeTracker.alertId(exchangeId(T0), EscalationLevel.NOTICE));
        assertThat(ExchangeTracker.alertId(exchangeId(T0), EscalationLevel.NOTICE))
            .isNotEqualTo(ExchangeTracker.alertId(exchangeId(T0.plusSeconds(1)), EscalationLevel.NOTICE));
    }

    // ------------------------------------------------------------------ late turns

    @Test
    void aLateTurnBeforeTheFirstAlertMovesTheStartAndTheExchangeId() {
        Run inOrder = new Run(tracker(50)).feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10));
        Run lateFirst = run().feed(reply("x:2", SESSIONS, 10));
        assertThat(lateFirst.state.getExchangeId()).isEqualTo(exchangeId(T0.plus(Duration.ofMinutes(10))));

        lateFirst.feed(reply("x:1", TRUMP, 0));

        assertThat(lateFirst.state.getStartedAt()).isEqualTo(T0);
        assertThat(lateFirst.state.getLastActivityAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(lateFirst.state.getExchangeId()).isEqualTo(exchangeId(T0));
        assertThat(lateFirst.state.getTurns()).extracting(Turn::getPostId).containsExactly("x:1", "x:2");
        ExchangeAlert alert = lateFirst.last().alert();
        assertThat(alert.getExchangeId()).isEqualTo(exchangeId(T0));
        assertThat(alert.getAlertId()).isEqualTo(inOrder.last().alert().getAlertId());
        assertThat(alert.getTriggeredBy()).as("the turn whose arrival raised the level").isEqualTo("x:1");
    }

    @Test
    void aLateTurnAfterTheFirstAlertMovesTheStartButNotTheExchangeId() {
        Run run = run().feed(reply("x:2", TRUMP, 60), reply("x:3", SESSIONS, 70));
        String alerted = run.last().alert().getExchangeId();

        run.feed(reply("x:1", SESSIONS, 0));

        assertThat(run.state.getExchangeId()).isEqualTo(alerted).isEqualTo(exchangeId(T0.plus(Duration.ofMinutes(60))));
        assertThat(run.state.getStartedAt()).isEqualTo(T0);
        assertThat(run.state.getTurns()).extracting(Turn::getPostId).containsExactly("x:1", "x:2", "x:3");
    }

    @Test
    void aLateTurnIsInsertedInTimeOrder() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:3", TRUMP, 20), reply("x:2", SESSIONS, 10));

        assertThat(run.state.getTurns()).extracting(Turn::getPostId).containsExactly("x:1", "x:2", "x:3");
        assertThat(run.state.getLastActivityAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        // A, B, A: two changes of direction once the late answer is in place
        assertThat(run.last().alert().getLevel()).isEqualTo(EscalationLevel.ESCALATING);
    }

    @Test
    void aTurnFromBeforeTheWindowOfTheCurrentExchangeIsIgnored() {
        Run run = run().feed(reply("x:2", TRUMP, Duration.ofDays(10).toMinutes()));
        ExchangeState before = ExchangeState.newBuilder(run.state).build();

        run.feed(reply("x:1", SESSIONS, 0));

        assertThat(run.last().ignored()).isTrue();
        assertThat(run.last().alert()).isNull();
        assertThat(run.state).isEqualTo(before);
    }

    // ------------------------------------------------------------------ inactivity

    @Test
    void aTurnAfterTheInactivityWindowOpensANewExchange() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10));
        Instant lastActivity = T0.plus(Duration.ofMinutes(10));
        Instant later = lastActivity.plus(INACTIVITY).plusMillis(1);

        run.feed(turn("x:3", TRUMP, later, 0.9));

        assertThat(run.last().alert()).isNull();
        assertThat(run.state.getExchangeId()).isEqualTo(exchangeId(later));
        assertThat(run.state.getTurns()).extracting(Turn::getPostId).containsExactly("x:3");
        assertThat(run.state.getStartedAt()).isEqualTo(later);
        assertThat(run.state.getAlertedLevel()).isNull();
        assertThat(run.state.getEngagement()).isEqualTo(100_000);

        run.feed(turn("x:4", SESSIONS, later.plus(Duration.ofMinutes(10)), 0.9));

        ExchangeAlert alert = run.last().alert();
        assertThat(alert.getLevel()).isEqualTo(EscalationLevel.NOTICE);
        assertThat(alert.getPreviousLevel()).isNull();
        assertThat(alert.getExchangeId()).isEqualTo(exchangeId(later));
        assertThat(alert.getAlertId()).isNotEqualTo(run.alerts().get(0).getAlertId());
        assertThat(alert.getTurnCount()).isEqualTo(2);
    }

    @Test
    void aTurnExactlyAtTheEndOfTheWindowContinuesTheExchange() {
        Run run = run().feed(reply("x:1", TRUMP, 0));
        Instant edge = T0.plus(INACTIVITY);

        run.feed(turn("x:2", SESSIONS, edge, 0.9));

        assertThat(run.state.getExchangeId()).isEqualTo(exchangeId(T0));
        assertThat(run.state.getTurns()).hasSize(2);
    }

    @Test
    void anExchangeIsOverOnlyAfterTheWholeWindow() {
        ExchangeState state = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10)).state;
        long lastActivity = T0.plus(Duration.ofMinutes(10)).toEpochMilli();

        assertThat(tracker.isOver(state, lastActivity)).isFalse();
        assertThat(tracker.isOver(state, lastActivity + INACTIVITY.toMillis())).isFalse();
        assertThat(tracker.isOver(state, lastActivity + INACTIVITY.toMillis() + 1)).isTrue();
    }

    // ------------------------------------------------------------------ duplicates and bounds

    @Test
    void aDuplicateTurnIsIgnored() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10));
        ExchangeState before = ExchangeState.newBuilder(run.state).build();

        run.feed(reply("x:2", SESSIONS, 10));

        assertThat(run.last().ignored()).isTrue();
        assertThat(run.last().alert()).isNull();
        assertThat(run.state).isEqualTo(before);
        assertThat(run.state.getTurns()).hasSize(2);
        assertThat(run.state.getEngagement()).isEqualTo(200_000);
    }

    @Test
    void aRedeliveredTriggerDoesNotAlertAgain() {
        Run run = run().feed(reply("x:1", TRUMP, 0), reply("x:2", SESSIONS, 10), reply("x:2", SESSIONS, 10),
            reply("x:1", TRUMP, 0));

        assertThat(run.alerts()).hasSize(1);
        assertThat(run.outcomes).extracting(ExchangeTracker.Outcome::ignored).containsExactly(false, false, true, true);
    }

    @Test
    void turnsBeyondTheLimitAreDroppedOldestFirstAndStillCounted() {
        Run run = new Run(tracker(3)).feed(reply("x:1", TRUMP, 0), reply("x:2", TRUMP, 10), reply("x:3", TRUMP, 20),
            reply("x:4", TRUMP, 30), reply("x:5", SESSIONS, 40));

        assertThat(run.state.getTurns()).extracting(Turn::getPostId).containsExactly("x:3", "x:4", "x:5");
        assertThat(run.state.getDroppedTurns()).isEqualTo(2);
        assertThat(run.state.getEngagement()).as("engagement of every turn, kept or not").isEqualTo(500_000);
        ExchangeAlert alert = run.last().alert();
        assertThat(alert.getTurns()).extracting(Turn::getPostId).containsExactly("x:3", "x:4", "x:5");
        assertThat(alert.getTurnCount()).isEqualTo(5);
        assertThat(alert.getStartedAt()).as("the exchange still started with its first turn").isEqualTo(T0);
    }

    @Test
    void otherFiguresKeepsTheLargestCountSeen() {
        Interaction crowded = Interaction.newBuilder(reply("x:1", TRUMP, 0)).setOtherFigures(4).build();
        Interaction alone = Interaction.newBuilder(reply("x:2", SESSIONS, 10)).setOtherFigures(1).build();

        Run run = run().feed(crowded, alone);

        assertThat(run.state.getOtherFigures()).isEqualTo(4);
    }

    /**
     * Found by hostile input (a post claiming Long.MAX_VALUE likes): the sum of two such counts wrapped
     * negative, so the exchange had no reach, and one alone made the score NaN (1 + Long.MAX_VALUE
     * wrapped inside the log), so the exchange never alerted at all.
     */
    @Test
    void engagementStopsAtTheLargestCountInsteadOfWrappingNegative() {
        List<Interaction> turns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Interaction turn = reply("x:" + i, i % 2 == 0 ? TRUMP : SESSIONS, i * 10L);
            turn.setEngagement(Long.MAX_VALUE - i);
            turns.add(turn);
        }

        Run run = run().feed(turns.toArray(new Interaction[0]));

        assertThat(run.state.getEngagement()).isEqualTo(Long.MAX_VALUE);
        assertThat(run.alerts()).isNotEmpty().allSatisfy(alert -> assertThat(alert.getReasons())
            .filteredOn(r -> r.getCode().equals("REACH")).singleElement().satisfies(r -> assertThat(r.getValue()).isGreaterThan(0.6)));
    }
}
