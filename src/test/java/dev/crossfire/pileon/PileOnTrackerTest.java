package dev.crossfire.pileon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.PileOnPolicy;
import dev.crossfire.exchange.ExchangeTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pile-on rules without Kafka: turns in, state and alerts out. */
class PileOnTrackerTest {

    private static final Instant T0 = Instant.parse("2021-03-01T15:00:00Z");
    private final PileOnTracker tracker = new PileOnTracker(PileOnPolicy.defaults());
    private final List<PileOnAlert> alerts = new ArrayList<>();
    private PileOnState state;

    private static Interaction turn(String postId, String from, String to, long minutes, double hostility, String text, String quoted) {
        Turn turn = Turn.newBuilder().setPostId(postId).setFigureId(from).setTargetFigureId(to).setKind(InteractionKind.MENTION)
            .setCreatedAt(T0.plus(Duration.ofMinutes(minutes))).setHostility(hostility).setText(text).build();
        return Interaction.newBuilder().setPairKey(ExchangeTracker.pairKey(from, to)).setTurn(turn).setSourceName(name(from))
            .setTargetName(name(to)).setQuotedPostId(quoted).build();
    }

    private static String name(String id) {
        return id.substring(0, 1).toUpperCase() + id.substring(1);
    }

    private void attack(Interaction turn) {
        if (tracker.isAttack(turn)) {
            keep(tracker.attack(state, turn));
        }
    }

    private void answer(Interaction turn) {
        keep(tracker.answer(state, turn));
    }

    private void keep(PileOnTracker.Outcome outcome) {
        if (outcome.changed()) {
            state = outcome.state();
        }
        if (outcome.alert() != null) {
            alerts.add(outcome.alert());
        }
    }

    private static double value(PileOnAlert alert, String code) {
        return alert.getReasons().stream().filter(r -> r.getCode().equals(code)).map(Reason::getValue).findFirst().orElseThrow();
    }

    @Test
    void twoAttackersAreNotAPileOnAndTheThirdMakesOne() {
        attack(turn("p1", "ann", "gov", 0, 0.8, "you are a liar", null));
        attack(turn("p2", "bob", "gov", 10, 0.7, "a corrupt fraud", null));
        assertThat(alerts).isEmpty();
        attack(turn("p3", "cid", "gov", 20, 0.9, "resign now, coward", null));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getLevel()).isEqualTo(EscalationLevel.NOTICE);
            assertThat(a.getPileOnId()).isEqualTo("gov|" + T0);
            assertThat(a.getTriggeredBy()).isEqualTo("p3");
        });
    }

    @Test
    void mildTurnsAreNotAttacksAndOneAttackerManyTimesIsNotAPileOn() {
        for (int i = 0; i < 6; i++) {
            attack(turn("m" + i, "fig" + i, "gov", i, 0.2, "I disagree with the plan", null));
        }
        for (int i = 0; i < 6; i++) {
            attack(turn("a" + i, "ann", "gov", 10 + i, 0.95, "liar liar liar", null));
        }
        assertThat(alerts).isEmpty();
        assertThat(state.getTurns()).extracting(i -> i.getTurn().getFigureId()).containsOnly("ann");
    }

    @Test
    void attacksFurtherApartThanTheWindowStartANewPileOn() {
        attack(turn("p1", "ann", "gov", 0, 0.8, "you are a liar", null));
        attack(turn("p2", "bob", "gov", 60 * 5, 0.8, "you are a fraud", null));
        attack(turn("p3", "cid", "gov", 60 * 12, 0.8, "you are a coward", null)); // 7 hours after the last: a new one
        assertThat(alerts).isEmpty();
        assertThat(state.getPileOnId()).isEqualTo("gov|" + T0.plus(Duration.ofHours(12)));
        assertThat(tracker.isOver(state, T0.plus(Duration.ofHours(18)).toEpochMilli() + 1)).isTrue();
        assertThat(tracker.isOver(state, T0.plus(Duration.ofHours(18)).toEpochMilli())).isFalse();
    }

    @Test
    void quotingTheSamePostOrCopyingOneScriptCountsAsCoordinated() {
        attack(turn("p1", "ann", "gov", 0, 0.8, "Look at this disgrace", "x:99"));
        attack(turn("p2", "bob", "gov", 5, 0.8, "Unbelievable. Resign!", "x:99"));
        attack(turn("p3", "cid", "gov", 9, 0.8, "@gov The governor lied to every family in this state today https://t.co/a", null));
        attack(turn("p4", "dan", "gov", 12, 0.8, "@gov the governor lied to every family in this state today https://t.co/b", null));
        attack(turn("p5", "eve", "gov", 14, 0.8, "@gov What a pathetic week for the governor and his staff", null));
        PileOnAlert last = alerts.get(alerts.size() - 1);
        assertThat(value(last, "COORDINATED")).isEqualTo(0.8);
        assertThat(last.getReasons()).filteredOn(r -> r.getCode().equals("COORDINATED")).extracting(Reason::getDetail)
            .containsExactly("4 of 5 attackers quote the same post or use the same words as another");
    }

    @Test
    void theTargetsAnswersToItsAttackersArePartOfItOthersAreNot() {
        attack(turn("p1", "ann", "gov", 0, 0.8, "you are a liar", null));
        attack(turn("p2", "bob", "gov", 10, 0.8, "a corrupt fraud", null));
        answer(turn("g1", "gov", "ann", 12, 0.6, "you are the liar", null));
        answer(turn("g2", "gov", "zed", 13, 0.6, "thanks for your support", null)); // zed never attacked
        attack(turn("p3", "cid", "gov", 20, 0.9, "resign now, coward", null));
        PileOnAlert alert = alerts.get(0);
        assertThat(alert.getTurns()).extracting(Turn::getPostId).containsExactly("p1", "p2", "g1", "p3");
        assertThat(alert.getAttackers()).extracting(f -> f.getId()).containsExactly("ann", "bob", "cid");
        assertThat(value(alert, "ANSWERED")).isEqualTo(0.5);
        answer(turn("g3", "gov", "bob", 60 * 7, 0.6, "late answer", null)); // after the pile-on is over
        assertThat(state.getTurns()).extracting(i -> i.getTurn().getPostId()).doesNotContain("g3");
    }

    @Test
    void aRedeliveredTurnChangesNothingAndEachLevelIsAlertedOnce() {
        Interaction p1 = turn("p1", "ann", "gov", 0, 0.9, "you are a liar", null);
        attack(p1);
        attack(turn("p2", "bob", "gov", 1, 0.9, "a corrupt fraud", null));
        attack(turn("p3", "cid", "gov", 2, 0.9, "resign now, coward", null));
        attack(p1);
        attack(turn("p4", "cid", "gov", 3, 0.9, "and again: resign", null));
        assertThat(alerts).extracting(PileOnAlert::getLevel).containsExactly(EscalationLevel.NOTICE);
        assertThat(state.getTurns()).hasSize(4);
    }

    @Test
    void anEarlierAttackArrivingLateMovesTheStartUntilAnAlertHasCarriedTheId() {
        attack(turn("p2", "bob", "gov", 10, 0.8, "a corrupt fraud", null));
        attack(turn("p1", "ann", "gov", 0, 0.8, "you are a liar", null));
        assertThat(state.getPileOnId()).isEqualTo("gov|" + T0);
        attack(turn("p3", "cid", "gov", 20, 0.9, "resign now, coward", null));
        attack(turn("p0", "dan", "gov", -5, 0.9, "liar", null));
        assertThat(state.getPileOnId()).as("frozen once alerted").isEqualTo("gov|" + T0);
        assertThat(state.getStartedAt()).isEqualTo(T0.minus(Duration.ofMinutes(5)));
    }

    @Test
    void sameWordsNeedsAScriptNotCommonInsults() {
        assertThat(PileOnScorer.sameWords("@gov Pathetic and corrupt. You should resign, you fraud.",
            "@gov Corrupt, incompetent and dishonest. Resign now, you fraud!")).isFalse();
        assertThat(PileOnScorer.sameWords("@gov The governor lied to every family in this state",
            "@other_handle the governor LIED to every family in this state!!")).isTrue();
        assertThat(PileOnScorer.sameWords("Resign!", "Resign!")).as("too short to tell").isFalse();
    }
}
