package dev.crossfire.testing;

import static dev.crossfire.testing.PostBuilder.post;

import dev.crossfire.config.CrossfireSettings;
import java.time.Duration;

/**
 * The seed exchange of 2020-05-22/23 (news article of 2020-05-23): Trump attacks Sessions by name in
 * a quote of Tuberville, Sessions quotes Trump back, Sessions turns on Tuberville, Trump quotes
 * Sessions the next day. Trump's second text is not in the article: it is written in his style for
 * the tests, not a verbatim quote.
 */
public final class SeedStory {

    public static final PostBuilder TUBERVILLE_ENDORSED = post("x:1263950000000000001", "TTuberville", "2020-05-22T20:05:00Z",
        "Honored to have the support of so many Alabamians. We will protect Alabama jobs and values!");
    public static final PostBuilder TRUMP_NAMES_SESSIONS = post("x:1263970567838932993", "realDonaldTrump", "2020-05-22T23:10:41Z",
        "3 years ago, after Jeff Sessions recused himself, the Fraudulent Mueller Scam began. Alabama, do not trust Jeff Sessions. "
            + "He let our Country down. That’s why I endorsed Coach Tommy Tuberville, the true supporter of our #MAGA agenda!")
        .quoteOf("x:1263950000000000001", "TTuberville").likes(98_000);
    public static final PostBuilder SESSIONS_QUOTES_TRUMP = post("x:1263980989120442368", "jeffsessions", "2020-05-22T23:52:07Z",
        "Look, I know your anger, but recusal was required by law. I did my duty & you’re damn fortunate I did. It protected the rule "
            + "of law & resulted in your exoneration. Your personal feelings don’t dictate who Alabama picks as their senator, the people of Alabama do.")
        .quoteOf("x:1263970567838932993", "realDonaldTrump").likes(61_000);
    public static final PostBuilder SESSIONS_ATTACKS_TUBERVILLE = post("x:1263990000000000002", "jeffsessions", "2020-05-23T00:31:00Z",
        "Tuberville’s a coward who is rightly too afraid to debate me. He says you’re wrong on China & trade. He wants to bring in even "
            + "more foreign workers to take American jobs. That’s not your agenda and it’s not mine or Alabama’s.")
        .likes(9_000);
    public static final PostBuilder TRUMP_ANSWERS = post("x:1264230000000000003", "realDonaldTrump", "2020-05-23T15:02:00Z",
        "Jeff, you had your chance & you blew it. Alabama is not stupid enough to believe you anymore. You were a DISASTER as "
            + "Attorney General and let us all down. Weak and ineffective!")
        .quoteOf("x:1263980989120442368", "jeffsessions").likes(120_000);

    /** How far {@link #outOfOrderWithDuplicate()} is out of creation-time order: Tuberville's post comes 3 h 47 min late. */
    public static final Duration DISORDER = Duration.ofHours(4);

    private SeedStory() {
    }

    /** Batch settings whose allowed lateness and parent wait cover {@link #DISORDER}, as {@code detect} sets them for this file. */
    public static CrossfireSettings settingsForDisorder() {
        return CrossfireSettings.batch().withAllowedLateness(DISORDER).withParentWait(DISORDER);
    }

    public static PostBuilder[] inOrder() {
        return new PostBuilder[] {TUBERVILLE_ENDORSED, TRUMP_NAMES_SESSIONS, SESSIONS_QUOTES_TRUMP, SESSIONS_ATTACKS_TUBERVILLE, TRUMP_ANSWERS};
    }

    /**
     * Each quote before the post it quotes (Sessions' quote before Trump's post, Trump's post before
     * the Tuberville post it quotes, which comes almost four hours late in event time), and Sessions'
     * quote delivered twice. Within an allowed lateness and a parent wait of {@link #DISORDER} the
     * answer is the same as in order.
     */
    public static PostBuilder[] outOfOrderWithDuplicate() {
        return new PostBuilder[] {SESSIONS_QUOTES_TRUMP, TRUMP_NAMES_SESSIONS, TUBERVILLE_ENDORSED, SESSIONS_ATTACKS_TUBERVILLE,
            SESSIONS_QUOTES_TRUMP, TRUMP_ANSWERS};
    }
}
