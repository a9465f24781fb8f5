package dev.crossfire.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Post;
import dev.crossfire.figure.Account;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.interaction.InteractionDeriver.Involvement;
import dev.crossfire.post.PostJsonTestAccess;
import java.util.List;
import org.assertj.core.api.ListAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class InteractionDeriverTest {

    private static final Figure TRUMP = new Figure("donald-trump", "Donald J. Trump", List.of("Trump", "Donald Trump"), null, "Republican",
        List.of(new Account("x", "realDonaldTrump", "25073877")));
    private static final Figure SESSIONS = new Figure("jeff-sessions", "Jeff Sessions", List.of("Sessions"), null, null,
        List.of(new Account("x", "jeffsessions")));
    private static final Figure TUBERVILLE = new Figure("tommy-tuberville", "Tommy Tuberville", List.of("Tuberville", "Coach Tuberville"),
        null, null, List.of(new Account("x", "TTuberville")));
    private static final Figure BETO = new Figure("beto-orourke", "Beto O'Rourke", List.of("Beto"), null, null,
        List.of(new Account("mastodon", "beto@mastodon.social")));
    private static final Figure CRUZ = new Figure("ted-cruz", "Ted Cruz", List.of("Cruz"), null, null,
        List.of(new Account("mastodon", "tedcruz@mastodon.social"), new Account("x", "tedcruz")));

    private final InteractionDeriver deriver = new InteractionDeriver(FigureDirectory.of(List.of(TRUMP, SESSIONS, TUBERVILLE, BETO, CRUZ)));

    /** A post as JSON, with the given extra fields after the required ones. */
    private static Post post(String platform, String authorHandle, String text, String extra) {
        String json = "{\"id\": \"" + platform + ":1\", \"platform\": \"" + platform + "\", \"author\": {\"handle\": \"" + authorHandle + "\"},"
            + " \"createdAt\": \"2020-05-22T23:52:07Z\", \"text\": \"" + text + "\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
        return PostJsonTestAccess.parse(json);
    }

    private static Post onX(String authorHandle, String text, String extra) {
        return post("x", authorHandle, text, extra);
    }

    private static ListAssert<Tuple> assertTargets(Involvement involvement) {
        List<Tuple> pairs = involvement.targets().stream().map(t -> tuple(t.figure().id(), t.kind())).toList();
        return assertThat(pairs);
    }

    @Test
    void aReplyThatAlsoMentionsTheSameFigureIsOneReply() {
        Post post = onX("jeffsessions", "@realDonaldTrump recusal was required by law",
            "\"replyTo\": {\"postId\": \"x:0\", \"authorHandle\": \"realDonaldTrump\"}, \"mentions\": [\"realDonaldTrump\"]");

        Involvement involvement = deriver.derive(post, null);

        assertThat(involvement.author()).contains(SESSIONS);
        assertTargets(involvement).containsExactly(tuple("donald-trump", InteractionKind.REPLY));
    }

    @Test
    void aQuoteFindsItsTargetByTheQuotedAuthorsHandle() {
        Post post = onX("jeffsessions", "you're damn fortunate I did",
            "\"quoteOf\": {\"postId\": \"x:0\", \"authorHandle\": \"@RealDonaldTrump\"}");

        assertTargets(deriver.derive(post, null)).containsExactly(tuple("donald-trump", InteractionKind.QUOTE));
    }

    @Test
    void aMentionAloneIsAMention() {
        Post post = onX("jeffsessions", "Debate me", "\"mentions\": [\"TTuberville\"]");

        assertTargets(deriver.derive(post, null)).containsExactly(tuple("tommy-tuberville", InteractionKind.MENTION));
    }

    @Test
    void aNameInTheTextIsAName() {
        Post post = onX("realDonaldTrump", "Alabama, do not trust Jeff Sessions. He let our Country down.", "");

        assertTargets(deriver.derive(post, null)).containsExactly(tuple("jeff-sessions", InteractionKind.NAME));
    }

    @Test
    void aRepostIsARepost() {
        Post post = onX("realDonaldTrump", "", "\"repostOf\": {\"postId\": \"x:0\", \"authorHandle\": \"TTuberville\"}");

        assertTargets(deriver.derive(post, null)).containsExactly(tuple("tommy-tuberville", InteractionKind.REPOST));
    }

    @Test
    void theMostDirectKindWinsForEachTarget() {
        Post quoteAndName = onX("realDonaldTrump", "Jeff Sessions let us all down",
            "\"quoteOf\": {\"postId\": \"x:0\", \"authorHandle\": \"jeffsessions\"}");
        Post mentionAndName = onX("realDonaldTrump", "Jeff Sessions let us all down", "\"mentions\": [\"jeffsessions\"]");
        Post repostAndName = onX("realDonaldTrump", "Coach Tuberville!", "\"repostOf\": {\"postId\": \"x:0\", \"authorHandle\": \"TTuberville\"}");

        assertTargets(deriver.derive(quoteAndName, null)).containsExactly(tuple("jeff-sessions", InteractionKind.QUOTE));
        assertTargets(deriver.derive(mentionAndName, null)).containsExactly(tuple("jeff-sessions", InteractionKind.MENTION));
        assertTargets(deriver.derive(repostAndName, null)).containsExactly(tuple("tommy-tuberville", InteractionKind.NAME));
    }

    @Test
    void onePostCanAddressSeveralFiguresEachOnce() {
        Post post = onX("realDonaldTrump", "That's why I endorsed Coach Tommy Tuberville, not Jeff Sessions",
            "\"quoteOf\": {\"postId\": \"x:0\", \"authorHandle\": \"TTuberville\"}, \"mentions\": [\"jeffsessions\", \"TTuberville\"]");

        assertTargets(deriver.derive(post, null)).containsExactlyInAnyOrder(
            tuple("tommy-tuberville", InteractionKind.QUOTE), tuple("jeff-sessions", InteractionKind.MENTION));
    }

    @Test
    void aFigureDoesNotInteractWithItself() {
        Post post = onX("realDonaldTrump", "Trump was right, Jeff Sessions was wrong",
            "\"mentions\": [\"realDonaldTrump\"], \"quoteOf\": {\"postId\": \"x:0\", \"authorHandle\": \"realDonaldTrump\"}");

        Involvement involvement = deriver.derive(post, null);

        assertThat(involvement.author()).contains(TRUMP);
        assertTargets(involvement).containsExactly(tuple("jeff-sessions", InteractionKind.NAME));
    }

    @Test
    void anAuthorWhoIsNoFigureStillListsTheFiguresAddressed() {
        Post post = onX("alabama_voter_1962", "Jeff Sessions, you are a disgrace",
            "\"replyTo\": {\"postId\": \"x:0\", \"authorHandle\": \"realDonaldTrump\"}");

        Involvement involvement = deriver.derive(post, null);

        assertThat(involvement.author()).isEmpty();
        assertTargets(involvement).containsExactly(tuple("donald-trump", InteractionKind.REPLY), tuple("jeff-sessions", InteractionKind.NAME));
    }

    @Test
    void aPostReachingNoFigureHasNoTargets() {
        Post post = onX("jeffsessions", "Great training sessions with the team today", "\"mentions\": [\"someone_else\"]");

        Involvement involvement = deriver.derive(post, null);

        assertThat(involvement.author()).contains(SESSIONS);
        assertThat(involvement.targets()).isEmpty();
    }

    @Test
    void aMastodonReplyWithoutAuthorHandleUsesTheThreadsParentAuthor() {
        Post post = post("mastodon", "tedcruz@mastodon.social", "Wrong again", "\"replyTo\": {\"postId\": \"mastodon:109\"}");

        Involvement withParent = deriver.derive(post, "Beto@Mastodon.social");
        Involvement withoutParent = deriver.derive(post, null);

        assertThat(withParent.author()).contains(CRUZ);
        assertTargets(withParent).containsExactly(tuple("beto-orourke", InteractionKind.REPLY));
        assertThat(withoutParent.targets()).isEmpty();
    }

    @Test
    void aQuoteThatIsTheThreadParentAlsoUsesTheThreadsParentAuthor() {
        Post post = post("mastodon", "tedcruz@mastodon.social", "Look at this", "\"quoteOf\": {\"postId\": \"mastodon:109\"}");

        assertTargets(deriver.derive(post, "beto@mastodon.social")).containsExactly(tuple("beto-orourke", InteractionKind.QUOTE));
    }

    @Test
    void theReferencesOwnHandleWinsOverTheThreadsParentAuthor() {
        Post post = onX("realDonaldTrump", "Weak", "\"replyTo\": {\"postId\": \"x:0\", \"authorHandle\": \"jeffsessions\"}");

        assertTargets(deriver.derive(post, "TTuberville")).containsExactly(tuple("jeff-sessions", InteractionKind.REPLY));
    }

    @Test
    void theThreadsParentAuthorIsNotLentToAQuoteThatIsNotTheParent() {
        // a reply is the thread parent; the quote without a handle is another post whose author is unknown
        Post post = onX("realDonaldTrump", "Sad", "\"replyTo\": {\"postId\": \"x:0\", \"authorHandle\": \"TTuberville\"},"
            + " \"quoteOf\": {\"postId\": \"x:00\"}");

        assertTargets(deriver.derive(post, "jeffsessions")).containsExactly(tuple("tommy-tuberville", InteractionKind.REPLY));
    }

    @Test
    void anAuthorAccountIdWithPlatformPrefixMatchesTheBareIdInTheRegistry() {
        Post renamed = PostJsonTestAccess.parse("""
            {"id": "x:2", "platform": "x", "author": {"id": "x:25073877", "handle": "someNewHandle"},
             "createdAt": "2020-05-23T15:02:00Z", "text": "Jeff Sessions, you blew it"}
            """);

        Involvement involvement = deriver.derive(renamed, null);

        assertThat(involvement.author()).contains(TRUMP);
        assertTargets(involvement).containsExactly(tuple("jeff-sessions", InteractionKind.NAME));
    }

    @Test
    void aReferenceWithOnlyAnAccountIdFindsItsAuthor() {
        Post post = onX("jeffsessions", "I did my duty", "\"replyTo\": {\"postId\": \"x:0\", \"authorId\": \"x:25073877\"}");

        assertTargets(deriver.derive(post, null)).containsExactly(tuple("donald-trump", InteractionKind.REPLY));
    }

    @Test
    void handlesAreLookedUpOnThePostsOwnPlatform() {
        // tedcruz is Cruz's handle on X; on Mastodon the plain handle belongs to nobody known
        Post post = post("mastodon", "beto@mastodon.social", "Hello", "\"mentions\": [\"tedcruz\", \"jeffsessions\"]");

        Involvement involvement = deriver.derive(post, null);

        assertThat(involvement.author()).contains(BETO);
        assertThat(involvement.targets()).isEmpty();
    }

    @Test
    void aRegistryChangeAppliesToTheNextPost() {
        FigureDirectory directory = FigureDirectory.of(List.of(TRUMP));
        InteractionDeriver live = new InteractionDeriver(directory);
        Post post = onX("realDonaldTrump", "Jeff Sessions let us down", "");

        assertThat(live.derive(post, null).targets()).isEmpty();
        directory.put(SESSIONS);
        assertTargets(live.derive(post, null)).containsExactly(tuple("jeff-sessions", InteractionKind.NAME));
    }

    @Test
    void engagementAddsTheCountsIgnoresNegativeOnesAndStopsAtTheLargestLong() {
        assertThat(InteractionDeriver.engagement(null)).isZero();
        assertThat(InteractionDeriver.engagement(new dev.crossfire.avro.Engagement(10L, 5L, -3L, 1L))).isEqualTo(16);
        assertThat(InteractionDeriver.engagement(new dev.crossfire.avro.Engagement(Long.MAX_VALUE, Long.MAX_VALUE, 1L, -1L)))
            .isEqualTo(Long.MAX_VALUE);
    }
}
