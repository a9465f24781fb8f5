package dev.crossfire.exchange;

import static dev.crossfire.avro.InteractionKind.MENTION;
import static dev.crossfire.avro.InteractionKind.NAME;
import static dev.crossfire.avro.InteractionKind.QUOTE;
import static dev.crossfire.avro.InteractionKind.REPLY;
import static dev.crossfire.avro.InteractionKind.REPOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.EscalationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EscalationScorerTest {

    private static final EscalationPolicy POLICY = EscalationPolicy.defaults();
    private static final FigureRef TRUMP = new FigureRef("donald-trump", "Donald J. Trump");
    private static final FigureRef SESSIONS = new FigureRef("jeff-sessions", "Jeff Sessions");
    private static final List<FigureRef> PAIR = List.of(TRUMP, SESSIONS);
    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");
    private static final long FULL_ENGAGEMENT = 100_000;
    private static final int FULL_OTHERS = 3;

    private final EscalationScorer scorer = new EscalationScorer(POLICY);

    /** Turns of a scenario, each after the previous one by the given gap. */
    private static final class Turns {
        private final List<Turn> turns = new ArrayList<>();
        private Instant at = T0;

        Turns by(FigureRef from, InteractionKind kind, double hostility) {
            FigureRef to = from == TRUMP ? SESSIONS : TRUMP;
            turns.add(Turn.newBuilder().setPostId("x:" + (turns.size() + 1)).setFigureId(from.getId()).setTargetFigureId(to.getId())
                .setKind(kind).setCreatedAt(at).setHostility(hostility).build());
            return this;
        }

        Turns after(Duration gap) {
            at = at.plus(gap);
            return this;
        }

        List<Turn> list() {
            return List.copyOf(turns);
        }
    }

    private static Turns turns() {
        return new Turns();
    }

    /** Replies alternating between the two, ten minutes apart, with these hostilities, Trump first. */
    private static List<Turn> alternating(double... hostilities) {
        Turns t = turns();
        for (int i = 0; i < hostilities.length; i++) {
            t.after(Duration.ofMinutes(i == 0 ? 0 : 10)).by(i % 2 == 0 ? TRUMP : SESSIONS, REPLY, hostilities[i]);
        }
        return t.list();
    }

    private Assessment assess(List<Turn> turns) {
        return scorer.assess(turns, PAIR, FULL_ENGAGEMENT, FULL_OTHERS);
    }

    private static double value(Assessment assessment, String code) {
        return assessment.reasons().stream().filter(r -> r.getCode().equals(code)).findFirst()
            .orElseThrow(() -> new AssertionError("no reason " + code)).getValue();
    }

    private static String detail(Assessment assessment, String code) {
        return assessment.reasons().stream().filter(r -> r.getCode().equals(code)).findFirst().orElseThrow().getDetail();
    }

    // ------------------------------------------------------------------ no exchange, no level

    @Test
    void aOneSidedAttackNeverGetsALevelHoweverHostile() {
        Turns attack = turns();
        for (int i = 0; i < 6; i++) {
            attack.after(Duration.ofMinutes(5)).by(TRUMP, REPLY, 1.0);
        }

        Assessment a = scorer.assess(attack.list(), PAIR, 10_000_000, 5);

        assertThat(a.score()).as("the score alone would pass NOTICE").isGreaterThanOrEqualTo(POLICY.noticeScore());
        assertThat(a.level()).isNull();
        assertThat(value(a, "RECIPROCAL")).isZero();
        assertThat(detail(a, "TEMPO")).isEqualTo("no answer yet");
        assertThat(value(a, "TEMPO")).isZero();
    }

    @Test
    void aFastFriendlyBackAndForthGetsNoLevel() {
        Assessment a = assess(alternating(0, 0, 0, 0, 0, 0));

        assertThat(a.score()).as("tempo, reciprocity and reach alone pass ESCALATING's score").isGreaterThanOrEqualTo(POLICY.escalatingScore());
        assertThat(value(a, "HOSTILE")).isZero();
        assertThat(value(a, "RECIPROCAL")).isEqualTo(1.0);
        assertThat(a.level()).isNull();
    }

    @Test
    void aMildlyHeatedExchangeStaysBelowTheHostilityGate() {
        Assessment mild = assess(alternating(0.15, 0.15, 0.15, 0.15));
        Assessment heated = assess(alternating(0.3, 0.3, 0.3, 0.3));

        assertThat(mild.score()).isGreaterThanOrEqualTo(POLICY.escalatingScore());
        assertThat(mild.level()).isNull();
        assertThat(heated.level()).isNotNull();
    }

    @Test
    void noTurnsScoreNothing() {
        Assessment a = scorer.assess(List.of(), PAIR, 0, 0);

        assertThat(a.level()).isNull();
        assertThat(a.score()).isZero();
        assertThat(a.reasons()).hasSize(6).allSatisfy(r -> assertThat(r.getValue()).isZero());
    }

    // ------------------------------------------------------------------ reasons

    static Stream<Arguments> scenarios() {
        return Stream.of(
            Arguments.of("no turns", List.of(), 0L, 0),
            Arguments.of("one turn", alternating(0.7), 5L, 0),
            Arguments.of("one-sided", turns().by(TRUMP, NAME, 1).after(Duration.ofDays(2)).by(TRUMP, MENTION, 0.9).list(), 1_000L, 1),
            Arguments.of("friendly", alternating(0, 0, 0, 0), 0L, 0),
            Arguments.of("severe", alternating(1, 1, 1, 1, 1, 1, 1, 1), Long.MAX_VALUE / 2, 50),
            Arguments.of("slow with reposts", turns().by(TRUMP, REPOST, 0.2).after(Duration.ofDays(3)).by(SESSIONS, QUOTE, 0.4)
                .after(Duration.ofDays(5)).by(TRUMP, NAME, 0.6).list(), 42L, 2),
            Arguments.of("simultaneous", turns().by(TRUMP, REPLY, 0.5).by(SESSIONS, REPLY, 0.5).list(), 1L, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theSixReasonsAreAlwaysThereWithValuesInRange(String name, List<Turn> turns, long engagement, int others) {
        Assessment a = scorer.assess(turns, PAIR, engagement, others);

        assertThat(a.reasons()).extracting(Reason::getCode)
            .containsExactlyInAnyOrder("RECIPROCAL", "HOSTILE", "DIRECT", "TEMPO", "HOSTILITY_RISING", "REACH");
        assertThat(a.reasons()).allSatisfy(r -> {
            assertThat(r.getValue()).isNotNull().isBetween(0.0, 1.0);
            assertThat(r.getDetail()).isNotBlank();
        });
        assertThat(a.score()).isBetween(0.0, 1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theScoreIsTheWeightedSumOfTheReasons(String name, List<Turn> turns, long engagement, int others) {
        Assessment a = scorer.assess(turns, PAIR, engagement, others);

        double sum = POLICY.weightHostility() * value(a, "HOSTILE") + POLICY.weightReciprocity() * value(a, "RECIPROCAL")
            + POLICY.weightDirectness() * value(a, "DIRECT") + POLICY.weightTempo() * value(a, "TEMPO")
            + POLICY.weightTrend() * value(a, "HOSTILITY_RISING") + POLICY.weightReach() * value(a, "REACH");
        assertThat(a.score()).isCloseTo(sum, within(0.002));
    }

    @Test
    void reciprocityCountsChangesOfDirection() {
        assertThat(value(assess(alternating(0.5, 0.5)), "RECIPROCAL")).isCloseTo(1 / 3.0, within(0.001));
        assertThat(value(assess(alternating(0.5, 0.5, 0.5)), "RECIPROCAL")).isCloseTo(2 / 3.0, within(0.001));
        assertThat(value(assess(alternating(0.5, 0.5, 0.5, 0.5, 0.5, 0.5)), "RECIPROCAL")).isEqualTo(1.0);
        assertThat(detail(assess(alternating(0.5, 0.5, 0.5)), "RECIPROCAL"))
            .isEqualTo("2 turns by Donald J. Trump, 1 by Jeff Sessions; 2 changes of direction");
    }

    @Test
    void hostilityNeedsBothSides() {
        Assessment a = assess(alternating(1.0, 0.2));

        // half the mean (0.6), half the less hostile side's worst turn (0.2)
        assertThat(value(a, "HOSTILE")).isCloseTo(0.4, within(0.001));
    }

    @Test
    void hostilityReadsOnlyTheLatestSixTurns() {
        Assessment a = assess(alternating(1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));

        // recent mean 0.5; each side's worst turn is 1.0
        assertThat(value(a, "HOSTILE")).isCloseTo(0.75, within(0.001));
    }

    @Test
    void directnessIsTheMeanWeightOfTheSpokenTurns() {
        List<Turn> mixed = turns().by(TRUMP, REPLY, 0.5).after(Duration.ofMinutes(5)).by(SESSIONS, MENTION, 0.5)
            .after(Duration.ofMinutes(5)).by(TRUMP, NAME, 0.5).after(Duration.ofMinutes(5)).by(SESSIONS, REPOST, 0.5).list();

        assertThat(value(assess(mixed), "DIRECT")).isCloseTo((1 + 0.6 + 0.5) / 3, within(0.001));
    }

    @Test
    void risingHostilityComparesTheLaterHalfWithTheEarlier() {
        assertThat(value(assess(alternating(0.1, 0.1, 0.3, 0.3)), "HOSTILITY_RISING")).isCloseTo(0.4, within(0.001));
        assertThat(value(assess(alternating(0.0, 0.2, 0.8, 1.0)), "HOSTILITY_RISING")).isEqualTo(1.0);
        assertThat(value(assess(alternating(0.9, 0.9, 0.1, 0.1)), "HOSTILITY_RISING")).isZero();
    }

    @Test
    void reachMixesEngagementOnALogScaleAndOtherFigures() {
        assertThat(value(scorer.assess(alternating(0.5, 0.5), PAIR, 0, 0), "REACH")).isZero();
        assertThat(value(scorer.assess(alternating(0.5, 0.5), PAIR, 99, 1), "REACH")).isCloseTo(0.7 * 0.4 + 0.3 / 3, within(0.001));
        assertThat(value(scorer.assess(alternating(0.5, 0.5), PAIR, 100_000, 3), "REACH")).isEqualTo(1.0);
        assertThat(value(scorer.assess(alternating(0.5, 0.5), PAIR, 10_000_000_000L, 40), "REACH")).isEqualTo(1.0);
    }

    @Test
    void aNegativeEngagementCountDoesNotBreakTheScore() {
        Assessment normal = scorer.assess(alternating(0.9, 0.9), PAIR, 0, 0);
        Assessment negative = scorer.assess(alternating(0.9, 0.9), PAIR, -50, 0);

        assertThat(normal.level()).isEqualTo(EscalationLevel.NOTICE);
        assertThat(negative.score()).isEqualTo(normal.score());
        assertThat(negative.level()).isEqualTo(EscalationLevel.NOTICE);
    }

    // ------------------------------------------------------------------ tempo

    private double tempoOfOneAnswerAfter(Duration answer) {
        return value(assess(turns().by(TRUMP, NAME, 0.6).after(answer).by(SESSIONS, QUOTE, 0.5).list()), "TEMPO");
    }

    @Test
    void anAnswerWithinHalfAnHourIsFullTempo() {
        assertThat(tempoOfOneAnswerAfter(Duration.ZERO)).isEqualTo(1.0);
        assertThat(tempoOfOneAnswerAfter(Duration.ofMinutes(30))).isEqualTo(1.0);
        assertThat(tempoOfOneAnswerAfter(Duration.ofMinutes(31))).isLessThan(1.0).isGreaterThan(0.99);
    }

    @Test
    void anAnswerAfterTwoDaysHasNoTempo() {
        assertThat(tempoOfOneAnswerAfter(Duration.ofHours(48))).isZero();
        assertThat(tempoOfOneAnswerAfter(Duration.ofDays(30))).isZero();
        assertThat(tempoOfOneAnswerAfter(Duration.ofHours(47))).isGreaterThan(0);
    }

    @Test
    void tempoIsLogarithmicBetween() {
        // the geometric middle of 30 min and 48 h is 30 min × √96
        Duration middle = Duration.ofMillis(Math.round(Duration.ofMinutes(30).toMillis() * Math.sqrt(96)));

        assertThat(tempoOfOneAnswerAfter(middle)).isCloseTo(0.5, within(0.001));
    }

    @Test
    void tempoUsesTheMedianAnswer() {
        List<Turn> turns = turns().by(TRUMP, REPLY, 0.5).after(Duration.ofMinutes(10)).by(SESSIONS, REPLY, 0.5)
            .after(Duration.ofMinutes(10)).by(TRUMP, REPLY, 0.5).after(Duration.ofHours(47)).by(SESSIONS, REPLY, 0.5).list();

        Assessment a = assess(turns);

        assertThat(value(a, "TEMPO")).isEqualTo(1.0);
        assertThat(detail(a, "TEMPO")).isEqualTo("median answer after 10m");
    }

    @Test
    void theSeedAnswerTimeIsShownReadably() {
        Assessment a = assess(turns().by(TRUMP, NAME, 0.63).after(Duration.ofSeconds(41 * 60 + 26)).by(SESSIONS, QUOTE, 0.47).list());

        assertThat(detail(a, "TEMPO")).isEqualTo("median answer after 41m");
        assertThat(EscalationScorer.human(Duration.ofHours(15).plusMinutes(10).toMillis())).isEqualTo("15h 10m");
        assertThat(EscalationScorer.human(45_000)).isEqualTo("45s");
    }

    // ------------------------------------------------------------------ reposts

    @Test
    void aRepostBackDoesNotMakeAnExchangeReciprocal() {
        List<Turn> repostedBack = turns().by(TRUMP, REPLY, 0.9).after(Duration.ofMinutes(10)).by(SESSIONS, REPOST, 0.9).list();
        List<Turn> quotedBack = turns().by(TRUMP, REPLY, 0.9).after(Duration.ofMinutes(10)).by(SESSIONS, QUOTE, 0.9).list();

        Assessment reposted = assess(repostedBack);

        assertThat(reposted.level()).isNull();
        assertThat(value(reposted, "RECIPROCAL")).isZero();
        assertThat(detail(reposted, "TEMPO")).isEqualTo("no answer yet");
        assertThat(assess(quotedBack).level()).isEqualTo(EscalationLevel.NOTICE);
    }

    @Test
    void aRepostBetweenTwoTurnsIsNotAChangeOfDirection() {
        List<Turn> turns = turns().by(TRUMP, REPLY, 0.9).after(Duration.ofMinutes(10)).by(SESSIONS, REPOST, 0.9)
            .after(Duration.ofMinutes(10)).by(TRUMP, REPLY, 0.9).after(Duration.ofMinutes(10)).by(SESSIONS, REPLY, 0.9).list();

        Assessment a = assess(turns);

        assertThat(value(a, "RECIPROCAL")).isCloseTo(1 / 3.0, within(0.001));
        assertThat(a.level()).isEqualTo(EscalationLevel.NOTICE);
    }

    // ------------------------------------------------------------------ gates

    @Test
    void oneChangeOfDirectionIsAtMostNoticeWhateverTheScore() {
        Assessment a = assess(alternating(0.9, 0.9));

        assertThat(a.score()).isGreaterThanOrEqualTo(POLICY.severeScore());
        assertThat(a.level()).isEqualTo(EscalationLevel.NOTICE);
    }

    @Test
    void twoChangesWithBothSidesHostileEscalate() {
        Assessment a = assess(alternating(0.9, 0.9, 0.9));

        assertThat(a.score()).as("SEVERE's score, but not its gate").isGreaterThanOrEqualTo(POLICY.severeScore());
        assertThat(a.level()).isEqualTo(EscalationLevel.ESCALATING);
    }

    @Test
    void escalatingNeedsEachSideAtAQuarterHostility() {
        Assessment below = assess(alternating(0.9, 0.24, 0.9));
        Assessment at = assess(alternating(0.9, 0.25, 0.9));

        assertThat(below.score()).isGreaterThanOrEqualTo(POLICY.escalatingScore());
        assertThat(below.level()).isEqualTo(EscalationLevel.NOTICE);
        assertThat(at.level()).isEqualTo(EscalationLevel.ESCALATING);
    }

    @Test
    void threeChangesWithBothSidesAtHalfAreSevere() {
        assertThat(assess(alternating(0.9, 0.9, 0.9, 0.9)).level()).isEqualTo(EscalationLevel.SEVERE);
        assertThat(assess(alternating(0.9, 0.5, 0.9, 0.5)).level()).isEqualTo(EscalationLevel.SEVERE);
    }

    @Test
    void severeNeedsEachSideAtHalfHostility() {
        Assessment a = assess(alternating(0.9, 0.49, 0.9, 0.49));

        assertThat(a.score()).isGreaterThanOrEqualTo(POLICY.severeScore());
        assertThat(value(a, "RECIPROCAL")).isEqualTo(1.0);
        assertThat(a.level()).isEqualTo(EscalationLevel.ESCALATING);
    }

    @Test
    void levelsNeedTheirScore() {
        // slow, name-only, no reach: SEVERE's gates pass but the score stays at NOTICE
        List<Turn> slow = turns().by(TRUMP, NAME, 0.5).after(Duration.ofDays(2)).by(SESSIONS, NAME, 0.5)
            .after(Duration.ofDays(2)).by(TRUMP, NAME, 0.5).after(Duration.ofDays(2)).by(SESSIONS, NAME, 0.5).list();

        Assessment a = scorer.assess(slow, PAIR, 0, 0);

        assertThat(a.score()).isBetween(POLICY.noticeScore(), POLICY.escalatingScore());
        assertThat(a.level()).isEqualTo(EscalationLevel.NOTICE);
        Assessment firstTwo = scorer.assess(slow.subList(0, 2), PAIR, 0, 0);
        assertThat(firstTwo.score()).isLessThan(POLICY.noticeScore());
        assertThat(firstTwo.level()).isNull();
    }

    @Test
    void theGatesFollowThePolicy() {
        EscalationPolicy lenient = new EscalationPolicy(0.35, 0.20, 0.15, 0.10, 0.10, 0.10, 0.35, 0.50, 0.70, 0.20, 0.25, 0.50, 1, 1);

        assertThat(new EscalationScorer(lenient).assess(alternating(0.9, 0.9), PAIR, FULL_ENGAGEMENT, FULL_OTHERS).level())
            .isEqualTo(EscalationLevel.SEVERE);
    }
}
