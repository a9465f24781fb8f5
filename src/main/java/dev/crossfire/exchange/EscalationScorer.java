package dev.crossfire.exchange;

import static dev.crossfire.exchange.ScoreParts.clamp;
import static dev.crossfire.exchange.ScoreParts.reason;
import static dev.crossfire.exchange.ScoreParts.round;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.EscalationPolicy;
import dev.crossfire.interaction.Directness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scores an exchange from its turns, transparently: six components in [0, 1], a weighted sum, and
 * gates per level. Every component comes back as a reason with the numbers behind it, so an editor
 * can check the arithmetic.
 *
 * <ul>
 *   <li>HOSTILE: half the mean hostility of the latest six spoken turns, half the hostility of the
 *       less hostile side (its most hostile turn): a fight needs two.</li>
 *   <li>RECIPROCAL: changes of direction (A, B, A is two), three or more count fully.</li>
 *   <li>DIRECT: mean directness of the turns (reply/quote 1, mention 0.6, name 0.5, repost 0.1).</li>
 *   <li>TEMPO: median time to answer; 30 minutes or less counts fully, 48 hours or more not at all,
 *       logarithmic between.</li>
 *   <li>HOSTILITY_RISING: how much more hostile the later half of the turns is than the earlier.</li>
 *   <li>REACH: engagement (log scale, 100,000 counts fully) and other figures drawn in.</li>
 * </ul>
 * Without turns both ways there is no exchange to alert on, however hostile one side is.
 */
public final class EscalationScorer {

    private static final long FAST_ANSWER_MS = Duration.ofMinutes(30).toMillis();
    private static final double TEMPO_RANGE = Math.log(Duration.ofHours(48).toMillis() / (double) FAST_ANSWER_MS);

    private final EscalationPolicy policy;

    public EscalationScorer(EscalationPolicy policy) {
        this.policy = policy;
    }

    public Assessment assess(List<Turn> turns, List<FigureRef> figures, long engagement, int otherFigures) {
        List<Turn> speech = turns.stream().filter(t -> Directness.isSpeech(t.getKind())).toList();
        FigureRef a = figures.get(0);
        FigureRef b = figures.get(1);
        long aToB = speech.stream().filter(t -> t.getFigureId().equals(a.getId())).count();
        long bToA = speech.size() - aToB;
        int changes = directionChanges(speech);
        double hostileA = maxHostility(speech, a.getId());
        double hostileB = maxHostility(speech, b.getId());
        double bothSides = Math.min(hostileA, hostileB);

        double recentMean = speech.subList(Math.max(0, speech.size() - 6), speech.size()).stream()
            .mapToDouble(Turn::getHostility).average().orElse(0);
        double hostility = 0.5 * recentMean + 0.5 * bothSides;
        double reciprocity = Math.min(1.0, changes / 3.0);
        double directness = speech.stream().mapToDouble(t -> Directness.weight(t.getKind())).average().orElse(0);
        long medianAnswerMs = medianAnswer(speech);
        double tempo = medianAnswerMs < 0 ? 0 : tempo(medianAnswerMs);
        double[] halves = halves(speech);
        double trend = clamp(2 * (halves[1] - halves[0]));
        double reach = 0.7 * clamp(Math.log10(1.0 + Math.max(0, engagement)) / 5.0) + 0.3 * clamp(otherFigures / 3.0); // 1.0: Long.MAX_VALUE + 1 would wrap

        double score = clamp(policy.weightHostility() * hostility + policy.weightReciprocity() * reciprocity
            + policy.weightDirectness() * directness + policy.weightTempo() * tempo
            + policy.weightTrend() * trend + policy.weightReach() * reach);

        List<Reason> reasons = new ArrayList<>();
        reasons.add(reason("RECIPROCAL", String.format(Locale.ROOT, "%d turn%s by %s, %d by %s; %d change%s of direction",
            aToB, aToB == 1 ? "" : "s", a.getName(), bToA, b.getName(), changes, changes == 1 ? "" : "s"), reciprocity));
        reasons.add(reason("HOSTILE", String.format(Locale.ROOT, "mean hostility %.2f of recent turns; most hostile turn by %s %.2f, by %s %.2f",
            recentMean, a.getName(), hostileA, b.getName(), hostileB), hostility));
        reasons.add(reason("DIRECT", kinds(speech), directness));
        reasons.add(reason("TEMPO", medianAnswerMs < 0 ? "no answer yet" : "median answer after " + human(medianAnswerMs), tempo));
        reasons.add(reason("HOSTILITY_RISING", String.format(Locale.ROOT, "hostility %.2f in the earlier turns, %.2f in the later", halves[0], halves[1]), trend));
        reasons.add(reason("REACH", String.format(Locale.ROOT, "%,d engagements; %d other figure%s drawn in", engagement, otherFigures,
            otherFigures == 1 ? "" : "s"), reach));

        EscalationLevel level = null;
        if (aToB > 0 && bToA > 0 && hostility >= policy.noticeHostility()) {
            if (score >= policy.severeScore() && changes >= policy.severeChanges() && bothSides >= policy.severeBothSides()) {
                level = EscalationLevel.SEVERE;
            } else if (score >= policy.escalatingScore() && changes >= policy.escalatingChanges() && bothSides >= policy.escalatingBothSides()) {
                level = EscalationLevel.ESCALATING;
            } else if (score >= policy.noticeScore()) {
                level = EscalationLevel.NOTICE;
            }
        }
        return new Assessment(round(score), level, reasons);
    }

    private static int directionChanges(List<Turn> speech) {
        int changes = 0;
        for (int i = 1; i < speech.size(); i++) {
            if (!speech.get(i).getFigureId().equals(speech.get(i - 1).getFigureId())) {
                changes++;
            }
        }
        return changes;
    }

    private static double maxHostility(List<Turn> speech, String figureId) {
        return speech.stream().filter(t -> t.getFigureId().equals(figureId)).mapToDouble(Turn::getHostility).max().orElse(0);
    }

    /** Median time between a turn and the other side's next turn; -1 when nobody has answered. */
    private static long medianAnswer(List<Turn> speech) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < speech.size(); i++) {
            if (!speech.get(i).getFigureId().equals(speech.get(i - 1).getFigureId())) {
                gaps.add(Math.max(0, speech.get(i).getCreatedAt().toEpochMilli() - speech.get(i - 1).getCreatedAt().toEpochMilli()));
            }
        }
        if (gaps.isEmpty()) {
            return -1;
        }
        gaps.sort(null);
        int n = gaps.size();
        return n % 2 == 1 ? gaps.get(n / 2) : (gaps.get(n / 2 - 1) + gaps.get(n / 2)) / 2;
    }

    private static double tempo(long answerMs) {
        if (answerMs <= FAST_ANSWER_MS) {
            return 1.0;
        }
        return clamp(1.0 - Math.log(answerMs / (double) FAST_ANSWER_MS) / TEMPO_RANGE);
    }

    private static double[] halves(List<Turn> speech) {
        if (speech.size() < 2) {
            double only = speech.isEmpty() ? 0 : speech.get(0).getHostility();
            return new double[] {only, only};
        }
        int mid = speech.size() / 2;
        double early = speech.subList(0, mid).stream().mapToDouble(Turn::getHostility).average().orElse(0);
        double late = speech.subList(mid, speech.size()).stream().mapToDouble(Turn::getHostility).average().orElse(0);
        return new double[] {early, late};
    }

    private static String kinds(List<Turn> speech) {
        Map<InteractionKind, Long> counts = speech.stream()
            .collect(Collectors.groupingBy(Turn::getKind, () -> new EnumMap<>(InteractionKind.class), Collectors.counting()));
        if (counts.isEmpty()) {
            return "no direct turns";
        }
        return counts.entrySet().stream()
            .map(e -> e.getValue() + " " + plural(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()))
            .collect(Collectors.joining(", "));
    }

    private static String plural(String word, long count) {
        if (count == 1) {
            return word;
        }
        return word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }

    static String human(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() >= 1) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
