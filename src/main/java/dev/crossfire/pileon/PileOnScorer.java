package dev.crossfire.pileon;

import static dev.crossfire.exchange.ScoreParts.clamp;
import static dev.crossfire.exchange.ScoreParts.reason;
import static dev.crossfire.exchange.ScoreParts.round;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.PileOnPolicy;
import dev.crossfire.exchange.Assessment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a pile-on from its turns, transparently, as the exchange scorer does: components in [0, 1],
 * a weighted sum, gates per level, and every component back as a reason with its numbers.
 *
 * <ul>
 *   <li>ATTACKERS: distinct figures with a hostile turn at the target; two count 0.25, five fully.</li>
 *   <li>ATTACK_HOSTILITY: the mean, over attackers, of each one's most hostile turn.</li>
 *   <li>ATTACK_TEMPO: how close together the attackers joined: all within 30 minutes counts fully,
 *       spread over the whole window not at all, logarithmic between.</li>
 *   <li>COORDINATED: the share of attackers who quote the same post as another attacker, or whose
 *       words follow another attacker's script (most of their word pairs in common).</li>
 *   <li>REACH: engagement of the attacks (log scale, 100,000 counts fully).</li>
 *   <li>ANSWERED: the target answering back (one answer counts half, two fully).</li>
 * </ul>
 */
public final class PileOnScorer {

    private static final long FAST_MS = Duration.ofMinutes(30).toMillis();
    /** Shared word pairs over all word pairs of the shorter text, from which two attacks read as one script. */
    private static final double SAME_WORDS = 0.6;
    /** Shorter texts ("Shameful!") are alike by chance. */
    private static final int MIN_PAIRS = 4;

    private final PileOnPolicy policy;

    public PileOnScorer(PileOnPolicy policy) {
        this.policy = policy;
    }

    public Assessment assess(String targetId, String targetName, List<Interaction> turns) {
        Map<String, List<Interaction>> attacksBy = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        int answers = 0;
        long engagement = 0;
        for (Interaction i : turns) {
            Turn t = i.getTurn();
            if (t.getFigureId().equals(targetId)) {
                answers++;
                continue;
            }
            attacksBy.computeIfAbsent(t.getFigureId(), k -> new ArrayList<>()).add(i);
            names.putIfAbsent(t.getFigureId(), i.getSourceName());
            long sum = engagement + Math.max(0, i.getEngagement());
            engagement = sum < engagement ? Long.MAX_VALUE : sum;
        }
        int attackers = attacksBy.size();
        double attackerPart = clamp((attackers - 1) / 4.0);
        double hostility = attacksBy.values().stream()
            .mapToDouble(list -> list.stream().mapToDouble(i -> i.getTurn().getHostility()).max().orElse(0)).average().orElse(0);
        long spreadMs = joinSpread(attacksBy);
        double tempo = attackers < 2 ? 0 : tempo(spreadMs);
        int coordinated = coordinated(attacksBy);
        double coordination = attackers == 0 ? 0 : coordinated / (double) attackers;
        double reach = clamp(Math.log10(1.0 + engagement) / 5.0);
        double answered = clamp(answers / 2.0);

        double score = clamp(PileOnPolicy.WEIGHT_ATTACKERS * attackerPart + PileOnPolicy.WEIGHT_HOSTILITY * hostility
            + PileOnPolicy.WEIGHT_TEMPO * tempo + PileOnPolicy.WEIGHT_COORDINATED * coordination
            + PileOnPolicy.WEIGHT_REACH * reach + PileOnPolicy.WEIGHT_ANSWERED * answered);

        List<Reason> reasons = new ArrayList<>();
        reasons.add(reason("ATTACKERS", String.format(Locale.ROOT, "%d figure%s turned on %s: %s", attackers, attackers == 1 ? "" : "s",
            targetName, String.join(", ", names.values())), attackerPart));
        reasons.add(reason("ATTACK_HOSTILITY", String.format(Locale.ROOT, "mean of each attacker's most hostile turn %.2f", hostility), hostility));
        reasons.add(reason("ATTACK_TEMPO", attackers < 2 ? "one attacker so far"
            : "the attackers joined within " + human(spreadMs), tempo));
        reasons.add(reason("COORDINATED", coordinated == 0 ? "no shared wording or quoted post"
            : String.format(Locale.ROOT, "%d of %d attackers quote the same post or use the same words as another", coordinated, attackers),
            coordination));
        reasons.add(reason("REACH", String.format(Locale.ROOT, "%,d engagements", engagement), reach));
        reasons.add(reason("ANSWERED", answers == 0 ? targetName + " has not answered"
            : String.format(Locale.ROOT, "%s answered %d time%s", targetName, answers, answers == 1 ? "" : "s"), answered));

        EscalationLevel level = null;
        if (attackers >= policy.noticeAttackers() + 2 && score >= policy.severeScore()) {
            level = EscalationLevel.SEVERE;
        } else if (attackers >= policy.noticeAttackers() + 1 && score >= policy.escalatingScore()) {
            level = EscalationLevel.ESCALATING;
        } else if (attackers >= policy.noticeAttackers() && score >= policy.noticeScore()) {
            level = EscalationLevel.NOTICE;
        }
        return new Assessment(round(score), level, reasons);
    }

    /** From the first attacker's first attack to the last attacker's first attack. */
    private static long joinSpread(Map<String, List<Interaction>> attacksBy) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (List<Interaction> list : attacksBy.values()) {
            long joined = list.stream().mapToLong(i -> i.getTurn().getCreatedAt().toEpochMilli()).min().orElse(0);
            first = Math.min(first, joined);
            last = Math.max(last, joined);
        }
        return attacksBy.isEmpty() ? 0 : last - first;
    }

    private double tempo(long spreadMs) {
        if (spreadMs <= FAST_MS) {
            return 1.0;
        }
        double range = Math.log(Math.max(policy.window().toMillis(), FAST_MS + 1) / (double) FAST_MS);
        return clamp(1.0 - Math.log(spreadMs / (double) FAST_MS) / range);
    }

    /** Attackers with at least one attack that quotes the same post as, or reads like, another attacker's. */
    private static int coordinated(Map<String, List<Interaction>> attacksBy) {
        // each text's word pairs once, not once per comparison: the comparisons grow with the square of the turns
        Map<Interaction, Set<String>> pairs = new java.util.IdentityHashMap<>();
        attacksBy.values().forEach(list -> list.forEach(i -> pairs.put(i, wordPairs(i.getTurn().getText()))));
        List<String> ids = List.copyOf(attacksBy.keySet());
        Set<String> together = new HashSet<>();
        for (int a = 0; a < ids.size(); a++) {
            for (int b = a + 1; b < ids.size(); b++) {
                if (alike(attacksBy.get(ids.get(a)), attacksBy.get(ids.get(b)), pairs)) {
                    together.add(ids.get(a));
                    together.add(ids.get(b));
                }
            }
        }
        return together.size();
    }

    private static boolean alike(List<Interaction> as, List<Interaction> bs, Map<Interaction, Set<String>> pairs) {
        for (Interaction a : as) {
            for (Interaction b : bs) {
                if (a.getQuotedPostId() != null && a.getQuotedPostId().equals(b.getQuotedPostId())) {
                    return true;
                }
                if (sameScript(pairs.get(a), pairs.get(b))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether two texts read as one script: most word pairs of the shorter one also occur in the other, in order. */
    static boolean sameWords(String a, String b) {
        return sameScript(wordPairs(a), wordPairs(b));
    }

    private static boolean sameScript(Set<String> pa, Set<String> pb) {
        if (pa.size() < MIN_PAIRS || pb.size() < MIN_PAIRS) {
            return false;
        }
        Set<String> shared = new HashSet<>(pa);
        shared.retainAll(pb);
        return shared.size() >= SAME_WORDS * Math.min(pa.size(), pb.size());
    }

    private static Set<String> wordPairs(String text) {
        List<String> words = new ArrayList<>();
        // handles and links differ between attackers who copy one script, and every attack names its target
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("(?:@|https?://)\\S+", " ").split("[^\\p{L}\\p{N}#']+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        Set<String> pairs = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            pairs.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return pairs;
    }

    private static String human(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() >= 1) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return Math.max(1, d.toMinutes()) + "m";
    }
}
