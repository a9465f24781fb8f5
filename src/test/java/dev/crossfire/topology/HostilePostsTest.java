package dev.crossfire.topology;

import static dev.crossfire.testing.PostBuilder.post;
import static dev.crossfire.topology.HostileChecks.BROKER_DEFAULT_MAX_RECORD_BYTES;
import static dev.crossfire.topology.HostileChecks.assertDeadLetteredOnce;
import static dev.crossfire.topology.HostileChecks.assertStateWithinBounds;
import static dev.crossfire.topology.HostileChecks.pipe;
import static dev.crossfire.topology.HostileChecks.threadedCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.HostileInput;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.Tries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Posts that parse but push every field to its edge: missing, null, empty or mistyped fields, junk
 * Unicode, texts at the length bound, thousands of mentions, clocks far off, ids that collide. A
 * broken one is dead-lettered with the reason its field earns; a valid one is threaded exactly
 * once; nothing escapes the driver and no record crossfire writes outgrows what a topic with the
 * broker's default size limit accepts.
 */
class HostilePostsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Just before the time the fixture stamps every record with (the broker's clock). */
    private static final Instant AT = TopologyFixture.INGEST_TIME.minus(Duration.ofDays(1));

    /** One way to break (or merely bend) a field, with the reason the validator owes it, or null when the post stays valid. */
    private record Mutation(String name, String expectedReason, Consumer<ObjectNode> apply) {
        /** The field it changes: the first word of its name. */
        String field() {
            return name.split(" ")[0];
        }
    }

    private static final List<Mutation> MUTATIONS = List.of(
        new Mutation("id null", "MISSING_FIELD", p -> p.putNull("id")),
        new Mutation("id missing", "MISSING_FIELD", p -> p.remove("id")),
        new Mutation("id blank", "MISSING_FIELD", p -> p.put("id", " \t ")),
        new Mutation("id an array", "BAD_FIELD", p -> p.putArray("id").add("x:1")),
        new Mutation("id a boolean", "BAD_FIELD", p -> p.put("id", true)),
        new Mutation("id a number", null, p -> p.put("id", 1_234_567_890_123L + p.path("id").asText().hashCode())),
        new Mutation("platform unknown", "UNKNOWN_PLATFORM", p -> p.put("platform", "myspace")),
        new Mutation("platform upper case", null, p -> p.put("platform", "BLUESKY")),
        new Mutation("platform null", "MISSING_FIELD", p -> p.putNull("platform")),
        new Mutation("author a string", "BAD_FIELD", p -> p.put("author", "someone")),
        new Mutation("author null", "MISSING_FIELD", p -> p.putNull("author")),
        new Mutation("author empty", "MISSING_FIELD", p -> p.putObject("author")),
        new Mutation("author handle only @", "MISSING_FIELD", p -> p.putObject("author").put("handle", " @ ")),
        new Mutation("author handle a number", null, p -> p.putObject("author").put("handle", 42)),
        new Mutation("author junk names", null, p -> p.putObject("author").put("handle", "\u202Eevil\u0000").put("name", "\uD800").put("id", "")),
        new Mutation("createdAt null", "MISSING_FIELD", p -> p.putNull("createdAt")),
        new Mutation("createdAt words", "BAD_TIMESTAMP", p -> p.put("createdAt", "yesterday")),
        new Mutation("createdAt no offset", "BAD_TIMESTAMP", p -> p.put("createdAt", "2025-12-31T00:00:00")),
        new Mutation("createdAt epoch number", "BAD_TIMESTAMP", p -> p.put("createdAt", 1_767_000_000L)),
        new Mutation("createdAt 1970", "BAD_TIMESTAMP", p -> p.put("createdAt", "1970-01-01T00:00:00Z")),
        new Mutation("createdAt before 1970", "BAD_TIMESTAMP", p -> p.put("createdAt", "1901-01-01T00:00:00Z")),
        new Mutation("createdAt year +999999999", "BAD_TIMESTAMP", p -> p.put("createdAt", "+999999999-12-31T23:59:59Z")),
        new Mutation("createdAt year -999999999", "BAD_TIMESTAMP", p -> p.put("createdAt", "-999999999-01-01T00:00:00Z")),
        new Mutation("createdAt two hours ahead", "FUTURE_TIMESTAMP", p -> p.put("createdAt", "2026-01-01T02:00:00Z")),
        new Mutation("createdAt in 2099", "FUTURE_TIMESTAMP", p -> p.put("createdAt", "2099-01-01T00:00:00+14:00")),
        new Mutation("createdAt a bit ahead", null, p -> p.put("createdAt", "2026-01-01T00:59:00Z")),
        new Mutation("createdAt odd offset", null, p -> p.put("createdAt", "2025-12-31T09:00:00.123456789-11:59")),
        new Mutation("text null", "MISSING_FIELD", p -> p.putNull("text")),
        new Mutation("text a number", "BAD_FIELD", p -> p.put("text", 3.14)),
        new Mutation("text an object", "BAD_FIELD", p -> p.putObject("text").put("en", "hi")),
        new Mutation("text empty", null, p -> p.put("text", "")),
        new Mutation("replyTo a string", "BAD_FIELD", p -> p.put("replyTo", "x:1")),
        new Mutation("replyTo empty", "MISSING_FIELD", p -> p.putObject("replyTo")),
        new Mutation("replyTo blank id", "MISSING_FIELD", p -> p.putObject("replyTo").put("postId", "")),
        new Mutation("replyTo itself", "SELF_REFERENCE", p -> p.putObject("replyTo").put("postId", p.path("id").asText())),
        new Mutation("quoteOf null", null, p -> p.putNull("quoteOf")),
        new Mutation("repostOf junk author", null, p -> p.putObject("repostOf").put("postId", "x:elsewhere").put("authorHandle", "@").put("authorId", "\u0000")),
        new Mutation("mentions a string", "BAD_FIELD", p -> p.put("mentions", "@a @b")),
        new Mutation("mentions of junk", null, p -> p.putArray("mentions").add(1).addNull().add("").add("@").add(" ").addObject()),
        new Mutation("metrics huge", null, p -> p.putObject("metrics").put("likes", Long.MAX_VALUE).put("reposts", Long.MAX_VALUE)
            .put("replies", -1).put("quotes", "many")),
        new Mutation("metrics a string", null, p -> p.put("metrics", "lots")),
        new Mutation("lang and url objects", null, p -> p.putObject("lang").put("x", 1)),
        new Mutation("rootId empty", null, p -> p.put("rootId", "")),
        new Mutation("unknown fields", null, p -> p.put("__proto__", "x").putArray("extra").add(JSON.objectNode())));

    @Test
    void nullishMistypedAndOutOfRangeFieldsEachGetTheirReasonAndValidPostsAreThreadedOnce() {
        try (TopologyFixture t = new TopologyFixture()) {
            Set<String> acceptedIds = new HashSet<>();
            Tries.run("each broken field gets its reason", 21L, 250, (random, i) -> {
                ObjectNode post = (ObjectNode) MAPPER.readTree(basePost(random, i).json());
                // one or two fields changed, in the order of the list (an id changes before a reference to it)
                List<Mutation> applied = new ArrayList<>();
                for (int n = 1 + random.nextInt(2); n > 0; n--) {
                    Mutation m = MUTATIONS.get(random.nextInt(MUTATIONS.size()));
                    if (applied.stream().noneMatch(a -> a.field().equals(m.field()))) {
                        applied.add(m);
                    }
                }
                applied.sort(java.util.Comparator.comparingInt(MUTATIONS::indexOf));
                applied.forEach(m -> m.apply().accept(post));
                Set<String> expected = new HashSet<>();
                applied.stream().filter(m -> m.expectedReason() != null).forEach(m -> expected.add(m.expectedReason()));
                String json = post.toString();
                byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
                byte[] value = json.getBytes(StandardCharsets.UTF_8);
                pipe(t, key, value);
                if (expected.isEmpty()) {
                    assertThat(t.rejected.readRecordsToList()).as("rejected after %s: %s", names(applied), json).isEmpty();
                    acceptedIds.add(post.get("id").asText().strip());
                } else {
                    assertThat(assertDeadLetteredOnce(t, key, value)).as("reason after %s: %s", names(applied), json).isIn(expected);
                }
            });
            t.endOfInput();
            assertThat(threadedCounts(t.threads())).containsOnlyKeys(acceptedIds).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertStateWithinBounds(t);
        }
    }

    @Test
    void junkUnicodeFromAndAboutFiguresIsThreadedOnceScoredAndKeptWithinTheTurnBound() {
        List<String> handles = List.of("realDonaldTrump", "jeffsessions", "TTuberville", "DougJones");
        CrossfireSettings d = CrossfireSettings.defaults();
        // few turns kept, so that a run this short reaches the bound on every pair
        CrossfireSettings settings = d.withExchange(d.exchangeInactivity(), 6);
        try (TopologyFixture t = new TopologyFixture(settings)) {
            t.registry(FigureBuilder.seedFigures());
            Set<String> ids = new HashSet<>();
            Tries.run("junk unicode is threaded once", 22L, 120, (random, i) -> {
                String id = "x:u" + i;
                String author = random.nextInt(4) == 0 ? HostileInput.handle(random) : handles.get(random.nextInt(handles.size()));
                PostBuilder p = post(id, author, AT.plusSeconds(i * 60L), HostileInput.text(random, 400));
                String target = handles.get(random.nextInt(handles.size()));
                switch (random.nextInt(4)) {
                    case 0 -> p.replyTo("x:u" + random.nextInt(i + 1), target);
                    case 1 -> p.quoteOf("x:u" + random.nextInt(i + 1), random.nextBoolean() ? target : null);
                    case 2 -> p.mentions(target, HostileInput.handle(random), HostileInput.text(random, 30));
                    default -> { }
                }
                if (p.id().equals(id) && p.json().contains("\"postId\":\"" + id + "\"")) {
                    return; // a post replying to itself is another test's
                }
                pipe(t, p.id(), p.json());
                assertThat(t.rejected.readRecordsToList()).isEmpty();
                ids.add(id);
            });
            t.endOfInput();
            List<ThreadedPost> threaded = t.threads();
            assertThat(threadedCounts(threaded)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertStateWithinBounds(t);
            var exchanges = t.driver.<String, dev.crossfire.avro.ExchangeState>getKeyValueStore(StoreNames.EXCHANGES);
            try (var all = exchanges.all()) {
                assertThat(all).toIterable().anySatisfy(e -> assertThat(e.value.getDroppedTurns()).isPositive()); // the bound was reached
            }
            for (ExchangeAlert alert : t.alerts()) {
                assertThat(alert.getTurns()).hasSizeLessThanOrEqualTo(t.settings.maxTurnsKept());
                assertThat(alert.getScore()).isBetween(0.0, 1.0);
                alert.getReasons().forEach(r -> assertThat(r.getValue()).as(r.getCode()).isBetween(0.0, 1.0));
            }
        }
    }

    @Test
    void engagementCountsAtTheEdgeOfALongStillLetTheSeedExchangeAlertWithFullReach() throws Exception {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            for (PostBuilder p : dev.crossfire.testing.SeedStory.inOrder()) {
                ObjectNode post = (ObjectNode) MAPPER.readTree(p.json()); // a copy: the story's builders are shared
                post.putObject("metrics").put("likes", Long.MAX_VALUE).put("reposts", Long.MAX_VALUE).put("replies", 0).put("quotes", 0);
                pipe(t, p.id(), post.toString());
            }
            List<ExchangeAlert> alerts = t.alerts();
            assertThat(alerts).isNotEmpty();
            for (ExchangeAlert alert : alerts) {
                assertThat(alert.getScore()).isBetween(0.0, 1.0);
                assertThat(alert.getReasons()).filteredOn(r -> r.getCode().equals("REACH")).singleElement()
                    .satisfies(r -> assertThat(r.getValue()).isGreaterThanOrEqualTo(0.7));
            }
        }
    }

    @Test
    void textsAtTheLengthBoundAreAcceptedUpToItAndRejectedPastIt() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            int max = t.settings.maxTextChars();
            Tries.run("the text bound holds to the char", 23L, 12, (random, i) -> {
                int length = max - 1 + random.nextInt(3);
                String text = junkOfLength(random, length);
                PostBuilder p = post("x:long" + i, "jeffsessions", AT.plusSeconds(i), text).mentions("realDonaldTrump");
                pipe(t, p.id(), p.json());
                byte[] value = p.json().getBytes(StandardCharsets.UTF_8);
                if (length > max) {
                    assertThat(assertDeadLetteredOnce(t, p.id().getBytes(StandardCharsets.UTF_8), value)).isEqualTo("TEXT_TOO_LONG");
                } else {
                    assertThat(t.rejected.isEmpty()).as("a text of %d chars", length).isTrue();
                    List<ThreadedPost> threaded = t.threads();
                    assertThat(threaded).hasSize(1);
                    assertThat(threaded.get(0).getPost().getText()).hasSize(length);
                    assertThat(t.serdes.threadedPost.serialize("threads", threaded.get(0)).length).isLessThanOrEqualTo(BROKER_DEFAULT_MAX_RECORD_BYTES);
                }
            });
            // a megabyte of text is kept whole in the dead letter, not cut or refused
            PostBuilder huge = post("x:huge", "someone", AT, "\uD83D\uDE00".repeat(500_000));
            pipe(t, huge.id(), huge.json());
            assertThat(assertDeadLetteredOnce(t, bytes(huge.id()), bytes(huge.json()))).isEqualTo("TEXT_TOO_LONG");
        }
    }

    @Test
    void thousandsOfMentionsMakeOneTurnPerFigureAndNoOversizedRecord() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            Tries.run("mentions are bounded in effect", 24L, 6, (random, i) -> {
                int count = 1_000 + random.nextInt(9_000);
                String[] mentions = new String[count];
                for (int k = 0; k < count; k++) {
                    mentions[k] = switch (random.nextInt(4)) {
                        case 0 -> "jeffsessions";
                        case 1 -> "TTuberville";
                        case 2 -> HostileInput.text(random, 15);
                        default -> "fan" + k;
                    };
                }
                PostBuilder p = post("x:m" + i, "realDonaldTrump", AT.plusSeconds(i * 60L), "you all know who you are").mentions(mentions);
                pipe(t, p.id(), p.json());
                byte[] value = bytes(p.json());
                if (!t.rejected.isEmpty()) {
                    assertThat(assertDeadLetteredOnce(t, bytes(p.id()), value)).isEqualTo("TOO_LARGE");
                    return;
                }
                List<ThreadedPost> threaded = t.threads();
                assertThat(threaded).hasSize(1);
                assertThat(threaded.get(0).getFigureIds()).containsExactly("donald-trump", "jeff-sessions", "tommy-tuberville");
                assertThat(t.serdes.threadedPost.serialize("threads", threaded.get(0)).length).isLessThanOrEqualTo(BROKER_DEFAULT_MAX_RECORD_BYTES);
            });
            assertStateWithinBounds(t);
        }
    }

    @Test
    void aPostFarBiggerThanAnyRealOneIsRejectedOrKeptWithinTheRecordSizeTopicsAccept() {
        try (TopologyFixture t = new TopologyFixture()) {
            String[] mentions = new String[120_000];
            for (int k = 0; k < mentions.length; k++) {
                mentions[k] = "follower_number_" + k;
            }
            PostBuilder p = post("x:crowd", "someone", AT, "hello everyone").mentions(mentions);
            pipe(t, p.id(), p.json());
            if (t.rejected.isEmpty()) {
                List<ThreadedPost> threaded = t.threads();
                assertThat(threaded).hasSize(1);
                assertThat(t.serdes.threadedPost.serialize("threads", threaded.get(0)).length)
                    .as("a threaded post the threads topic (broker default size limit) must accept").isLessThanOrEqualTo(BROKER_DEFAULT_MAX_RECORD_BYTES);
            } else {
                assertThat(assertDeadLetteredOnce(t, bytes(p.id()), bytes(p.json()))).isEqualTo("TOO_LARGE");
            }
        }
    }

    @Test
    void clocksFarOffAreRejectedAheadAndAcceptedBehindWithoutMovingStreamTimeOrRepeatingPosts() {
        try (TopologyFixture t = new TopologyFixture()) {
            // as far ahead as the tolerance allows: no accepted post below moves stream time past it
            Instant latest = TopologyFixture.INGEST_TIME.plus(t.settings.futureTolerance());
            PostBuilder waiting = post("x:w", "a", latest, "waiting for a parent").replyTo("x:never", "b");
            pipe(t, waiting.id(), waiting.json());
            Tries.run("clock skew", 25L, 60, (random, i) -> {
                Instant createdAt = skewed(random);
                Instant recordTime = TopologyFixture.INGEST_TIME.minusSeconds(random.nextInt(3_600));
                PostBuilder p = post("x:s" + i, "c", createdAt, "what time is it");
                byte[] value = bytes(p.json());
                t.posts.pipeInput(new TestRecord<>(bytes(p.id()), value, new RecordHeaders(), recordTime));
                boolean farAhead = createdAt.isAfter(recordTime.plus(t.settings.futureTolerance()));
                if (farAhead) {
                    assertThat(assertDeadLetteredOnce(t, bytes(p.id()), value)).isEqualTo("FUTURE_TIMESTAMP");
                } else {
                    assertThat(t.rejected.readRecordsToList()).isEmpty();
                    // a redelivery of the same post, however old, is not threaded twice
                    t.posts.pipeInput(new TestRecord<>(bytes(p.id()), value, new RecordHeaders(), recordTime));
                    assertThat(t.threads()).as("%s created %s", p.id(), createdAt).hasSize(1);
                }
            });
            // no far-future post moved stream time: the reply still waits for its parent
            assertThat(t.threads.isEmpty()).isTrue();
            assertThat(assertStateWithinBounds(t)).isEqualTo(1);
        }
    }

    @Test
    void idsThatCollideAcrossPlatformsAndAuthorsAreThreadedOncePerId() {
        try (TopologyFixture t = new TopologyFixture()) {
            Tries.run("colliding ids", 26L, 40, (random, i) -> {
                String raw = Long.toString(1_000_000L + i);
                Instant at = AT.minus(Duration.ofDays(3_000)).plus(Duration.ofDays(i)); // each try past the last one's flushes
                List<PostBuilder> posts = new ArrayList<>(List.of(
                    post("x:" + raw, "alice", at, "on x"),
                    post("bluesky:" + raw, "alice.bsky.social", at, "on bluesky").platform("bluesky"),
                    post("mastodon:" + raw, "alice@mastodon.social", at, "on mastodon").platform("mastodon"),
                    post(raw, "bob", at, "bare id on x"),
                    post(raw, "carol", at, "the same bare id on mastodon, by someone else").platform("mastodon"),
                    post(raw, "dave", at.plusSeconds(1), "the same bare id, a second later").platform("bluesky"),
                    post("x:" + raw + "r", "erin", at.plusSeconds(2), "a reply to the ambiguous id").replyTo(raw, null)));
                java.util.Collections.shuffle(posts, random);
                posts.forEach(p -> pipe(t, p.id(), p.json()));
                t.endOfInput();
                List<ThreadedPost> threaded = t.threads();
                // the id makes a post: the first of the three "raw" copies to arrive wins, the others are redeliveries
                PostBuilder firstRaw = posts.stream().filter(p -> p.id().equals(raw)).findFirst().orElseThrow();
                assertThat(threaded).extracting(p -> p.getPost().getId() + "@" + p.getPost().getCreatedAt())
                    .containsExactlyInAnyOrder("x:" + raw + "@" + at, "bluesky:" + raw + "@" + at, "mastodon:" + raw + "@" + at,
                        raw + "@" + firstRaw.createdAt(), "x:" + raw + "r@" + at.plusSeconds(2));
                assertThat(t.rejected.isEmpty()).isTrue();
            });
            assertThat(assertStateWithinBounds(t)).isZero();
        }
    }

    private static Instant skewed(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> TopologyFixture.INGEST_TIME.plus(Duration.ofDays(1 + random.nextInt(30_000))); // days to decades ahead
            case 1 -> TopologyFixture.INGEST_TIME.plusSeconds(random.nextInt(7_200)); // around the tolerance
            case 2 -> Instant.ofEpochSecond(1 + random.nextInt(1_000_000_000)); // anywhere from 1970 to 2001
            case 3 -> TopologyFixture.INGEST_TIME.minus(Duration.ofDays(8 + random.nextInt(3_000))); // behind the retentions
            case 4 -> Instant.ofEpochMilli(1 + random.nextInt(1_000)); // the first second after the epoch
            default -> TopologyFixture.INGEST_TIME.minusSeconds(random.nextInt(86_400));
        };
    }

    private static PostBuilder basePost(Random random, int i) {
        PostBuilder p = post("x:n" + i, HostileInput.handle(random), AT.plusSeconds(i), HostileInput.text(random, 100));
        if (random.nextBoolean()) {
            p.replyTo("x:n" + random.nextInt(i + 1) + "p", null);
        }
        return p;
    }

    private static String junkOfLength(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            s.append(HostileInput.text(random, Math.min(500, length - s.length())));
        }
        return s.substring(0, length);
    }

    private static String names(List<Mutation> applied) {
        return applied.stream().map(Mutation::name).toList().toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
