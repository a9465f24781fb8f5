package dev.crossfire.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostJsonTest {

    /** The example post of contracts.md, verbatim. */
    private static final String CONTRACT_EXAMPLE = """
        {"id": "x:1263970567838932993", "platform": "x",
         "author": {"id": "x:25073877", "handle": "realDonaldTrump", "name": "Donald J. Trump"},
         "createdAt": "2020-05-22T23:10:41Z",
         "text": "3 years ago, after Jeff Sessions recused himself, ...",
         "replyTo": null,
         "quoteOf": {"postId": "x:1262474430553214976", "authorHandle": "TTuberville"},
         "repostOf": null, "rootId": null,
         "mentions": ["TTuberville"], "lang": "en",
         "url": "https://twitter.com/realDonaldTrump/status/1263970567838932993",
         "metrics": {"likes": 0, "reposts": 0, "replies": 0, "quotes": 0}}
        """;

    private static Post parse(String json) throws InvalidPostException {
        return PostJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String minimal(String platform, String createdAt) {
        return "{\"id\": \"p1\", \"platform\": \"" + platform + "\", \"author\": {\"handle\": \"jeffsessions\"},"
            + " \"createdAt\": \"" + createdAt + "\", \"text\": \"hello\"}";
    }

    private static InvalidPostException rejection(String json) {
        try {
            parse(json);
        } catch (InvalidPostException e) {
            return e;
        }
        throw new AssertionError("expected a rejection of " + json);
    }

    @Test
    void theContractExampleParsesWithEveryField() throws InvalidPostException {
        Post post = parse(CONTRACT_EXAMPLE);

        assertThat(post.getId()).isEqualTo("x:1263970567838932993");
        assertThat(post.getPlatform()).isEqualTo(Platform.X);
        assertThat(post.getAuthor().getId()).isEqualTo("x:25073877");
        assertThat(post.getAuthor().getHandle()).isEqualTo("realDonaldTrump");
        assertThat(post.getAuthor().getName()).isEqualTo("Donald J. Trump");
        assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2020-05-22T23:10:41Z"));
        assertThat(post.getText()).isEqualTo("3 years ago, after Jeff Sessions recused himself, ...");
        assertThat(post.getReplyTo()).isNull();
        assertThat(post.getQuoteOf().getPostId()).isEqualTo("x:1262474430553214976");
        assertThat(post.getQuoteOf().getAuthorHandle()).isEqualTo("TTuberville");
        assertThat(post.getQuoteOf().getAuthorId()).isNull();
        assertThat(post.getRepostOf()).isNull();
        assertThat(post.getRootId()).isNull();
        assertThat(post.getMentions()).containsExactly("TTuberville");
        assertThat(post.getLang()).isEqualTo("en");
        assertThat(post.getUrl()).isEqualTo("https://twitter.com/realDonaldTrump/status/1263970567838932993");
        assertThat(post.getMetrics().getLikes()).isZero();
        assertThat(post.getMetrics().getReposts()).isZero();
        assertThat(post.getMetrics().getReplies()).isZero();
        assertThat(post.getMetrics().getQuotes()).isZero();
    }

    @Test
    void aMinimalPostHasEmptyOptionalFields() throws InvalidPostException {
        Post post = parse(minimal("bluesky", "2020-05-22T23:10:41Z"));

        assertThat(post.getPlatform()).isEqualTo(Platform.BLUESKY);
        assertThat(post.getAuthor().getId()).isNull();
        assertThat(post.getAuthor().getName()).isNull();
        assertThat(post.getReplyTo()).isNull();
        assertThat(post.getQuoteOf()).isNull();
        assertThat(post.getRepostOf()).isNull();
        assertThat(post.getMentions()).isEmpty();
        assertThat(post.getLang()).isNull();
        assertThat(post.getMetrics()).isNull();
    }

    @Test
    void metricsAreReadWithMissingCountsAsZero() throws InvalidPostException {
        Post post = parse(CONTRACT_EXAMPLE.replace("\"likes\": 0, \"reposts\": 0,", "\"likes\": 98000,"));

        assertThat(post.getMetrics().getLikes()).isEqualTo(98_000L);
        assertThat(post.getMetrics().getReposts()).isZero();
    }

    @Test
    void theAtSignIsStrippedFromHandlesMentionsAndReferences() throws InvalidPostException {
        Post post = parse("""
            {"id": "p1", "platform": "x", "author": {"handle": " @realDonaldTrump "},
             "createdAt": "2020-05-23T15:02:00Z", "text": "Jeff, you blew it",
             "replyTo": {"postId": "p0", "authorHandle": "@jeffsessions"},
             "quoteOf": {"postId": "p00", "authorHandle": "@TTuberville"},
             "repostOf": {"postId": "p000", "authorHandle": "@DougJones"},
             "mentions": ["@jeffsessions", "TTuberville", "", "  "]}
            """);

        assertThat(post.getAuthor().getHandle()).isEqualTo("realDonaldTrump");
        assertThat(post.getReplyTo().getAuthorHandle()).isEqualTo("jeffsessions");
        assertThat(post.getQuoteOf().getAuthorHandle()).isEqualTo("TTuberville");
        assertThat(post.getRepostOf().getAuthorHandle()).isEqualTo("DougJones");
        assertThat(post.getMentions()).containsExactly("jeffsessions", "TTuberville");
    }

    @Test
    void aReferenceWithoutAuthorHandleKeepsOnlyThePostId() throws InvalidPostException {
        Post post = parse(minimal("mastodon", "2020-05-22T23:10:41Z").replace("\"text\"",
            "\"replyTo\": {\"postId\": \"mastodon:109\"}, \"text\""));

        assertThat(post.getReplyTo().getPostId()).isEqualTo("mastodon:109");
        assertThat(post.getReplyTo().getAuthorHandle()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"x, X", "twitter, X", "Twitter, X", "BLUESKY, BLUESKY", "mastodon, MASTODON", "threads, THREADS", "other, OTHER"})
    void knownPlatformsAreAcceptedAndTwitterIsX(String written, Platform expected) throws InvalidPostException {
        assertThat(parse(minimal(written, "2020-05-22T23:10:41Z")).getPlatform()).isEqualTo(expected);
    }

    @Test
    void anUnknownPlatformIsRejectedWithItsName() {
        InvalidPostException e = rejection(minimal("myspace", "2020-05-22T23:10:41Z"));

        assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_PLATFORM);
        assertThat(e.getMessage()).contains("'myspace'").contains("bluesky");
    }

    @Test
    void aTimeWithAnOffsetIsNormalisedToUtc() throws InvalidPostException {
        Post post = parse(minimal("x", "2020-05-23T01:10:41+02:00"));

        assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2020-05-22T23:10:41Z"));
    }

    @Test
    void fractionalSecondsAreKept() throws InvalidPostException {
        assertThat(parse(minimal("x", "2020-05-22T23:10:41.250-04:00")).getCreatedAt())
            .isEqualTo(Instant.parse("2020-05-23T03:10:41.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-05-22T23:10:41", "2020-05-22", "yesterday", "1590189041000"})
    void aTimeWithoutOffsetIsABadTimestamp(String createdAt) {
        InvalidPostException e = rejection(minimal("x", createdAt));

        assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(e.getMessage()).contains(createdAt).contains("offset");
    }

    /** Found by HostilePostsTest: these parsed, then overflowed as epoch milliseconds and were dead-lettered as UNEXPECTED. */
    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+292278994-08-17T07:12:56Z"})
    void aTimeBeyondEpochMillisecondsIsABadTimestamp(String createdAt) {
        InvalidPostException e = rejection(minimal("x", createdAt));

        assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(e.getMessage()).contains(createdAt).contains("milliseconds");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id           | {\"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
        "platform     | {\"id\": \"p1\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
        "author.handle | {\"id\": \"p1\", \"platform\": \"x\", \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
        "author.handle | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"name\": \"No Handle\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
        "author.handle | {\"id\": \"p1\", \"platform\": \"x\", \"author\": null, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
        "createdAt    | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"text\": \"\"}",
        "text         | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\"}",
        "text         | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": null}",
        "replyTo.postId | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\", \"replyTo\": {\"authorHandle\": \"a\"}}",
        "quoteOf.postId | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\", \"quoteOf\": {}}",
    })
    void eachMissingRequiredFieldIsNamed(String field, String json) {
        InvalidPostException e = rejection(json);

        assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(e.getMessage()).contains(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id     | {\"id\": \"  \", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
        "author.handle | {\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"\"}",
    })
    void aBlankRequiredFieldCountsAsMissing(String field, String json) {
        InvalidPostException e = rejection(json);

        assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(e.getMessage()).contains(field).contains("empty");
    }

    @Test
    void anEmptyTextIsAccepted() throws InvalidPostException {
        assertThat(parse(minimal("x", "2020-05-22T23:10:41Z").replace("\"hello\"", "\"\"")).getText()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "author must be an object   | \"author\": \"realDonaldTrump\"",
        "text must be a string      | \"text\": 42",
        "mentions must be an array  | \"mentions\": \"jeffsessions\"",
        "replyTo must be an object  | \"replyTo\": \"x:1\"",
        "author.handle must be a string | \"author\": {\"handle\": [\"a\"]}",
    })
    void aFieldOfTheWrongTypeIsABadField(String message, String override) {
        String base = "{\"id\": \"p1\", \"platform\": \"x\", \"author\": {\"handle\": \"h\"}, \"createdAt\": \"2020-05-22T23:10:41Z\", \"text\": \"t\"";
        InvalidPostException e = rejection(base + ", " + override + "}");

        assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void unknownFieldsAreIgnored() throws InvalidPostException {
        Post post = parse(minimal("x", "2020-05-22T23:10:41Z").replace("{\"id\"",
            "{\"source\": \"firehose\", \"entities\": {\"urls\": []}, \"id\""));

        assertThat(post.getId()).isEqualTo("p1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"a post\"", "42", "null", "true"})
    void jsonThatIsNotAnObjectIsRejected(String json) {
        InvalidPostException e = rejection(json);

        assertThat(e.reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(e.getMessage()).isEqualTo("not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"id\": }", "not json at all"})
    void brokenJsonIsRejected(String json) {
        InvalidPostException e = rejection(json);

        assertThat(e.reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(e.getMessage()).startsWith("not valid JSON");
    }

    @Test
    void bytesThatAreNotUtf8AreRejectedWithTheColumnOfTheFirst() {
        byte[] latin1 = "{\"id\": \"p1\", \"text\": \"d\u00e9j\u00e0\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        InvalidPostException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidPostException.class, () -> PostJson.parse(latin1));

        assertThat(e.reason()).isEqualTo(RejectReason.NOT_UTF8);
        assertThat(e.getMessage()).isEqualTo("not UTF-8: byte 0xE9 at column 24 cannot start or continue a character");
    }

    @Test
    void aHandleOfOnlyAnAtSignIsAMissingHandle() {
        InvalidPostException e = rejection(minimal("x", "2020-05-22T23:10:41Z").replace("jeffsessions", "@"));

        assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(e.getMessage()).contains("author.handle");
    }

    @Test
    void aBlankReferenceAuthorHandleCountsAsAbsent() throws InvalidPostException {
        Post post = parse(minimal("mastodon", "2020-05-22T23:10:41Z").replace("\"text\"",
            "\"replyTo\": {\"postId\": \"mastodon:109\", \"authorHandle\": \"\"}, \"text\""));

        assertThat(post.getReplyTo().getAuthorHandle()).isNull();
    }
}
