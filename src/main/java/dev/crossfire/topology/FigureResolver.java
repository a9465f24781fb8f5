package dev.crossfire.topology;

import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.avro.Turn;
import dev.crossfire.exchange.ExchangeTracker;
import dev.crossfire.figure.Figure;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.metrics.ArrivalStamp;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.interaction.InteractionDeriver.Involvement;
import dev.crossfire.interaction.InteractionDeriver.Target;
import dev.crossfire.text.Hostility;
import dev.crossfire.text.HostilityScorer;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stages 4 and 5: resolve the figures a threaded post involves, emit it on the threads topic, and
 * turn it into interactions keyed by the unordered figure pair (to be repartitioned by pair).
 */
final class FigureResolver implements Processor<String, LinkedPost, String, Object> {

    static final int TURN_TEXT_CHARS = 280;

    private final InteractionDeriver deriver;
    private final HostilityScorer hostility;
    private final CrossfireMetrics metrics;
    private ProcessorContext<String, Object> context;

    FigureResolver(InteractionDeriver deriver, HostilityScorer hostility) {
        this(deriver, hostility, CrossfireMetrics.noop());
    }

    FigureResolver(InteractionDeriver deriver, HostilityScorer hostility, CrossfireMetrics metrics) {
        this.deriver = deriver;
        this.hostility = hostility;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, LinkedPost> record) {
        Post post = record.value().post();
        ThreadLink link = record.value().link();
        Involvement involvement = deriver.derive(post, link.getParentAuthorHandle());
        TreeSet<String> figureIds = new TreeSet<>();
        involvement.author().ifPresent(a -> figureIds.add(a.id()));
        involvement.targets().forEach(t -> figureIds.add(t.figure().id()));

        ThreadedPost threaded = ThreadedPost.newBuilder()
            .setPost(post)
            .setRootId(link.getRootId())
            .setParentId(link.getParentId())
            .setParentAuthorHandle(link.getParentAuthorHandle())
            .setDepth(link.getDepth())
            .setStatus(link.getStatus())
            .setAuthorFigureId(involvement.author().map(Figure::id).orElse(null))
            .setFigureIds(List.copyOf(figureIds))
            .build();
        // the arrival stamp goes on with the interactions only: the threads topic gets no headers
        context.forward(record.withKey(link.getRootId()).withValue(threaded).withHeaders(new RecordHeaders()));

        if (involvement.author().isEmpty() || involvement.targets().isEmpty()) {
            return;
        }
        Figure author = involvement.author().get();
        Hostility score = hostility.score(post.getText());
        long engagement = InteractionDeriver.engagement(post.getMetrics());
        long arrival = ArrivalStamp.read(record.headers());
        for (Target target : involvement.targets()) {
            Turn turn = Turn.newBuilder()
                .setPostId(post.getId())
                .setFigureId(author.id())
                .setTargetFigureId(target.figure().id())
                .setKind(target.kind())
                .setCreatedAt(post.getCreatedAt())
                .setHostility(score.score())
                .setText(shorten(post.getText()))
                .setCues(score.cues())
                .setUrl(post.getUrl())
                .build();
            String pair = ExchangeTracker.pairKey(author.id(), target.figure().id());
            Interaction interaction = Interaction.newBuilder()
                .setPairKey(pair)
                .setTurn(turn)
                .setSourceName(author.name())
                .setTargetName(target.figure().name())
                .setEngagement(engagement)
                .setOtherFigures(figureIds.size() - 2)
                .build();
            context.forward(record.withKey(pair).withValue(interaction).withHeaders(ArrivalStamp.headers(arrival)));
            metrics.interaction(target.kind());
        }
    }

    static String shorten(String text) {
        if (text.length() <= TURN_TEXT_CHARS) {
            return text;
        }
        int cut = TURN_TEXT_CHARS - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }
}
