package dev.crossfire.figure;

import static dev.crossfire.figure.FigureFixtures.SEED_TEXT;
import static dev.crossfire.figure.FigureFixtures.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NameMatcherTest {

    private final NameMatcher matcher = NameMatcher.of(FigureFixtures.politicians());

    private List<String> idsNamedIn(String text) {
        return matcher.find(text).stream().map(NameMatch::figureId).toList();
    }

    @Test
    void theSeedPostNamesSessionsAndTubervilleAndNobodyElse() {
        List<NameMatch> matches = matcher.find(SEED_TEXT);

        assertThat(matches).extracting(NameMatch::figureId, NameMatch::alias)
                .containsExactly(
                        tuple("jeff-sessions", "Jeff Sessions"),
                        tuple("tommy-tuberville", "Coach Tommy Tuberville"));
        NameMatch sessions = matches.get(0);
        assertThat(SEED_TEXT.substring(sessions.start(), sessions.end())).isEqualTo("Jeff Sessions");
        assertThat(sessions.start()).isEqualTo(SEED_TEXT.indexOf("Jeff Sessions")); // first occurrence
        NameMatch tuberville = matches.get(1);
        assertThat(SEED_TEXT.substring(tuberville.start(), tuberville.end())).isEqualTo("Coach Tommy Tuberville");
    }

    @Nested
    class WholeWordsOnly {
        @Test
        void aNameInsideAnotherWordIsNoMatch() {
            assertThat(idsNamedIn("Sessionsx and Cruzado and Tubervilleville")).isEmpty();
            assertThat(idsNamedIn("xSessions, preCruz, 2Cruz, Cruz2, Cruz_fan")).isEmpty();
        }

        @Test
        void punctuationAroundANameIsFine() {
            assertThat(idsNamedIn("(Cruz)")).containsExactly("ted-cruz");
            assertThat(idsNamedIn("\"Sessions\", he said")).containsExactly("jeff-sessions");
            assertThat(idsNamedIn("—Tuberville—")).containsExactly("tommy-tuberville");
            assertThat(idsNamedIn("a Cruz-backed bill")).containsExactly("ted-cruz");
        }

        @Test
        void possessivesNameTheFigure() {
            assertThat(matcher.find("Tuberville's vote")).singleElement()
                    .satisfies(m -> assertThat(m.end()).isEqualTo("Tuberville".length())); // 's not included
            assertThat(idsNamedIn("Tuberville’s vote")).containsExactly("tommy-tuberville"); // curly apostrophe
            assertThat(idsNamedIn("TUBERVILLE'S VOTE")).containsExactly("tommy-tuberville");
            assertThat(idsNamedIn("the Sessions' era")).containsExactly("jeff-sessions");
        }

        @Test
        void anApostropheGluedToLettersIsPartOfTheWord() {
            assertThat(idsNamedIn("Tuberville'nin oyu")).isEmpty();
            assertThat(idsNamedIn("Beto O’Rourke spoke")).containsExactly("beto-orourke");
        }

        @Test
        void lineBreaksAndNoBreakSpacesInsideANameStillMatchTheFullName() {
            assertThat(matcher.find("Jeff\u00A0Sessions")).extracting(NameMatch::alias).containsExactly("Jeff Sessions");
            assertThat(matcher.find("Jeff\nSessions")).extracting(NameMatch::alias).containsExactly("Jeff Sessions");
        }
    }

    @Nested
    class Case {
        @Test
        void anAliasMatchesAsWrittenNotInLowerCase() {
            assertThat(idsNamedIn("three training sessions a week")).isEmpty();
            assertThat(idsNamedIn("jeff sessions")).isEmpty();
            assertThat(idsNamedIn("Sessions said")).containsExactly("jeff-sessions");
        }

        @Test
        void allCapsMatchesAndReportsTheAliasAsWritten() {
            assertThat(matcher.find("DO NOT TRUST JEFF SESSIONS!"))
                    .extracting(NameMatch::figureId, NameMatch::alias)
                    .containsExactly(tuple("jeff-sessions", "Jeff Sessions"));
        }

        @Test
        void otherMixedCasingsDoNotMatch() {
            assertThat(idsNamedIn("jEFF sESSIONS and SeSSions")).isEmpty();
        }
    }

    @Nested
    class ShortAliases {
        @Test
        void aShortCapitalisedWordIsIgnored() {
            assertThat(idsNamedIn("Ted talks are long")).isEmpty(); // "Ted" is Cruz's alias, 3 letters
        }

        @Test
        void aShortAllCapsAliasCounts() {
            assertThat(idsNamedIn("AOC replied")).containsExactly("alexandria-ocasio-cortez");
            assertThat(idsNamedIn("aoc replied")).isEmpty();
        }

        @Test
        void theRuleInDetail() {
            assertThat(NameMatcher.isUsableAlias("AOC")).isTrue();
            assertThat(NameMatcher.isUsableAlias("DeS")).isTrue();
            assertThat(NameMatcher.isUsableAlias("Cruz")).isTrue();
            assertThat(NameMatcher.isUsableAlias("Ted")).isFalse();
            assertThat(NameMatcher.isUsableAlias("Al")).isFalse();
            assertThat(NameMatcher.isUsableAlias("X")).isFalse();
            assertThat(NameMatcher.isUsableAlias("2024")).isFalse();
        }

        @Test
        void aShortFullNameStillCounts() {
            NameMatcher m = NameMatcher.of(List.of(figure("sia", "Sia")));
            assertThat(m.find("Sia sang").stream().map(NameMatch::figureId)).containsExactly("sia");
        }
    }

    @Nested
    class Ambiguity {
        @Test
        void anAliasSharedByTwoFiguresNamesNobody() {
            assertThat(idsNamedIn("Jones is at it again")).isEmpty();
            assertThat(idsNamedIn("JONES")).isEmpty();
            assertThat(matcher.ambiguousAliases()).contains("Jones", "JONES");
        }

        @Test
        void fullNamesStillNameTheirFigure() {
            assertThat(idsNamedIn("Alex Jones attacked Doug Jones")).containsExactly("alex-jones", "doug-jones");
            assertThat(idsNamedIn("Senator Jones")).containsExactly("doug-jones"); // unique alias
        }

        @Test
        void aFullNameBeatsTheSameStringUsedAsSomeoneElsesAlias() {
            NameMatcher m = NameMatcher.of(List.of(
                    figure("madonna", "Madonna"),
                    figure("madonna-fan-account", "Madonna Fan Club", "Madonna")));
            assertThat(m.find("Madonna posted").stream().map(NameMatch::figureId)).containsExactly("madonna");
        }

        @Test
        void theFullNameCountsEvenIfNotListedAmongTheAliases() {
            NameMatcher m = NameMatcher.of(List.of(figure("katie-britt", "Katie Britt")));
            assertThat(m.find("Katie Britt spoke").stream().map(NameMatch::figureId)).containsExactly("katie-britt");
        }
    }

    @Nested
    class Overlaps {
        @Test
        void theLongestMatchWins() {
            assertThat(matcher.find("Attorney General Sessions resigned"))
                    .extracting(NameMatch::alias, NameMatch::start, NameMatch::end)
                    .containsExactly(tuple("Attorney General Sessions", 0, 25));
        }

        @Test
        void eachFigureIsReportedOnceAtItsFirstOccurrence() {
            assertThat(matcher.find("Sessions, then Jeff Sessions, then SESSIONS"))
                    .extracting(NameMatch::figureId, NameMatch::alias, NameMatch::start)
                    .containsExactly(tuple("jeff-sessions", "Sessions", 0));
        }

        @Test
        void figuresComeInOrderOfFirstOccurrence() {
            assertThat(idsNamedIn("Cruz, Tuberville, AOC and Cruz again"))
                    .containsExactly("ted-cruz", "tommy-tuberville", "alexandria-ocasio-cortez");
        }
    }

    @Nested
    class HandlesHashtagsAndUrls {
        @Test
        void mentionsAndHashtagsAreNotNameMatches() {
            assertThat(idsNamedIn("@SenTuberville")).isEmpty();
            assertThat(idsNamedIn("thanks @Tuberville!")).isEmpty();
            assertThat(idsNamedIn("(@Tuberville)")).isEmpty();
            assertThat(idsNamedIn("#Tuberville2026 #Tuberville #JeffSessions")).isEmpty();
            assertThat(idsNamedIn("cc @Tuberville@mastodon.social")).isEmpty();
        }

        @Test
        void urlsDomainsAndEmailsAreNotNameMatches() {
            assertThat(idsNamedIn("see https://example.com/Tuberville/Cruz")).isEmpty();
            assertThat(idsNamedIn("see www.Cruz.com and tuberville.senate.gov/Tuberville")).isEmpty();
            assertThat(idsNamedIn("write to Sessions@doj.gov")).isEmpty();
        }

        @Test
        void aNameNextToAHashtagStillCounts() {
            assertThat(matcher.find("#Jeff Sessions"))
                    .extracting(NameMatch::figureId, NameMatch::alias)
                    .containsExactly(tuple("jeff-sessions", "Sessions"));
            assertThat(idsNamedIn("Tuberville #MAGA")).containsExactly("tommy-tuberville");
            assertThat(idsNamedIn("Cruz.He said")).containsExactly("ted-cruz"); // missing space, not a domain
        }
    }

    @Nested
    class OddInput {
        @Test
        void emptyAndNullNameNobody() {
            assertThat(matcher.find(null)).isEmpty();
            assertThat(matcher.find("")).isEmpty();
            assertThat(NameMatcher.empty().find(SEED_TEXT)).isEmpty();
            assertThat(NameMatcher.of(List.of()).find(SEED_TEXT)).isEmpty();
        }

        @Test
        void emojiRightToLeftAndBrokenSurrogatesDoNotCrash() {
            assertThat(idsNamedIn("🔥🔥 Cruz 🇺🇸👍🏽")).containsExactly("ted-cruz");
            assertThat(idsNamedIn("قال Cruz إن")).containsExactly("ted-cruz");
            assertThat(idsNamedIn("שלום Tuberville's עולם")).containsExactly("tommy-tuberville");
            assertThat(idsNamedIn("\uD83DCruz\uDC00 \uDC00Sessions\uD83D")).containsExactly("ted-cruz", "jeff-sessions");
            assertThat(idsNamedIn("e\u0301Cruz")).isEmpty(); // a combining mark is part of the word
        }

        @Test
        void onlyTheFirstTwentyThousandCharactersAreScanned() {
            String filler = "lorem ipsum ".repeat(100_000); // 1.2 MB
            assertThat(idsNamedIn("Cruz " + filler + " Tuberville")).containsExactly("ted-cruz");
            String justInside = "x".repeat(NameMatcher.MAX_SCAN_CHARS - 6) + " Cruz";
            assertThat(idsNamedIn(justInside)).containsExactly("ted-cruz");
            String straddling = "x".repeat(NameMatcher.MAX_SCAN_CHARS - 3) + " Cruz";
            assertThat(idsNamedIn(straddling)).isEmpty();
            String cutInsideWord = " ".repeat(NameMatcher.MAX_SCAN_CHARS - 4) + "Cruzado";
            assertThat(idsNamedIn(cutInsideWord)).isEmpty(); // boundary checked against the whole text
            String pairCutByTheLimit = "a" + "🔥".repeat(NameMatcher.MAX_SCAN_CHARS); // char 19,999 is a high surrogate
            assertThat(idsNamedIn(pairCutByTheLimit)).isEmpty();
        }
    }
}
