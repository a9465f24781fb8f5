package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostilityRulesTest {

    private static final HostilityRules SCORER = new HostilityRules();

    private static Hostility score(String text) {
        return SCORER.score(text);
    }

    @Nested
    class Examples {

        @ParameterizedTest
        @ValueSource(strings = {
            "Congratulations to my friend @SenX on the bill!",
            "Thank you for your leadership",
            "Great to see you at the hearing today",
            "I look forward to working with you",
            "Proud to stand with our veterans today. Thank you for your service!",
            "Great debate tonight, @tedcruz. Let's do it again",
        })
        void friendlyTextScoresNearZero(String text) {
            assertThat(score(text).score()).isLessThan(0.15);
        }

        @Test
        void thirdPersonInsultIsHostile() {
            Hostility h = score("Tuberville's a coward who is rightly too afraid to debate me");
            assertThat(h.score()).isGreaterThanOrEqualTo(0.5);
            assertThat(h.hostile()).isTrue();
            assertThat(h.cues()).contains("insult: coward");
        }

        @Test
        void shoutedSecondPersonAttackScoresHigh() {
            Hostility h = score("You were a DISASTER as AG, you let us all down. Not stupid enough to believe you anymore!");
            assertThat(h.score()).isGreaterThanOrEqualTo(0.6);
            assertThat(h.cues()).contains(
                    "put-down: disaster", "shouted: DISASTER", "attack: let us all down",
                    "negated: not stupid", "second-person address", "exclamations 1");
        }

        @Test
        void mildProfanityTowardTheReaderIsModerate() {
            Hostility h = score("Look, I know your anger, but recusal was required by law. "
                    + "I did my duty & you're damn fortunate I did.");
            assertThat(h.score()).isBetween(0.25, 0.6);
            assertThat(h.hostile()).isFalse();
            assertThat(h.cues()).contains("profanity: damn", "second-person address");
        }

        @Test
        void attackPhrasesWithAGap() {
            assertThat(score("Jeff Sessions had his chance and let our country down.").cues())
                    .contains("attack: let our country down");
            assertThat(score("You had your chance, Senator.").hostile()).isTrue();
        }
    }

    @Nested
    class Rules {

        @Test
        void accusationsOfLyingOrBadFaithNeedNoSwearWord() {
            Hostility h = score("the Senator knows these figures are false and keeps repeating them anyway");
            assertThat(h.cues()).contains("accusation: knows these figures are false", "accusation: keeps repeating");
            assertThat(h.hostile()).isTrue();
            assertThat(score("You are lying to the American people").cues()).contains("accusation: are lying");
        }

        @Test
        void aNegatedAccusationCountsAThird() {
            Hostility h = score("He is not lying to us");
            assertThat(h.cues()).anyMatch(c -> c.startsWith("negated: not"));
            assertThat(h.score()).isLessThan(score("He is lying to us").score() / 2);
        }

        @Test
        void demandsWeighLessThanInsults() {
            Hostility demand = score("Resign now.");
            assertThat(demand.cues()).contains("demand: resign now");
            assertThat(demand.hostile()).isFalse();
            assertThat(score("Resign now, you coward.").score()).isGreaterThan(demand.score());
        }

        @Test
        void laughterCongratulationsAndBetsSoften() {
            double plain = score("you absolute menace").score();
            Hostility once = score("you absolute menace lol");
            Hostility twice = score("you absolute menace, congrats on the win 😂");
            assertThat(once.cues()).contains("softened: lol");
            assertThat(once.score()).isCloseTo(plain * HostilityRules.SOFTENED_ONCE, org.assertj.core.api.Assertions.within(0.002));
            assertThat(twice.score()).isCloseTo(plain * HostilityRules.SOFTENED_MORE, org.assertj.core.api.Assertions.within(0.002));
            assertThat(score("fine, you are on, loser").cues()).contains("softened: you are on");
            assertThat(score("loser buys the beer").hostile()).as("a wager, not an insult").isFalse();
        }

        @Test
        void secondPersonTurnsAnInsultIntoAPersonalAttack() {
            Hostility you = score("You are a liar");
            Hostility he = score("He is a liar");
            assertThat(you.score()).isGreaterThan(he.score());
            assertThat(you.cues()).contains("personal attack: liar", "second-person address");
            assertThat(he.cues()).containsExactly("insult: liar");
            assertThat(score("you're a coward").cues()).contains("personal attack: coward");
        }

        @Test
        void negationLowersTheCue() {
            Hostility negated = score("He is not corrupt");
            assertThat(negated.score()).isLessThan(score("He is corrupt").score()).isLessThan(0.3);
            assertThat(negated.cues()).contains("negated: not corrupt");
            assertThat(score("She was never a liar").cues()).contains("negated: never liar");
        }

        @Test
        void aCommandIsNoNegation() {
            Hostility h = score("Don't be a jerk, Senator.");
            assertThat(h.hostile()).isTrue();
            assertThat(h.cues()).contains("personal attack: jerk");
        }

        @Test
        void selfDeprecationIsNoAttack() {
            assertThat(score("I'm such an idiot, forgot my umbrella").hostile()).isFalse();
        }

        @Test
        void profanityFromTheDictionaryAndOurList() {
            assertThat(score("This is bullshit").cues()).contains("profanity: bullshit");
            assertThat(score("wtf is this bill").cues()).contains("profanity: wtf");
            assertThat(score("Who the hell are you to lecture me?").hostile()).isTrue();
            assertThat(score("fuck you").score()).isGreaterThan(score("damn").score());
        }

        @Test
        void maskedProfanityCounts() {
            Hostility h = score("F**K OFF and don't come back");
            assertThat(h.hostile()).isTrue();
            assertThat(h.cues()).contains("profanity: f**k");
            assertThat(score("what a sh*t show").cues()).contains("profanity: sh*t");
        }

        @Test
        void ambiguousDictionaryWordsAreIgnored() {
            assertThat(score("A swallow nests under the bridge in Queens").score()).isZero();
        }

        @Test
        void capitalsAmplifyAndAreReported() {
            Hostility shouting = score("YOU ARE A TOTAL DISGRACE");
            assertThat(shouting.score()).isGreaterThan(score("You are a total disgrace").score());
            assertThat(shouting.cues()).anyMatch(c -> c.matches("capitals 9\\d%"));
            // shouting alone is not hostility
            assertThat(score("THANK YOU ALABAMA!!! WE WON!").hostile()).isFalse();
        }

        @Test
        void exclamationsAmplifyAndAreReported() {
            Hostility h = score("Liar!!!");
            assertThat(h.score()).isGreaterThan(score("Liar").score());
            assertThat(h.cues()).contains("insult: liar", "exclamations 3");
        }

        @Test
        void elongatedWordsAreRecognised() {
            assertThat(score("you are such a liiiiar").cues()).contains("personal attack: liar");
            assertThat(score("sooo stuuupid").cues()).contains("insult: stupid");
        }

        @Test
        void hyphenatedEntriesMatch() {
            assertThat(score("a two-faced hypocrite").cues()).contains("insult: two faced", "insult: hypocrite");
        }

        @Test
        void repeatingAWordAddsLittle() {
            double once = score("stupid bill").score();
            double many = score("stupid stupid stupid stupid stupid stupid bill").score();
            assertThat(many).isLessThanOrEqualTo(1.0 - (1.0 - once) * (1.0 - once * HostilityRules.REPEAT) + 1e-3);
        }

        @Test
        void urlsAndHandlesAreNotWords() {
            assertThat(score("see https://example.com/idiot-liar-coward and @LiarLiar").score()).isZero();
        }

        @Test
        void scoreIsInRangeAndCuesAreBounded() {
            Hostility h = score("You liar! You coward! You traitor! You fraud! You crook! You loser! You moron! "
                    + "You idiot! You clown! You hypocrite! You bigot! You thug!");
            assertThat(h.score()).isBetween(0.9, 1.0);
            assertThat(h.cues()).hasSizeLessThanOrEqualTo(HostilityRules.MAX_CUES);
        }
    }

    @Nested
    class EdgeCases {

        @Test
        void nullAndEmptyScoreZero() {
            assertThat(score(null)).isEqualTo(Hostility.NONE);
            assertThat(score("")).isEqualTo(Hostility.NONE);
            assertThat(score("   \n\t ")).isEqualTo(Hostility.NONE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"OK", "USA", "NATO", "OK!", "The USA and NATO met the EU in DC", "GOP", "RT"})
        void shortCapitalsAreNotShouting(String text) {
            Hostility h = score(text);
            assertThat(h.score()).isLessThan(0.15);
            assertThat(h.cues()).noneMatch(c -> c.startsWith("capitals"));
        }

        @Test
        void emoji() {
            assertThat(score("🔥🔥🔥 Great job today! 👏👏").score()).isLessThan(0.15);
            assertThat(score("😀").score()).isZero();
            assertThat(score("You are a liar 🤥🤥").cues()).contains("personal attack: liar");
            assertThat(score("coward🐔").cues()).contains("insult: coward");
        }

        @Test
        void rightToLeftScripts() {
            assertThat(score("شكرا جزيلا على قيادتك يا صديقي").score()).isZero(); // Arabic: thanks for your leadership
            assertThat(score("תודה רבה על המנהיגות שלך, חבר").score()).isZero(); // Hebrew: the same
            // no capitals in scripts without case, however long the text
            assertThat(score("مرحبا ".repeat(200)).cues()).isEmpty();
            // English insults inside right-to-left text are still found
            assertThat(score("אתה coward!").cues()).contains("insult: coward");
            assertThat(score("\u202Bهذا liar\u202C").cues()).contains("insult: liar");
        }

        @Test
        void onlyTheFirstTenThousandCharactersAreRead() {
            String padding = "lorem ipsum ".repeat(HostilityRules.MAX_CHARS / 12 + 10);
            assertThat(score("coward " + padding).hostile()).isTrue();
            assertThat(score(padding + " coward").score()).isZero();
        }

        @Test
        void aSurrogatePairAtTheCutIsNotSplit() {
            String text = "a".repeat(HostilityRules.MAX_CHARS - 1) + "😀 liar";
            assertThat(score(text).score()).isZero();
        }

        @Test
        void oneMegabyteTextsAreFast() {
            int mb = 1 << 20;
            List<String> texts = List.of(
                    "You liar! ".repeat(mb / 10),
                    "a".repeat(mb),
                    "*".repeat(mb),
                    "!".repeat(mb),
                    "'".repeat(mb),
                    "not ".repeat(mb / 4),
                    "let ".repeat(mb / 4),
                    "http://x".repeat(mb / 8),
                    "@".repeat(mb),
                    "f*".repeat(mb / 2),
                    "x'".repeat(mb / 2),
                    "😀".repeat(mb / 2),
                    "ש".repeat(mb));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (String t : texts) {
                    for (int i = 0; i < 20; i++) {
                        Hostility h = score(t);
                        assertThat(h.score()).isBetween(0.0, 1.0);
                    }
                }
            });
            assertThat(score("You liar! ".repeat(mb / 10)).hostile()).isTrue();
        }

        @Test
        void thousandsOfPostsPerSecond() {
            String post = "You were a DISASTER as AG, you let us all down. Not stupid enough to believe you anymore!";
            for (int i = 0; i < 2_000; i++) {
                score(post); // warm up
            }
            long start = System.nanoTime();
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                score(post + i);
            }
            double perSecond = n / ((System.nanoTime() - start) / 1e9);
            assertThat(perSecond).isGreaterThan(5_000);
        }

        @Test
        void threadSafe() {
            List<String> texts = IntStream.range(0, 2_000)
                    .mapToObj(i -> (i % 3 == 0 ? "You are a liar and a coward #" : i % 3 == 1
                            ? "Thank you for your leadership #" : "This damn bill is NONSENSE!!! #") + i)
                    .collect(Collectors.toList());
            List<Hostility> sequential = texts.stream().map(SCORER::score).collect(Collectors.toList());
            List<Hostility> parallel = texts.parallelStream().map(SCORER::score).collect(Collectors.toList());
            assertThat(parallel).isEqualTo(sequential);
            HostilityRules another = new HostilityRules();
            assertThat(another.score(texts.get(0))).isEqualTo(sequential.get(0));
        }
    }
}
