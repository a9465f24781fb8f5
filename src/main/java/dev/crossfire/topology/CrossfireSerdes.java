package dev.crossfire.topology;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeInput;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.avro.LinkerMessage;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.avro.WaitingChildren;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.SchemaRegistryClient;
import dev.crossfire.serde.SubjectPolicy;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every serde of the application, bound to one schema registry. Topic keys are plain strings
 * (post id, figure id, thread root id, exchange id); values are Confluent-framed Avro.
 */
public final class CrossfireSerdes {

    private final SchemaRegistryClient registry;
    public final AvroSerde<Post> post;
    public final AvroSerde<PublicFigure> figure;
    public final AvroSerde<ThreadedPost> threadedPost;
    public final AvroSerde<ExchangeAlert> alert;
    public final AvroSerde<PileOnAlert> pileOn;
    public final AvroSerde<LinkerMessage> linkerMessage;
    public final AvroSerde<ThreadLink> link;
    public final AvroSerde<WaitingChildren> waiting;
    public final AvroSerde<ExchangeInput> exchangeInput;
    public final AvroSerde<Interaction> interaction;
    public final AvroSerde<ExchangeState> exchangeState;
    public final AvroSerde<PileOnState> pileOnState;

    public CrossfireSerdes(SchemaRegistryClient registry) {
        this(registry, SubjectPolicy.defaults());
    }

    /**
     * @param external how the topics other programs share (posts, figures, threads, alerts, pile-ons) find their
     *                 schema ids; crossfire's internal topics and stores always register their own
     */
    public CrossfireSerdes(SchemaRegistryClient registry, SubjectPolicy external) {
        this.registry = registry;
        this.post = new AvroSerde<>(registry, Post.getClassSchema(), false, external);
        this.figure = new AvroSerde<>(registry, PublicFigure.getClassSchema(), false, external);
        this.threadedPost = new AvroSerde<>(registry, ThreadedPost.getClassSchema(), false, external);
        this.alert = new AvroSerde<>(registry, ExchangeAlert.getClassSchema(), false, external);
        this.pileOn = new AvroSerde<>(registry, PileOnAlert.getClassSchema(), false, external);
        this.linkerMessage = new AvroSerde<>(registry, LinkerMessage.getClassSchema());
        this.link = new AvroSerde<>(registry, ThreadLink.getClassSchema());
        this.waiting = new AvroSerde<>(registry, WaitingChildren.getClassSchema());
        this.exchangeInput = new AvroSerde<>(registry, ExchangeInput.getClassSchema());
        this.interaction = new AvroSerde<>(registry, Interaction.getClassSchema());
        this.exchangeState = new AvroSerde<>(registry, ExchangeState.getClassSchema());
        this.pileOnState = new AvroSerde<>(registry, PileOnState.getClassSchema());
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public static Serde<String> key() {
        return Serdes.String();
    }

    public static Serde<byte[]> raw() {
        return Serdes.ByteArray();
    }
}
