package dev.crossfire.exchange;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.Turn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Stage 6: follows one pair of figures. An exchange is the run of their turns with gaps shorter than
 * the inactivity window, in event time. {@link ExchangeDesk} hands it each pair's turns in event-time
 * order, so every alert is a function of the turns before it in time; a late turn still lands in its
 * place in the list, but the alerts already sent stay as they were.
 *
 * <p>An alert is emitted when the assessed level rises above the highest level alerted for this
 * exchange, never twice for one level. Its id is derived from the exchange id and the level, so a
 * consumer that sees it twice (after a replay) can deduplicate.
 */
public final class ExchangeTracker {

    private final EscalationScorer scorer;
    private final long inactivityMs;
    private final int maxTurns;

    public ExchangeTracker(EscalationScorer scorer, Duration inactivity, int maxTurns) {
        this.scorer = scorer;
        this.inactivityMs = inactivity.toMillis();
        this.maxTurns = maxTurns;
    }

    /** A longer quiet spell between two figures' turns ends their exchange. */
    public Duration inactivity() {
        return Duration.ofMillis(inactivityMs);
    }

    /** What one interaction did: the pair's new state, and the alert it raised, if any. */
    public record Outcome(ExchangeState state, ExchangeAlert alert, boolean ignored) {
    }

    public Outcome apply(ExchangeState current, Interaction interaction) {
        Turn turn = interaction.getTurn();
        long at = turn.getCreatedAt().toEpochMilli();
        ExchangeState state = current;
        if (state != null && at > state.getLastActivityAt().toEpochMilli() + inactivityMs) {
            state = null; // the old exchange went quiet; this turn opens a new one
        }
        if (state != null && at < state.getStartedAt().toEpochMilli() - inactivityMs) {
            return new Outcome(current, null, true); // belongs to an exchange already over
        }
        if (state == null) {
            state = open(interaction);
        } else if (alreadyHas(state, turn)) {
            return new Outcome(current, null, true);
        }
        add(state, interaction);

        Assessment assessment = scorer.assess(state.getTurns(), state.getFigures(), state.getEngagement(), state.getOtherFigures());
        EscalationLevel previous = state.getAlertedLevel();
        EscalationLevel level = assessment.level();
        if (level == null || (previous != null && level.ordinal() <= previous.ordinal())) {
            return new Outcome(state, null, false);
        }
        state.setAlertedLevel(level);
        return new Outcome(state, alert(state, assessment, previous, turn), false);
    }

    /** True when the exchange has been quiet longer than the inactivity window at this stream time. */
    public boolean isOver(ExchangeState state, long streamTime) {
        return state.getLastActivityAt().toEpochMilli() + inactivityMs < streamTime;
    }

    private static ExchangeState open(Interaction interaction) {
        Turn turn = interaction.getTurn();
        List<FigureRef> figures = new ArrayList<>(List.of(
            new FigureRef(turn.getFigureId(), interaction.getSourceName()),
            new FigureRef(turn.getTargetFigureId(), interaction.getTargetName())));
        figures.sort(Comparator.comparing(FigureRef::getId));
        return ExchangeState.newBuilder()
            .setExchangeId(exchangeId(interaction.getPairKey(), turn.getCreatedAt()))
            .setFigures(figures)
            .setTurns(new ArrayList<>())
            .setStartedAt(turn.getCreatedAt())
            .setLastActivityAt(turn.getCreatedAt())
            .build();
    }

    private void add(ExchangeState state, Interaction interaction) {
        Turn turn = interaction.getTurn();
        List<Turn> turns = new ArrayList<>(state.getTurns());
        turns.add(turn);
        turns.sort(Comparator.comparing(Turn::getCreatedAt).thenComparing(Turn::getPostId));
        if (turns.size() > maxTurns) {
            state.setDroppedTurns(state.getDroppedTurns() + turns.size() - maxTurns);
            turns = new ArrayList<>(turns.subList(turns.size() - maxTurns, turns.size()));
        }
        state.setTurns(turns);
        long engagement = state.getEngagement() + Math.max(0, interaction.getEngagement());
        state.setEngagement(engagement < state.getEngagement() ? Long.MAX_VALUE : engagement); // a viral sum stops, never wraps
        state.setOtherFigures(Math.max(state.getOtherFigures(), interaction.getOtherFigures()));
        if (turn.getCreatedAt().isBefore(state.getStartedAt())) {
            state.setStartedAt(turn.getCreatedAt());
            if (state.getAlertedLevel() == null) {
                // no consumer has seen this id yet, so it can still follow the true start
                state.setExchangeId(exchangeId(interaction.getPairKey(), turn.getCreatedAt()));
            }
        }
        if (turn.getCreatedAt().isAfter(state.getLastActivityAt())) {
            state.setLastActivityAt(turn.getCreatedAt());
        }
    }

    private static boolean alreadyHas(ExchangeState state, Turn turn) {
        return state.getTurns().stream().anyMatch(t -> t.getPostId().equals(turn.getPostId())
            && t.getFigureId().equals(turn.getFigureId()) && t.getTargetFigureId().equals(turn.getTargetFigureId()));
    }

    /** {@code trigger}: the turn whose arrival raised the level, which is the newest turn when turns come in time order. */
    private static ExchangeAlert alert(ExchangeState state, Assessment assessment, EscalationLevel previous, Turn trigger) {
        List<Turn> turns = state.getTurns();
        return ExchangeAlert.newBuilder()
            .setAlertId(alertId(state.getExchangeId(), assessment.level()))
            .setExchangeId(state.getExchangeId())
            .setLevel(assessment.level())
            .setPreviousLevel(previous)
            .setScore(assessment.score())
            .setFigures(List.copyOf(state.getFigures()))
            .setTurns(List.copyOf(turns))
            .setReasons(assessment.reasons())
            .setStartedAt(state.getStartedAt())
            .setLastActivityAt(state.getLastActivityAt())
            .setTriggeredBy(trigger.getPostId())
            .setTurnCount(turns.size() + state.getDroppedTurns())
            .build();
    }

    public static String pairKey(String figureA, String figureB) {
        return figureA.compareTo(figureB) <= 0 ? figureA + "|" + figureB : figureB + "|" + figureA;
    }

    static String exchangeId(String pairKey, Instant start) {
        return pairKey + "|" + start;
    }

    static String alertId(String exchangeId, EscalationLevel level) {
        return UUID.nameUUIDFromBytes((exchangeId + "|" + level.name()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
