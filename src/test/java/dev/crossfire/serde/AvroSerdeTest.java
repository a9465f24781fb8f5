package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String POSTS = "crossfire.posts";
    private static final String ALERTS = "crossfire.alerts";
    private static final Instant CREATED = Instant.parse("2020-05-22T23:10:41Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Post> posts = new AvroSerde<>(registry, Post.getClassSchema());
    private final AvroSerde<ExchangeAlert> alerts = new AvroSerde<>(registry, ExchangeAlert.getClassSchema());

    // ------------------------------------------------------------------ wire format

    @Test
    void writesMagicByteZeroAndTheSchemaIdOfTheTopicValueSubject() {
        // another schema first, so the post schema's id is not 1 by accident
        registry.register("crossfire.alerts-value", ExchangeAlert.getClassSchema());

        byte[] bytes = posts.serialize(POSTS, fullPost());

        int expectedId = registry.register("crossfire.posts-value", Post.getClassSchema());
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(expectedId);
        assertThat(registry.versions("crossfire.posts-value")).containsExactly(expectedId);
    }

    @Test
    void theSchemaIdIsWrittenBigEndian() {
        SchemaRegistryClient fixedId = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                return 0x0A0B0C0D;
            }

            @Override
            public Schema schemaById(int id) {
                assertThat(id).isEqualTo(0x0A0B0C0D);
                return Post.getClassSchema();
            }

            @Override
            public int idOf(String subject, Schema schema) {
                return 0x0A0B0C0D;
            }

            @Override
            public RegisteredSchema latest(String subject) {
                return new RegisteredSchema(subject, 1, 0x0A0B0C0D, Post.getClassSchema());
            }
        };
        AvroSerde<Post> serde = new AvroSerde<>(fixedId, Post.getClassSchema());

        byte[] bytes = serde.serialize(POSTS, fullPost());

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x0A, 0x0B, 0x0C, 0x0D);
        assertThat(serde.deserialize(POSTS, bytes)).isEqualTo(fullPost());
    }

    @Test
    void theBodyAfterTheHeaderIsPlainAvroBinary() throws IOException {
        Post post = fullPost();
        byte[] bytes = posts.serialize(POSTS, post);

        SpecificDatumReader<Post> reader = new SpecificDatumReader<>(Post.class);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        Post read = reader.read(null, decoder);

        assertThat(read).isEqualTo(post);
        assertThat(decoder.isEnd()).isTrue();
    }

    @Test
    void aKeySerdeUsesTheTopicKeySubject() {
        AvroSerde<Post> keys = new AvroSerde<>(registry, Post.getClassSchema(), true);

        keys.serialize(POSTS, fullPost());

        assertThat(registry.versions("crossfire.posts-key")).hasSize(1);
        assertThat(registry.versions("crossfire.posts-value")).isEmpty();
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void aFullPostSurvivesTheRoundTrip() {
        Post post = fullPost();

        Post read = posts.deserialize(POSTS, posts.serialize(POSTS, post));

        assertThat(read).isEqualTo(post);
        assertThat(read.getCreatedAt()).isEqualTo(CREATED);
        assertThat(read.getQuoteOf().getAuthorHandle()).isEqualTo("TTuberville");
        assertThat(read.getMetrics().getLikes()).isEqualTo(98_000L);
        assertThat(read.getMentions()).containsExactly("TTuberville", "jeffsessions");
    }

    @Test
    void anExchangeAlertSurvivesTheRoundTrip() {
        ExchangeAlert alert = alert();

        ExchangeAlert read = alerts.deserialize(ALERTS, alerts.serialize(ALERTS, alert));

        assertThat(read).isEqualTo(alert);
        assertThat(read.getPreviousLevel()).isEqualTo(EscalationLevel.NOTICE);
        assertThat(read.getTurns()).extracting(Turn::getKind).containsExactly(InteractionKind.NAME, InteractionKind.QUOTE);
        assertThat(read.getReasons()).extracting(Reason::getCode).containsExactly("RECIPROCAL", "HOSTILE");
    }

    @Test
    void bytesWrittenUnderOneTopicDecodeUnderAnotherBecauseIdsAreGlobal() {
        byte[] bytes = posts.serialize(POSTS, fullPost());
        AvroSerde<Post> elsewhere = new AvroSerde<>(registry, Post.getClassSchema());

        assertThat(elsewhere.deserialize("crossfire.replay", bytes)).isEqualTo(fullPost());
    }

    @Test
    void nullStaysNullBothWays() {
        assertThat(posts.serialize(POSTS, null)).isNull();
        assertThat(posts.deserialize(POSTS, null)).isNull();
        assertThat(registry.versions("crossfire.posts-value")).isEmpty();
    }

    // ------------------------------------------------------------------ schema evolution

    @Test
    void aPostWrittenWithAnOlderSchemaReadsWithTheDefaultsOfTheMissingFields() throws IOException {
        Schema older = postSchemaWithout("lang", "mentions");
        int id = registry.register("crossfire.posts-value", older);
        assertThat(id).isNotEqualTo(registry.register("probe-value", Post.getClassSchema()));

        GenericRecord record = olderPost(older, new GenericData.EnumSymbol(older.getField("platform").schema(), "BLUESKY"));
        Post read = posts.deserialize(POSTS, confluentBytes(id, older, record));

        assertThat(read.getId()).isEqualTo("bsky:3k2a");
        assertThat(read.getPlatform()).isEqualTo(Platform.BLUESKY);
        assertThat(read.getAuthor().getHandle()).isEqualTo("jeffsessions.bsky.social");
        assertThat(read.getCreatedAt()).isEqualTo(CREATED);
        assertThat(read.getText()).isEqualTo("Alabama decides.");
        assertThat(read.getLang()).isNull();
        assertThat(read.getMentions()).isEmpty();
    }

    @Test
    void anUnknownPlatformSymbolOfANewerWriterReadsAsOther() throws IOException {
        Schema newerPlatform = Schema.createEnum("Platform", "with a symbol this reader does not know", "dev.crossfire.avro",
            List.of("X", "BLUESKY", "MASTODON", "THREADS", "OTHER", "TIKTOK"), "OTHER");
        Schema newer = postSchemaWithPlatform(newerPlatform);
        int id = registry.register("crossfire.posts-value", newer);

        GenericRecord record = olderPost(newer, new GenericData.EnumSymbol(newerPlatform, "TIKTOK"));
        record.put("lang", "en");
        record.put("mentions", List.of("realDonaldTrump"));
        Post read = posts.deserialize(POSTS, confluentBytes(id, newer, record));

        assertThat(read.getPlatform()).isEqualTo(Platform.OTHER);
        assertThat(read.getId()).isEqualTo("bsky:3k2a");
        assertThat(read.getLang()).isEqualTo("en");
        assertThat(read.getMentions()).containsExactly("realDonaldTrump");
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void aWrongMagicByteIsASerializationError() {
        byte[] bytes = posts.serialize(POSTS, fullPost());
        bytes[0] = 1;

        assertThatThrownBy(() -> posts.deserialize(POSTS, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("magic byte")
            .hasMessageContaining(POSTS);
    }

    @Test
    void inputShorterThanTheHeaderIsASerializationError() {
        assertThatThrownBy(() -> posts.deserialize(POSTS, new byte[] {0, 0, 0}))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("schema id");
        assertThatThrownBy(() -> posts.deserialize(POSTS, new byte[0]))
            .isInstanceOf(SerializationException.class);
    }

    @Test
    void anUnknownSchemaIdNamesTheId() {
        posts.serialize(POSTS, fullPost());
        byte[] bytes = {0, 0, 0, 0x01, 0x2c, 2, 'x'}; // id 300

        assertThatThrownBy(() -> posts.deserialize(POSTS, bytes))
            .isInstanceOfAny(SerializationException.class, SchemaRegistryException.class)
            .hasMessageContaining("300");
    }

    @Test
    void aTruncatedBodyIsASerializationErrorNamingTheSchemaAndTopic() {
        byte[] bytes = posts.serialize(POSTS, fullPost());
        byte[] truncated = Arrays.copyOf(bytes, 12);

        assertThatThrownBy(() -> posts.deserialize(POSTS, truncated))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Post")
            .hasMessageContaining(POSTS);
    }

    @Test
    void aRecordMissingARequiredFieldCannotBeWritten() {
        Post incomplete = fullPost();
        incomplete.setAuthor(null);

        assertThatThrownBy(() -> posts.serialize(POSTS, incomplete))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining(POSTS);
    }

    @Test
    void aRecordThatFailedHalfWayLeavesNothingBehindInTheNextOne() {
        byte[] expected = posts.serialize(POSTS, fullPost());
        Post incomplete = fullPost();
        incomplete.setAuthor(null); // fails after the fields before it were encoded

        assertThatThrownBy(() -> posts.serialize(POSTS, incomplete)).isInstanceOf(SerializationException.class);

        assertThat(posts.serialize(POSTS, fullPost())).isEqualTo(expected);
    }

    @Test
    void aLargeRecordBetweenSmallOnesChangesNeitherTheirBytesNorItsOwn() {
        byte[] small = posts.serialize(POSTS, fullPost());
        Post large = fullPost();
        large.setText("x".repeat(300_000));

        byte[] largeBytes = posts.serialize(POSTS, large);

        assertThat(posts.deserialize(POSTS, largeBytes)).isEqualTo(large);
        assertThat(posts.serialize(POSTS, fullPost())).isEqualTo(small);
    }

    // ------------------------------------------------------------------ caching

    @Test
    void theSchemaIdIsRegisteredOnceForManyRecords() {
        CountingRegistry counting = new CountingRegistry(registry);
        AvroSerde<Post> serde = new AvroSerde<>(counting, Post.getClassSchema());

        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Post post = fullPost();
            post.setId("x:" + i);
            written.add(serde.serialize(POSTS, post));
        }
        for (byte[] bytes : written) {
            serde.deserialize(POSTS, bytes);
        }

        assertThat(counting.registers).hasValue(1);
        assertThat(counting.lookups).hasValue(1);
        assertThat(serde.deserialize(POSTS, written.get(99)).getId()).isEqualTo("x:99");
    }

    @Test
    void eachSubjectIsRegisteredOnce() {
        CountingRegistry counting = new CountingRegistry(registry);
        AvroSerde<Post> serde = new AvroSerde<>(counting, Post.getClassSchema());

        for (int i = 0; i < 10; i++) {
            serde.serialize(POSTS, fullPost());
            serde.serialize("crossfire.replay", fullPost());
        }

        assertThat(counting.registers).hasValue(2);
    }

    // ------------------------------------------------------------------ fixtures

    private static final class CountingRegistry implements SchemaRegistryClient {
        final SchemaRegistryClient delegate;
        final AtomicInteger registers = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            registers.incrementAndGet();
            return delegate.register(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            lookups.incrementAndGet();
            return delegate.schemaById(id);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            lookups.incrementAndGet();
            return delegate.idOf(subject, schema);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            lookups.incrementAndGet();
            return delegate.latest(subject);
        }
    }

    static Post fullPost() {
        return Post.newBuilder()
            .setId("x:1263970567838932993")
            .setPlatform(Platform.X)
            .setAuthor(new Author("x:25073877", "realDonaldTrump", "Donald J. Trump"))
            .setCreatedAt(CREATED)
            .setText("Alabama, do not trust Jeff Sessions. He let our Country down. “Über” ✓")
            .setReplyTo(new PostRef("x:1", "someone", "x:2"))
            .setQuoteOf(new PostRef("x:1262474430553214976", "TTuberville", null))
            .setRepostOf(new PostRef("x:3", null, null))
            .setRootId("x:1262474430553214976")
            .setMentions(new ArrayList<>(List.of("TTuberville", "jeffsessions")))
            .setLang("en")
            .setUrl("https://twitter.com/realDonaldTrump/status/1263970567838932993")
            .setMetrics(new Engagement(98_000L, 20_000L, 30_000L, 4_000L))
            .build();
    }

    private static ExchangeAlert alert() {
        Turn first = Turn.newBuilder().setPostId("x:1").setFigureId("donald-trump").setTargetFigureId("jeff-sessions")
            .setKind(InteractionKind.NAME).setCreatedAt(CREATED).setHostility(0.63).setText("do not trust Jeff Sessions")
            .setCues(new ArrayList<>(List.of("insult:disaster"))).build();
        Turn second = Turn.newBuilder().setPostId("x:2").setFigureId("jeff-sessions").setTargetFigureId("donald-trump")
            .setKind(InteractionKind.QUOTE).setCreatedAt(CREATED.plusSeconds(41 * 60)).setHostility(0.47)
            .setText("you're damn fortunate I did").build();
        return ExchangeAlert.newBuilder()
            .setAlertId("6f1c1f6e-0000-3000-8000-000000000000")
            .setExchangeId("donald-trump|jeff-sessions|2020-05-22T23:10:41Z")
            .setLevel(EscalationLevel.ESCALATING)
            .setPreviousLevel(EscalationLevel.NOTICE)
            .setScore(0.6)
            .setFigures(new ArrayList<>(List.of(new FigureRef("donald-trump", "Donald J. Trump"), new FigureRef("jeff-sessions", "Jeff Sessions"))))
            .setTurns(new ArrayList<>(List.of(first, second)))
            .setReasons(new ArrayList<>(List.of(new Reason("RECIPROCAL", "1 turn each way", 0.333), new Reason("HOSTILE", "both sides", null))))
            .setStartedAt(CREATED)
            .setLastActivityAt(CREATED.plusSeconds(41 * 60))
            .setTriggeredBy("x:2")
            .setTurnCount(2)
            .build();
    }

    /** Post's schema as an older producer had it: the same record without some optional fields. */
    private static Schema postSchemaWithout(String... removed) {
        List<String> gone = List.of(removed);
        Schema current = Post.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!gone.contains(f.name())) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        assertThat(older.getField("lang")).as("the field is really gone").isNull();
        return older;
    }

    /** Post's schema as a newer producer has it: the platform field of another enum. */
    private static Schema postSchemaWithPlatform(Schema platform) {
        Schema current = Post.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.name().equals("platform") ? platform : f.schema()));
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** A post as a generic record of the given writer schema, filled by hand. */
    private static GenericRecord olderPost(Schema writer, GenericData.EnumSymbol platform) {
        GenericRecord author = new GenericData.Record(writer.getField("author").schema());
        author.put("handle", "jeffsessions.bsky.social");
        GenericRecord record = new GenericData.Record(writer);
        record.put("id", "bsky:3k2a");
        record.put("platform", platform);
        record.put("author", author);
        record.put("createdAt", CREATED.toEpochMilli());
        record.put("text", "Alabama decides.");
        if (writer.getField("mentions") != null) {
            record.put("mentions", List.of());
        }
        return record;
    }

    /** Confluent wire format written by hand: magic byte, big-endian id, Avro binary. */
    private static byte[] confluentBytes(int schemaId, Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
