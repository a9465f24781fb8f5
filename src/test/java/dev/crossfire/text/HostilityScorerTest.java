package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The scorer the topology uses: the rules and the bundled model together, on what an editor would call hostile or not. */
class HostilityScorerTest {

    private static final HostilityScorer SCORER = new HostilityScorer();

    @Test
    void friendlyRibbingBetweenAlliesIsNotHostile() {
        Hostility h = SCORER.score("you absolute menace, congrats on the win 😂");
        assertThat(h.hostile()).isFalse();
        assertThat(h.cues()).contains("softened: congrats", "softened: 😂");
        assertThat(h.score()).isLessThan(SCORER.score("you absolute menace").score());
    }

    @Test
    void aSharpPoliteAttackIsHostile() {
        Hostility h = SCORER.score("the Senator knows these figures are false and keeps repeating them anyway");
        assertThat(h.hostile()).isTrue();
        assertThat(h.cues()).anyMatch(c -> c.startsWith("accusation: "));
    }

    @Test
    void negationTakesTheStingOut() {
        Hostility negated = SCORER.score("He is not a liar");
        Hostility plain = SCORER.score("He is a liar");
        assertThat(plain.hostile()).isTrue();
        assertThat(negated.hostile()).isFalse();
        assertThat(negated.cues()).contains("negated: not liar");
    }

    @Test
    void aPersonalAttackScoresAboveTheSameInsultInTheAir() {
        assertThat(SCORER.score("You are a liar and a coward").score())
                .isGreaterThan(SCORER.score("There are liars and cowards in every story").score());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Thank you for your service, Senator.",
        "The vote is on Tuesday.",
        "Great meeting with the Governor today to discuss infrastructure.",
        "Happy birthday to our wonderful volunteers at the food bank.",
    })
    void everydayPostsAreNotHostile(String text) {
        assertThat(SCORER.score(text).score()).isLessThan(0.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "You are a f*cking idiot",
        "RESIGN NOW, YOU CORRUPT COWARD!!!",
        "Shut up, you pathetic clown",
        "#LockHerUp #CrookedHillary",
    })
    void plainAttacksAreHostile(String text) {
        assertThat(SCORER.score(text).hostile()).as(text).isTrue();
    }

    @Test
    void reasonsNameTheRulesFindingsAndTheWordsThatWeighed() {
        Hostility h = SCORER.score("You are such a liar");
        assertThat(h.cues()).contains("personal attack: liar", "second-person address");
        assertThat(h.cues()).hasSizeLessThanOrEqualTo(HostilityScorer.MAX_CUES);
        assertThat(h.cues()).noneMatch(c -> c.equals("weighs up: you")).as("second person is named by the rules, not as a word");
    }

    @Test
    void wordsTheListsLackStillWeighThroughTheModel() {
        Hostility h = SCORER.score("lol you clown, see you at the game saturday");
        assertThat(h.cues()).contains("softened: lol");
        Hostility resign = SCORER.score("You are a disgrace to the office. Resign.");
        assertThat(resign.cues()).contains("personal attack: disgrace", "demand: resign");
        // no list holds "lmao" or "dude": what the model learnt from the labelled comments names them
        Hostility learnt = SCORER.score("lmao dude");
        assertThat(learnt.cues()).contains("weighs up: lmao", "weighs up: dude");
        assertThat(learnt.score()).isPositive();
    }

    @Test
    void mockPraiseIsAnAttackAndSincereThanksAreNot() {
        Hostility mock = SCORER.score("Great job destroying healthcare, really proud of you 👏");
        assertThat(mock.cues()).contains("mock praise: great job ... destroying").noneMatch(c -> c.startsWith("softened: "));
        assertThat(mock.hostile()).isTrue();
        assertThat(SCORER.score("what a genius plan, Senator 🙃").hostile()).isTrue();
        assertThat(SCORER.score("Thank you for fighting for health care.").hostile()).isFalse();
        assertThat(SCORER.score("What a brilliant speech tonight, Congresswoman.").hostile()).isFalse();
        assertThat(SCORER.score("@SenX 🙄").cues()).contains("eye-roll: 🙄");
        assertThat(SCORER.score("@SenX 🤡").cues()).contains("clown emoji");
    }

    @Test
    void reportedSpeechIsNotAnAttackByTheSpeaker() {
        Hostility reported = SCORER.score("He called me a liar on live TV.");
        assertThat(reported.cues()).contains("reported: called me liar");
        assertThat(reported.hostile()).isFalse();
        assertThat(SCORER.score("Call me a liar if you want, Senator, but you are the coward here.").hostile()).isTrue();
    }

    @Test
    void emptyAndMissingTextScoreZero() {
        assertThat(SCORER.score(null)).isEqualTo(Hostility.NONE);
        assertThat(SCORER.score("")).isEqualTo(Hostility.NONE);
    }

    @Test
    void hugeTextIsReadOnlyUpToTheBound() {
        String huge = "you liar ".repeat(200_000) + "😂";
        Hostility h = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SCORER.score(huge));
        assertThat(h.score()).isBetween(0.0, 1.0);
        assertThat(h.cues()).doesNotContain("softened: 😂").as("the emoji lies past the bound");
    }

    @Test
    void rulesOnlyIsTheRulesScore() {
        String text = "Jeff Sessions is a total disgrace";
        assertThat(HostilityScorer.rulesOnly().score(text)).isEqualTo(new HostilityRules().score(text));
    }
}
