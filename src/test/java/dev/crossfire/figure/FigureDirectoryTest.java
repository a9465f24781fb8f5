package dev.crossfire.figure;

import static dev.crossfire.figure.FigureFixtures.SEED_TEXT;
import static dev.crossfire.figure.FigureFixtures.figure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FigureDirectoryTest {

    private final FigureDirectory directory = FigureDirectory.of(FigureFixtures.politicians());

    private List<String> idsNamedIn(String text) {
        return directory.namedIn(text).stream().map(NameMatch::figureId).toList();
    }

    @Test
    void looksFiguresUpById() {
        assertThat(directory.size()).isEqualTo(8);
        assertThat(directory.byId("jeff-sessions")).map(Figure::name).contains("Jeff Sessions");
        assertThat(directory.byId("nobody")).isEmpty();
        assertThat(directory.byId(null)).isEmpty();
        assertThat(directory.all()).extracting(Figure::id).startsWith("alex-jones", "alexandria-ocasio-cortez");
    }

    @Test
    void findsTheFiguresNamedInTheSeedPost() {
        assertThat(idsNamedIn(SEED_TEXT)).containsExactly("jeff-sessions", "tommy-tuberville");
    }

    @Test
    void handleLookupIgnoresCaseAndTheAtSign() {
        assertThat(directory.byAccount("x", "sentuberville", null)).map(Figure::id).contains("tommy-tuberville");
        assertThat(directory.byAccount("X", "@SENTUBERVILLE", null)).map(Figure::id).contains("tommy-tuberville");
        assertThat(directory.byAccount("twitter", "JeffSessions", null)).map(Figure::id).contains("jeff-sessions");
        assertThat(directory.byAccount("threads", "AOC", null)).map(Figure::id).contains("alexandria-ocasio-cortez");
        assertThat(directory.byAccount("mastodon", "@Beto@Mastodon.Social", null)).map(Figure::id).contains("beto-orourke");
    }

    @Test
    void handleLookupIsPerPlatform() {
        assertThat(directory.byAccount("bluesky", "sentuberville", null)).isEmpty();
        assertThat(directory.byAccount("myspace", "sentuberville", null)).isEmpty();
        assertThat(directory.byAccount(null, "sentuberville", null)).isEmpty();
        assertThat(directory.byAccount("x", null, null)).isEmpty();
    }

    @Test
    void theAccountIdIsPreferredOverTheHandle() {
        // Tuberville's X account has id 1234567890123456789
        assertThat(directory.byAccount("x", "TubervilleRenamed", "1234567890123456789"))
                .map(Figure::id).contains("tommy-tuberville"); // the handle was renamed, the id is stable
        assertThat(directory.byAccount("x", "SenTuberville", "999"))
                .isEmpty(); // someone else's account now uses the old handle
        assertThat(directory.byAccount("x", "jeffsessions", "777"))
                .map(Figure::id).contains("jeff-sessions"); // id unknown for this account: the handle decides
    }

    @Test
    void anAddedFigureIsFoundByTheNextRead() {
        assertThat(idsNamedIn("Katie Britt spoke")).isEmpty();

        directory.put(figure("katie-britt", "Katie Britt", "Britt"));

        assertThat(idsNamedIn("Katie Britt spoke")).containsExactly("katie-britt");
        assertThat(directory.byAccount("x", "katie-britt", null)).isPresent();
        assertThat(directory.size()).isEqualTo(9);
    }

    @Test
    void aNewAliasTakesEffectImmediately() {
        assertThat(idsNamedIn("Beauregard said no")).isEmpty();
        Figure sessions = directory.byId("jeff-sessions").orElseThrow();
        List<String> aliases = new ArrayList<>(sessions.aliases());
        aliases.add("Beauregard");

        directory.put(sessions.withAliases(aliases));

        assertThat(idsNamedIn("Beauregard said no")).containsExactly("jeff-sessions");
    }

    @Test
    void aRemovedFigureIsGoneEverywhere() {
        assertThat(directory.remove("tommy-tuberville")).isTrue();

        assertThat(directory.byId("tommy-tuberville")).isEmpty();
        assertThat(directory.byAccount("x", "SenTuberville", null)).isEmpty();
        assertThat(directory.byAccount("x", null, "1234567890123456789")).isEmpty();
        assertThat(idsNamedIn(SEED_TEXT)).containsExactly("jeff-sessions");
        assertThat(directory.remove("tommy-tuberville")).isFalse();
    }

    @Test
    void removingOneOfTwoJonesesMakesJonesUnambiguous() {
        assertThat(idsNamedIn("Jones again")).isEmpty();

        directory.remove("alex-jones");

        assertThat(idsNamedIn("Jones again")).containsExactly("doug-jones");
    }

    @Test
    void aChangedHandleNoLongerFindsTheFigure() {
        directory.put(new Figure("jeff-sessions", "Jeff Sessions", List.of("Sessions"), null, null,
                List.of(new Account("x", "NewSessions"))));

        assertThat(directory.byAccount("x", "jeffsessions", null)).isEmpty();
        assertThat(directory.byAccount("x", "newsessions", null)).map(Figure::id).contains("jeff-sessions");
    }

    @Test
    void aHandleClaimedTwiceBelongsToTheLatestAndFallsBackOnRemoval() {
        directory.put(new Figure("impostor", "Some Impostor", List.of(), null, null,
                List.of(new Account("x", "JeffSessions"))));
        assertThat(directory.byAccount("x", "jeffsessions", null)).map(Figure::id).contains("impostor");

        directory.remove("impostor");

        assertThat(directory.byAccount("x", "jeffsessions", null)).map(Figure::id).contains("jeff-sessions");
    }

    @Test
    void theAutomatonIsRebuiltLazilyOnlyAfterAChange() {
        NameMatcher first = directory.matcher();
        assertThat(directory.matcher()).isSameAs(first);

        directory.put(directory.byId("ted-cruz").orElseThrow()); // unchanged: no rebuild
        assertThat(directory.matcher()).isSameAs(first);

        for (int i = 0; i < 1_000; i++) { // many changes, no read in between
            directory.put(figure("extra-" + i, "Extra Person" + i));
        }
        NameMatcher rebuilt = directory.matcher();
        assertThat(rebuilt).isNotSameAs(first);
        assertThat(directory.matcher()).isSameAs(rebuilt);
        assertThat(idsNamedIn("Extra Person999 spoke")).containsExactly("extra-999");
    }

    @Test
    void replaceAllKeepsExactlyTheGivenFigures() {
        directory.replaceAll(List.of(figure("katie-britt", "Katie Britt"),
                directory.byId("ted-cruz").orElseThrow()));

        assertThat(directory.all()).extracting(Figure::id).containsExactly("katie-britt", "ted-cruz");
        assertThat(idsNamedIn(SEED_TEXT)).isEmpty();
        assertThat(idsNamedIn("Cruz and Katie Britt")).containsExactly("ted-cruz", "katie-britt");
    }
}
