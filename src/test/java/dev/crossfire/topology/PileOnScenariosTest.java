package dev.crossfire.topology;

import static dev.crossfire.testing.FigureBuilder.figure;
import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.testing.PostBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pile-ons through the production topology: several figures turning on one, from posts to the pile-ons topic. */
class PileOnScenariosTest {

    private static final List<PublicFigure> SENATE = List.of(
        figure("ted-cruz", "Ted Cruz", "SenTedCruz", "Cruz", "Ted Cruz"),
        figure("john-cornyn", "John Cornyn", "JohnCornyn", "Cornyn", "John Cornyn"),
        figure("rand-paul", "Rand Paul", "RandPaul", "Rand Paul"),
        figure("mike-lee", "Mike Lee", "SenMikeLee", "Mike Lee"),
        figure("josh-hawley", "Josh Hawley", "HawleyMO", "Hawley"),
        figure("gavin-newsom", "Gavin Newsom", "GavinNewsom", "Newsom", "Gavin Newsom"));

    private static final Instant VOTE = Instant.parse("2020-05-20T13:00:00Z");

    private static PostBuilder attack(String id, String handle, long minutes, String text) {
        return post(id, handle, VOTE.plus(Duration.ofMinutes(minutes)), text).mentions("GavinNewsom");
    }

    @Test
    void threeFiguresAttackingOneWhoNeverAnswersRaiseAPileOnAndNoExchangeAlert() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(SENATE);
            t.send(attack("x:1", "SenTedCruz", 0, "@GavinNewsom You are a liar and a coward. A disgrace to California!"),
                attack("x:2", "JohnCornyn", 25, "@GavinNewsom Pathetic and corrupt. You should resign, you fraud."),
                attack("x:3", "RandPaul", 50, "@GavinNewsom What a disgusting hypocrite. Your lies destroyed the state!"));
            assertThat(t.alerts()).as("no pair answers each other: no exchange").isEmpty();
            List<PileOnAlert> pileOns = t.pileOns();
            assertThat(pileOns).hasSize(1);
            PileOnAlert alert = pileOns.get(0);
            assertThat(alert.getLevel()).isEqualTo(EscalationLevel.NOTICE);
            assertThat(alert.getTarget().getId()).isEqualTo("gavin-newsom");
            assertThat(alert.getAttackers()).extracting(FigureRef::getId).containsExactly("ted-cruz", "john-cornyn", "rand-paul");
            assertThat(alert.getTurns()).extracting(Turn::getPostId).containsExactly("x:1", "x:2", "x:3");
            assertThat(alert.getTriggeredBy()).isEqualTo("x:3");
            assertThat(alert.getPileOnId()).isEqualTo("gavin-newsom|" + VOTE);
            assertThat(alert.getReasons()).extracting(Reason::getCode).contains("ATTACKERS", "ATTACK_HOSTILITY", "ANSWERED");
            assertThat(alert.getReasons()).filteredOn(r -> r.getCode().equals("ANSWERED")).extracting(Reason::getDetail)
                .containsExactly("Gavin Newsom has not answered");
        }
    }

    @Test
    void alliesAttackingAThirdRaiseNoFeudBetweenThemAndWithThreeOfThemAPileOnOnTheThird() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(SENATE);
            PostBuilder a = post("x:10", "SenTedCruz", VOTE, "Gavin Newsom is a liar and a coward. He betrayed California!");
            PostBuilder b = post("x:11", "JohnCornyn", VOTE.plus(Duration.ofMinutes(6)),
                "@SenTedCruz Exactly right, my friend. Newsom is a disgrace and a fraud.").replyTo(a.id(), "SenTedCruz");
            PostBuilder c = post("x:12", "SenTedCruz", VOTE.plus(Duration.ofMinutes(11)),
                "@JohnCornyn Thank you, John. Newsom should resign, the corrupt coward!").replyTo(b.id(), "JohnCornyn");
            PostBuilder d = post("x:13", "JohnCornyn", VOTE.plus(Duration.ofMinutes(17)),
                "@SenTedCruz Well said, Ted. Newsom lied to every voter. Pathetic!").replyTo(c.id(), "SenTedCruz");
            t.send(a, b, c, d);
            assertThat(t.alerts()).as("two allies agree").isEmpty();
            assertThat(t.pileOns()).as("two attackers are not yet a pile-on").isEmpty();

            PostBuilder e = post("x:14", "SenMikeLee", VOTE.plus(Duration.ofMinutes(30)),
                "@SenTedCruz @JohnCornyn Agreed, both of you. Newsom is a dishonest disgrace!").replyTo(d.id(), "JohnCornyn")
                .mentions("SenTedCruz", "JohnCornyn");
            t.send(e);
            assertThat(t.alerts()).as("three allies agree: still no feud among them").isEmpty();
            List<PileOnAlert> pileOns = t.pileOns();
            assertThat(pileOns).extracting(p -> p.getTarget().getId()).containsExactly("gavin-newsom");
            assertThat(pileOns.get(0).getAttackers()).extracting(FigureRef::getId).containsExactly("ted-cruz", "john-cornyn", "mike-lee");
        }
    }

    @Test
    void aCivilDebateAmongManyRaisesNothing() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(SENATE);
            String[] civil = {
                "@GavinNewsom I respectfully disagree with the budget plan. Let's talk about the numbers.",
                "@GavinNewsom Thank you for the call today. We still differ on water policy, but I appreciate it.",
                "@GavinNewsom Good discussion at the hearing. I hope we can find common ground on wildfires.",
                "@GavinNewsom Your proposal has merits, though I would fund it differently.",
                "@GavinNewsom Congratulations on the agreement, even if I voted the other way."};
            String[] handles = {"SenTedCruz", "JohnCornyn", "RandPaul", "SenMikeLee", "HawleyMO"};
            for (int i = 0; i < civil.length; i++) {
                t.send(attack("x:2" + i, handles[i], 10L * i, civil[i]));
            }
            t.send(post("x:30", "GavinNewsom", VOTE.plus(Duration.ofMinutes(60)),
                "@SenTedCruz @JohnCornyn Thank you all, happy to keep talking.").mentions("SenTedCruz", "JohnCornyn"));
            assertThat(t.pileOns()).isEmpty();
            assertThat(t.alerts()).isEmpty();
        }
    }

    /** The desk applies turns in event-time order: disorder within the allowed lateness changes no pile-on, id or level. */
    @Test
    void theSamePostsInAnotherArrivalOrderWithinTheLatenessGiveTheSamePileOns() {
        List<PostBuilder> posts = List.of(
            attack("x:60", "SenTedCruz", 0, "@GavinNewsom You are a liar and a coward. A disgrace to California!"),
            attack("x:61", "JohnCornyn", 8, "@GavinNewsom Pathetic and corrupt. You should resign, you fraud."),
            attack("x:62", "RandPaul", 15, "@GavinNewsom What a disgusting hypocrite. Your lies destroyed the state!"),
            attack("x:63", "SenMikeLee", 24, "@GavinNewsom Corrupt, incompetent and dishonest. Resign now, you fraud!"),
            attack("x:64", "HawleyMO", 29, "@GavinNewsom A lying coward who destroyed California. Shameful disgrace!"));
        List<String> inOrder = pileOnsOf(posts);
        List<PostBuilder> shuffled = new java.util.ArrayList<>(posts);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(shuffled).isNotEqualTo(posts);
        assertThat(pileOnsOf(shuffled)).isEqualTo(inOrder).hasSize(3);
        assertThat(pileOnsOf(List.of(posts.get(4), posts.get(3), posts.get(2), posts.get(1), posts.get(0)))).isEqualTo(inOrder);
    }

    private static List<String> pileOnsOf(List<PostBuilder> posts) {
        try (TopologyFixture t = new TopologyFixture(dev.crossfire.config.CrossfireSettings.batch().withAllowedLateness(Duration.ofHours(1)))) {
            t.registry(SENATE);
            t.send(posts.toArray(PostBuilder[]::new));
            t.endOfInput();
            return t.pileOns().stream().map(p -> p.getAlertId() + " " + p.getLevel() + " " + p.getTriggeredBy() + " " + p.getScore()).toList();
        }
    }

    @Test
    void fiveAttackersWithinTheHourWhoseTargetAnswersBackRiseToSevereOnceAtEachLevel() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(SENATE);
            t.send(attack("x:40", "SenTedCruz", 0, "@GavinNewsom You are a liar and a coward. A disgrace to California!"),
                attack("x:41", "JohnCornyn", 8, "@GavinNewsom Pathetic and corrupt. You should resign, you fraud."),
                attack("x:42", "RandPaul", 15, "@GavinNewsom What a disgusting hypocrite. Your lies destroyed the state!"),
                post("x:43", "GavinNewsom", VOTE.plus(Duration.ofMinutes(20)), "@RandPaul You are the liar here, you pathetic clown.")
                    .mentions("RandPaul"),
                attack("x:44", "SenMikeLee", 24, "@GavinNewsom Corrupt, incompetent and dishonest. Resign now, you fraud!"),
                attack("x:45", "HawleyMO", 29, "@GavinNewsom A lying coward who destroyed California. Shameful disgrace!"));
            List<PileOnAlert> pileOns = t.pileOns();
            assertThat(pileOns).extracting(PileOnAlert::getLevel)
                .containsExactly(EscalationLevel.NOTICE, EscalationLevel.ESCALATING, EscalationLevel.SEVERE);
            assertThat(pileOns).extracting(PileOnAlert::getTriggeredBy).containsExactly("x:42", "x:44", "x:45");
            PileOnAlert last = pileOns.get(pileOns.size() - 1);
            assertThat(last.getLevel()).isEqualTo(EscalationLevel.SEVERE);
            assertThat(last.getAttackers()).hasSize(5);
            assertThat(last.getTurns()).extracting(Turn::getPostId).contains("x:43"); // the target's answer is part of it
            assertThat(last.getReasons()).filteredOn(r -> r.getCode().equals("ANSWERED")).extracting(Reason::getDetail)
                .containsExactly("Gavin Newsom answered 1 time");
            assertThat(pileOns).extracting(PileOnAlert::getPileOnId).containsOnly("gavin-newsom|" + VOTE);
            assertThat(pileOns).extracting(PileOnAlert::getAlertId).doesNotHaveDuplicates();
        }
    }
}
