package dev.crossfire.pileon;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.PileOnPolicy;
import dev.crossfire.exchange.Assessment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Follows the figures piled on. A pile-on on a figure is the run of hostile turns at it from other
 * figures with no gap longer than the window; the figure's own answers to its attackers belong to
 * it. The exchange desk hands every turn here in the same event-time order in which it applies them
 * to pairs, so a pile-on, its id and its alerts depend only on the posts.
 *
 * <p>An alert is raised when the assessed level rises above the highest level alerted for the
 * pile-on, never twice for one level; its id comes from the pile-on's id and the level.
 */
public final class PileOnTracker {

    private final PileOnPolicy policy;
    private final PileOnScorer scorer;

    public PileOnTracker(PileOnPolicy policy) {
        this.policy = policy;
        this.scorer = new PileOnScorer(policy);
    }

    /** What one turn did to a pile-on: its new state (null: nothing to keep), and the alert it raised, if any. */
    public record Outcome(PileOnState state, PileOnAlert alert, boolean changed) {
    }

    /** Whether {@code turn} attacks its target: hostile enough to count toward a pile-on on it. */
    public boolean isAttack(Interaction turn) {
        return turn.getTurn().getHostility() >= policy.hostileTurn();
    }

    /** A hostile turn at the pile-on's target ({@code current}: the target's pile-on, or null). */
    public Outcome attack(PileOnState current, Interaction interaction) {
        Turn turn = interaction.getTurn();
        long at = turn.getCreatedAt().toEpochMilli();
        PileOnState state = current;
        if (state != null && at > state.getLastAttackAt().toEpochMilli() + policy.window().toMillis()) {
            state = null; // the last one went quiet: this attack opens a new pile-on
        }
        if (state != null && at < state.getStartedAt().toEpochMilli() - policy.window().toMillis()) {
            return new Outcome(current, null, false); // belongs to a pile-on already over
        }
        if (state == null) {
            state = open(interaction);
        } else if (alreadyHas(state, turn)) {
            return new Outcome(current, null, false);
        }
        add(state, interaction);
        if (turn.getCreatedAt().isAfter(state.getLastAttackAt())) {
            state.setLastAttackAt(turn.getCreatedAt());
        }
        return assess(state, turn);
    }

    /**
     * A turn by a figure piled on ({@code current}: its pile-on, or null) at one of its attackers,
     * while the pile-on lasts: its answer, part of the story.
     */
    public Outcome answer(PileOnState current, Interaction interaction) {
        Turn turn = interaction.getTurn();
        if (current == null || !isAttacker(current, turn.getTargetFigureId()) || isOver(current, turn.getCreatedAt().toEpochMilli())
            || turn.getCreatedAt().isBefore(current.getStartedAt()) || alreadyHas(current, turn)) {
            return new Outcome(current, null, false);
        }
        add(current, interaction);
        return assess(current, turn);
    }

    /** True when no attack has come for longer than the window at {@code time}. */
    public boolean isOver(PileOnState state, long time) {
        return state.getLastAttackAt().toEpochMilli() + policy.window().toMillis() < time;
    }

    private Outcome assess(PileOnState state, Turn trigger) {
        List<Interaction> turns = state.getTurns();
        Assessment assessment = scorer.assess(state.getTarget().getId(), state.getTarget().getName(), turns);
        EscalationLevel previous = state.getAlertedLevel();
        EscalationLevel level = assessment.level();
        if (level == null || (previous != null && level.ordinal() <= previous.ordinal())) {
            return new Outcome(state, null, true);
        }
        state.setAlertedLevel(level);
        PileOnAlert alert = PileOnAlert.newBuilder()
            .setAlertId(alertId(state.getPileOnId(), level))
            .setPileOnId(state.getPileOnId())
            .setLevel(level)
            .setPreviousLevel(previous)
            .setScore(assessment.score())
            .setTarget(state.getTarget())
            .setAttackers(attackers(state))
            .setTurns(turns.stream().map(Interaction::getTurn).toList())
            .setReasons(assessment.reasons())
            .setStartedAt(state.getStartedAt())
            .setLastActivityAt(state.getLastActivityAt())
            .setTriggeredBy(trigger.getPostId())
            .setTurnCount(turns.size() + state.getDroppedTurns())
            .build();
        return new Outcome(state, alert, true);
    }

    private static PileOnState open(Interaction interaction) {
        Turn turn = interaction.getTurn();
        return PileOnState.newBuilder()
            .setPileOnId(pileOnId(turn.getTargetFigureId(), turn.getCreatedAt()))
            .setTarget(new FigureRef(turn.getTargetFigureId(), interaction.getTargetName()))
            .setTurns(new ArrayList<>())
            .setStartedAt(turn.getCreatedAt())
            .setLastAttackAt(turn.getCreatedAt())
            .setLastActivityAt(turn.getCreatedAt())
            .build();
    }

    private void add(PileOnState state, Interaction interaction) {
        Turn turn = interaction.getTurn();
        List<Interaction> turns = new ArrayList<>(state.getTurns());
        turns.add(interaction);
        turns.sort(Comparator.comparing((Interaction i) -> i.getTurn().getCreatedAt()).thenComparing(i -> i.getTurn().getPostId())
            .thenComparing(i -> i.getTurn().getFigureId()));
        if (turns.size() > policy.maxTurns()) {
            state.setDroppedTurns(state.getDroppedTurns() + turns.size() - policy.maxTurns());
            turns = new ArrayList<>(turns.subList(turns.size() - policy.maxTurns(), turns.size()));
        }
        state.setTurns(turns);
        if (turn.getCreatedAt().isBefore(state.getStartedAt()) && !isAnswer(state, turn)) {
            state.setStartedAt(turn.getCreatedAt());
            if (state.getAlertedLevel() == null) {
                // no consumer has seen this id yet, so it can still follow the true start
                state.setPileOnId(pileOnId(state.getTarget().getId(), turn.getCreatedAt()));
            }
        }
        if (turn.getCreatedAt().isAfter(state.getLastActivityAt())) {
            state.setLastActivityAt(turn.getCreatedAt());
        }
    }

    private static boolean isAnswer(PileOnState state, Turn turn) {
        return turn.getFigureId().equals(state.getTarget().getId());
    }

    private static boolean isAttacker(PileOnState state, String figureId) {
        return state.getTurns().stream().anyMatch(i -> i.getTurn().getFigureId().equals(figureId));
    }

    /** The attackers in the order they joined. */
    private static List<FigureRef> attackers(PileOnState state) {
        Map<String, FigureRef> out = new LinkedHashMap<>();
        for (Interaction i : state.getTurns()) {
            if (!isAnswer(state, i.getTurn())) {
                out.putIfAbsent(i.getTurn().getFigureId(), new FigureRef(i.getTurn().getFigureId(), i.getSourceName()));
            }
        }
        return List.copyOf(out.values());
    }

    private static boolean alreadyHas(PileOnState state, Turn turn) {
        return state.getTurns().stream().map(Interaction::getTurn).anyMatch(t -> t.getPostId().equals(turn.getPostId())
            && t.getFigureId().equals(turn.getFigureId()) && t.getTargetFigureId().equals(turn.getTargetFigureId()));
    }

    static String pileOnId(String targetId, Instant start) {
        return targetId + "|" + start;
    }

    static String alertId(String pileOnId, EscalationLevel level) {
        return UUID.nameUUIDFromBytes(("pile-on|" + pileOnId + "|" + level.name()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
