package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadNodesTest {

    @Test
    void aNodeComesBackFromAPeerAsItLeft() throws Exception {
        ThreadNode linked = ThreadNode.newBuilder().setPostId("x:2").setParentId("x:1").setRelation("REPLY").setAuthorHandle("jeffsessions")
            .setAuthorFigureId("jeff-sessions").setCreatedAt(Instant.parse("2020-05-22T23:40:12Z")).setDepth(1).setStatus(LinkStatus.LINKED)
            .setText("Donald, \"you're damn fortunate\" \u2014 ünïcödé 👏").setUrl("https://x.com/jeffsessions/status/2")
            .setFigureIds(List.of("donald-trump", "jeff-sessions")).build();
        ThreadNode root = ThreadNode.newBuilder(linked).setPostId("x:1").setParentId(null).setRelation(null).setAuthorFigureId(null)
            .setUrl(null).setDepth(0).setStatus(LinkStatus.ROOT).setFigureIds(List.of()).build();

        for (ThreadNode node : List.of(linked, root)) {
            String wire = Http.MAPPER.writeValueAsString(ThreadNodes.toJson(node));
            assertThat(ThreadNodes.fromJson(Http.MAPPER.readTree(wire))).isEqualTo(node);
        }
    }
}
