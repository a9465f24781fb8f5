package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.app.AlertJson;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.Turn;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A turn links to the post that made it, as the post gave its link: the live view's "original post". */
class TurnLinkTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String link(PostBuilder post) {
        return "https://twitter.com/i/status/" + post.id().substring("x:".length());
    }

    @Test
    void eachTurnCarriesItsPostsLinkAndNullWhenThePostGaveNone() throws Exception {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            for (PostBuilder post : SeedStory.inOrder()) {
                ObjectNode json = (ObjectNode) MAPPER.readTree(post.json());
                if (post != SeedStory.TRUMP_ANSWERS) {
                    json.put("url", link(post));
                }
                t.sendRaw(post.id(), json.toString());
            }
            List<ExchangeAlert> alerts = t.alerts();
            ExchangeAlert last = alerts.get(alerts.size() - 1);

            assertThat(last.getTurns()).extracting(Turn::getPostId).containsExactly(
                SeedStory.TRUMP_NAMES_SESSIONS.id(), SeedStory.SESSIONS_QUOTES_TRUMP.id(), SeedStory.TRUMP_ANSWERS.id());
            assertThat(last.getTurns()).extracting(Turn::getUrl).containsExactly(
                link(SeedStory.TRUMP_NAMES_SESSIONS), link(SeedStory.SESSIONS_QUOTES_TRUMP), null);
            var turns = AlertJson.toJson(last).path("turns");
            assertThat(turns.get(0).path("url").asText()).isEqualTo(link(SeedStory.TRUMP_NAMES_SESSIONS));
            assertThat(turns.get(2).has("url")).isTrue();
            assertThat(turns.get(2).path("url").isNull()).isTrue();
        }
    }
}
