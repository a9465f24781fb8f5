package dev.crossfire.config;

/**
 * The escalation score's weights and the levels' thresholds and gates. The score is a weighted sum
 * of components in [0, 1]; a level also needs its gates, so a friendly exchange with a fast tempo
 * and many turns never reaches an alert on tempo alone.
 *
 * @param weightHostility   weight of hostility (both sides, recency-weighted)
 * @param weightReciprocity weight of back-and-forth (direction changes)
 * @param weightDirectness  weight of directness (reply/quote over mention/name)
 * @param weightTempo       weight of tempo (fast answers)
 * @param weightTrend       weight of rising hostility
 * @param weightReach       weight of reach (engagement, other figures drawn in)
 * @param noticeScore       score needed for NOTICE
 * @param escalatingScore   score needed for ESCALATING
 * @param severeScore       score needed for SEVERE
 * @param noticeHostility   hostility of the exchange needed for any level
 * @param escalatingBothSides hostility each side must have shown (its most hostile turn) for ESCALATING
 * @param severeBothSides   the same for SEVERE
 * @param escalatingChanges direction changes needed for ESCALATING (A, B, A = 2)
 * @param severeChanges     direction changes needed for SEVERE
 */
public record EscalationPolicy(
    double weightHostility,
    double weightReciprocity,
    double weightDirectness,
    double weightTempo,
    double weightTrend,
    double weightReach,
    double noticeScore,
    double escalatingScore,
    double severeScore,
    double noticeHostility,
    double escalatingBothSides,
    double severeBothSides,
    int escalatingChanges,
    int severeChanges) {

    public static EscalationPolicy defaults() {
        return new EscalationPolicy(0.35, 0.20, 0.15, 0.10, 0.10, 0.10,
            0.35, 0.50, 0.70,
            0.20, 0.25, 0.50,
            2, 3);
    }
}
