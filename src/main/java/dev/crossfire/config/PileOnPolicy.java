package dev.crossfire.config;

import java.time.Duration;

/**
 * What makes a pile-on and how it is scored: several figures turning on one with hostile turns,
 * close together in time. A level needs its score and its number of attackers, so two figures
 * trading blows with a third (a feud, which the exchange desk follows) never make one.
 *
 * @param window          a pile-on is the run of hostile turns at one figure with no gap longer than this
 * @param hostileTurn     a turn at the target is an attack from this hostility up
 * @param maxTurns        turns kept per pile-on (the oldest dropped), so the state stays bounded
 * @param noticeAttackers distinct attackers needed for NOTICE; ESCALATING needs one more, SEVERE two more
 * @param noticeScore     score needed for NOTICE
 * @param escalatingScore score needed for ESCALATING
 * @param severeScore     score needed for SEVERE
 */
public record PileOnPolicy(Duration window, double hostileTurn, int maxTurns, int noticeAttackers,
                           double noticeScore, double escalatingScore, double severeScore) {

    /** Weights of the score's components; they sum to 1. */
    public static final double WEIGHT_ATTACKERS = 0.35;
    public static final double WEIGHT_HOSTILITY = 0.30;
    public static final double WEIGHT_TEMPO = 0.15;
    public static final double WEIGHT_COORDINATED = 0.10;
    public static final double WEIGHT_REACH = 0.05;
    public static final double WEIGHT_ANSWERED = 0.05;

    public static PileOnPolicy defaults() {
        return new PileOnPolicy(Duration.ofHours(6), 0.40, 50, 3, 0.35, 0.50, 0.70);
    }
}
