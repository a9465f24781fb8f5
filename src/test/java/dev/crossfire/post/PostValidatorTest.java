package dev.crossfire.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostValidatorTest {

    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Instant MAY_22 = Instant.parse("2020-05-22T23:10:41Z");

    private final PostValidator validator = new PostValidator(ONE_HOUR, 10);

    private static Post.Builder post(String text) {
        return Post.newBuilder()
            .setId("x:1")
            .setPlatform(Platform.X)
            .setAuthor(new Author(null, "jeffsessions", null))
            .setCreatedAt(MAY_22)
            .setText(text);
    }

    private InvalidPostException rejection(Post post) {
        InvalidPostException e = catchThrowableOfType(InvalidPostException.class, () -> validator.validate(post));
        assertThat(e).as("rejection of %s", post).isNotNull();
        return e;
    }

    @Test
    void anOrdinaryPostPasses() {
        Post ok = post("short").setReplyTo(new PostRef("x:0", "realDonaldTrump", null))
            .setQuoteOf(new PostRef("x:00", null, null)).setRepostOf(new PostRef("x:000", null, null)).build();

        assertThatCode(() -> validator.validate(ok)).doesNotThrowAnyException();
    }

    @Test
    void aTextAtTheLimitPassesAndOneCharacterMoreIsTooLong() {
        assertThatCode(() -> validator.validate(post("0123456789").build())).doesNotThrowAnyException();

        InvalidPostException e = rejection(post("0123456789X").build());

        assertThat(e.reason()).isEqualTo(RejectReason.TEXT_TOO_LONG);
        assertThat(e.getMessage()).contains("11 characters").contains("limit of 10");
    }

    @Test
    void theDefaultLimitAllowsLongPosts() {
        PostValidator defaults = new PostValidator(ONE_HOUR, 50_000);

        assertThatCode(() -> defaults.validate(post("a".repeat(50_000)).build())).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(InvalidPostException.class, () -> defaults.validate(post("a".repeat(50_001)).build())).reason())
            .isEqualTo(RejectReason.TEXT_TOO_LONG);
    }

    @Test
    void aReplyToItselfIsASelfReference() {
        InvalidPostException e = rejection(post("me").setReplyTo(new PostRef("x:1", "jeffsessions", null)).build());

        assertThat(e.reason()).isEqualTo(RejectReason.SELF_REFERENCE);
        assertThat(e.getMessage()).contains("replyTo").contains("x:1");
    }

    @Test
    void aQuoteOfItselfIsASelfReference() {
        InvalidPostException e = rejection(post("me").setQuoteOf(new PostRef("x:1", null, null)).build());

        assertThat(e.reason()).isEqualTo(RejectReason.SELF_REFERENCE);
        assertThat(e.getMessage()).contains("quoteOf");
    }

    @Test
    void aRepostOfItselfIsASelfReference() {
        InvalidPostException e = rejection(post("").setRepostOf(new PostRef("x:1", null, null)).build());

        assertThat(e.reason()).isEqualTo(RejectReason.SELF_REFERENCE);
        assertThat(e.getMessage()).contains("repostOf");
    }

    @Test
    void aCreatedAtAtOrBeforeTheEpochIsABadTimestamp() {
        for (long ms : new long[] {0, -1, -86_400_000L}) {
            InvalidPostException e = rejection(post("old").setCreatedAt(Instant.ofEpochMilli(ms)).build());

            assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
            assertThat(e.getMessage()).contains("1970");
        }
        assertThatCode(() -> validator.validate(post("new").setCreatedAt(Instant.ofEpochMilli(1)).build())).doesNotThrowAnyException();
    }

    @Test
    void theTimestampIsCheckedBeforeTheText() {
        Post both = post("far too long for ten").setCreatedAt(Instant.EPOCH).build();

        assertThat(rejection(both).reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void farFutureStartsJustAfterTheTolerance() {
        long recordTs = MAY_22.toEpochMilli();
        long tolerance = ONE_HOUR.toMillis();

        assertThat(validator.isFarFuture(recordTs, recordTs)).isFalse();
        assertThat(validator.isFarFuture(recordTs + tolerance, recordTs)).isFalse();
        assertThat(validator.isFarFuture(recordTs + tolerance + 1, recordTs)).isTrue();
        assertThat(validator.isFarFuture(recordTs - Duration.ofDays(365).toMillis(), recordTs)).isFalse();
    }

    @Test
    void theToleranceIsConfigurable() {
        PostValidator strict = new PostValidator(Duration.ofSeconds(5), 10);
        long recordTs = MAY_22.toEpochMilli();

        assertThat(strict.isFarFuture(recordTs + 5_000, recordTs)).isFalse();
        assertThat(strict.isFarFuture(recordTs + 5_001, recordTs)).isTrue();
    }

    @Test
    void withoutARecordTimestampNothingIsFarFuture() {
        long farAhead = Instant.parse("2999-01-01T00:00:00Z").toEpochMilli();

        assertThat(validator.isFarFuture(farAhead, 0)).isFalse();
        assertThat(validator.isFarFuture(farAhead, -1)).isFalse(); // Kafka's NO_TIMESTAMP
    }

    @Test
    void validateItselfIgnoresTheFuture() {
        Post future = post("soon").setCreatedAt(Instant.parse("2999-01-01T00:00:00Z")).build();

        assertThatCode(() -> validator.validate(future)).doesNotThrowAnyException();
    }

    /** Found by HostilePostsTest: 120,000 mentions made a 2.6 MB threaded post, beyond what the threads topic accepts. */
    @Test
    void aPostLargerThanTheLimitOnceEncodedIsTooLargeWhateverFieldHoldsTheBytes() {
        PostValidator defaults = new PostValidator(ONE_HOUR, 50_000);
        java.util.List<String> crowd = java.util.stream.IntStream.range(0, 120_000).mapToObj(i -> "follower_number_" + i).toList();

        InvalidPostException e = catchThrowableOfType(InvalidPostException.class,
            () -> defaults.validate(post("hello everyone").setMentions(crowd).build()));

        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(e.getMessage()).contains("120000 mentions").contains("limit of " + PostValidator.MAX_POST_BYTES);
        Post hugeHandle = post("hi").setAuthor(new Author(null, "h".repeat(600_000), null)).build();
        assertThat(catchThrowableOfType(InvalidPostException.class, () -> defaults.validate(hugeHandle)).reason())
            .isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void aTextAtTheDefaultLimitInFourByteCharactersWithAThousandMentionsIsNotTooLarge() {
        PostValidator defaults = new PostValidator(ONE_HOUR, 50_000);
        java.util.List<String> mentions = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "a_fairly_long_handle_" + i).toList();
        Post big = post("\uD83D\uDE00".repeat(25_000)).setMentions(mentions).setUrl("https://x.invalid/" + "p".repeat(2_000)).build();

        assertThatCode(() -> defaults.validate(big)).doesNotThrowAnyException();
    }
}
