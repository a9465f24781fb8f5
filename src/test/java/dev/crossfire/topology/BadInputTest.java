package dev.crossfire.topology;

import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.post.PostValidator;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static final String AT = "2020-05-20T10:00:00Z";

    @Test
    void everyKindOfBadRecordIsRejectedWithItsReasonKeptAndTheTopologyKeepsRunning() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            t.sendRaw("k1", "this is not json {");
            t.sendRaw("k2", post("x:2", "someone", AT, "no id").json().replace("\"id\":\"x:2\",", ""));
            t.sendRaw("k3", post("x:3", "someone", AT, "no handle").json().replace("\"handle\":\"someone\"", "\"name\":\"Someone\""));
            t.sendRaw("k4", post("x:4", "someone", AT, "no time").without("createdAt").json());
            t.sendRaw("k5", post("x:5", "someone", AT, "where?").platform("myspace").json());
            t.sendRaw("k6", post("x:6", "someone", "2099-01-01T00:00:00Z", "from the future").json());
            t.sendRaw("k7", post("x:7", "someone", AT, "a".repeat(t.settings.maxTextChars() + 1)).json());
            t.sendRaw("k8", post("x:8", "someone", AT, "talking to myself").replyTo("x:8", "someone").json());
            t.sendRaw("k9", "[1, 2, 3]");
            t.sendRaw("k10", post("x:10", "someone", AT, "bad time").json().replace(AT, "yesterday"));
            t.sendRaw("k11".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 42, 1, 2});
            t.sendRaw("k12", post("x:12", "someone", AT, "no text").without("text").json());
            String[] crowd = new String[40_000];
            Arrays.setAll(crowd, i -> "someone_" + i);
            t.sendRaw("k13", post("x:13", "someone", AT, "hello all").mentions(crowd).json());

            List<TestRecord<byte[], byte[]>> rejected = t.rejected.readRecordsToList();
            assertThat(rejected).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13");
            assertThat(rejected).extracting(r -> header(r, DeadLetter.REASON)).containsExactly(
                "NOT_JSON", "MISSING_FIELD", "MISSING_FIELD", "MISSING_FIELD", "UNKNOWN_PLATFORM", "FUTURE_TIMESTAMP",
                "TEXT_TOO_LONG", "SELF_REFERENCE", "NOT_JSON", "BAD_TIMESTAMP", "NOT_AVRO", "MISSING_FIELD", "TOO_LARGE");
            assertThat(header(rejected.get(1), DeadLetter.MESSAGE)).isEqualTo("missing required field id");
            assertThat(header(rejected.get(2), DeadLetter.MESSAGE)).isEqualTo("missing required field author.handle");
            assertThat(header(rejected.get(4), DeadLetter.MESSAGE)).contains("myspace");
            assertThat(rejected).allSatisfy(r -> {
                assertThat(header(r, DeadLetter.STAGE)).isEqualTo("validate");
                assertThat(header(r, DeadLetter.SOURCE_TOPIC)).isEqualTo(t.settings.topics().posts());
            });
            // the original bytes are kept untouched, so a fixed record can be replayed
            assertThat(new String(rejected.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json {");
            assertThat(rejected.get(6).value().length).isGreaterThan(t.settings.maxTextChars());
            assertThat(rejected.get(12).value().length).isGreaterThan((int) PostValidator.MAX_POST_BYTES);
            assertThat(Arrays.equals(rejected.get(10).value(), new byte[] {0, 0, 0, 0, 42, 1, 2})).isTrue();

            // still running: the seed exchange after all that still raises its alerts
            t.send(SeedStory.inOrder());
            assertThat(t.alerts()).isNotEmpty();
        }
    }

    @Test
    void emojiAndRightToLeftTextAreAcceptedAndThreaded() {
        try (TopologyFixture t = new TopologyFixture()) {
            PostBuilder emoji = post("x:100", "fan", AT, "🔥🔥🔥 @jeffsessions 👏🏽 👨‍👩‍👧 \uD83D\uDE00").mentions("jeffsessions");
            PostBuilder arabic = post("x:101", "reader", AT, "هذا رد على المنشور ‎@jeffsessions‎ شكرا").replyTo("x:100", "fan");
            PostBuilder hebrew = post("x:102", "other", AT, "תודה רבה! שבת שלום").replyTo("x:101", "reader");
            t.registry(FigureBuilder.seedFigures());
            t.send(emoji, arabic, hebrew);
            assertThat(t.rejected.isEmpty()).isTrue();
            List<ThreadedPost> threads = t.threads();
            assertThat(threads).extracting(p -> p.getPost().getText()).containsExactly(
                emojiText(emoji), emojiText(arabic), emojiText(hebrew));
            assertThat(threads.get(2).getDepth()).isEqualTo(2);
            assertThat(threads.get(0).getFigureIds()).containsExactly("jeff-sessions");
        }
    }

    @Test
    void posts_encoded_as_confluent_avro_are_accepted_too() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            for (PostBuilder p : SeedStory.inOrder()) {
                byte[] avro = t.serdes.post.serialize(t.settings.topics().posts(),
                    dev.crossfire.post.PostJsonTestAccess.parse(p.json()));
                t.sendRaw(p.id().getBytes(StandardCharsets.UTF_8), avro);
            }
            assertThat(t.rejected.isEmpty()).isTrue();
            assertThat(t.alerts()).isNotEmpty();
        }
    }

    private static String emojiText(PostBuilder p) {
        return dev.crossfire.post.PostJsonTestAccess.parse(p.json()).getText();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
