package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ExchangeInput;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.Watermark;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.SeedStory;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/** What the thread linker sends the exchange desk: each post's turns, each followed by a watermark that covers it. */
class LinkerWatermarkTest {

    private static TestOutputTopic<String, ExchangeInput> turns(TopologyFixture t) {
        return t.driver.createOutputTopic(t.settings.topics().turns(), Serdes.String().deserializer(), t.serdes.exchangeInput.deserializer());
    }

    @Test
    void everyTurnIsFollowedByAWatermarkThatCoversIt() {
        try (TopologyFixture t = new TopologyFixture()) {
            var out = turns(t);
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.inOrder());
            List<Object> bodies = out.readValuesToList().stream().map(ExchangeInput::getBody).toList();
            for (int i = 0; i < bodies.size(); i++) {
                if (bodies.get(i) instanceof Interaction turn) {
                    long at = turn.getTurn().getCreatedAt().toEpochMilli();
                    assertThat(bodies.subList(i + 1, bodies.size())).as("a watermark after %s", turn.getTurn().getPostId())
                        .anySatisfy(b -> assertThat(b).isInstanceOfSatisfying(Watermark.class, w -> assertThat(w.getTime()).isGreaterThanOrEqualTo(at)));
                }
            }
        }
    }

    @Test
    void aPartitionThatReadsNoPostForTheIdleTimeSaysSoAndAPostEndsIt() {
        try (TopologyFixture t = new TopologyFixture(CrossfireSettings.defaults().withIdleAfter(Duration.ofSeconds(5)))) {
            var out = turns(t);
            t.send(SeedStory.TUBERVILLE_ENDORSED);
            out.readValuesToList();
            t.driver.advanceWallClockTime(Duration.ofSeconds(2));
            assertThat(out.readValuesToList()).isEmpty();
            t.driver.advanceWallClockTime(Duration.ofSeconds(4));
            assertThat(out.readValuesToList()).singleElement()
                .satisfies(m -> assertThat(((Watermark) m.getBody()).getIdle()).isTrue());
            t.send(SeedStory.SESSIONS_ATTACKS_TUBERVILLE);
            assertThat(out.readValuesToList()).extracting(ExchangeInput::getBody).last()
                .satisfies(b -> assertThat(((Watermark) b).getIdle()).isFalse());
        }
    }

    @Test
    void aBatchRunNeverCallsAPartitionIdle() {
        try (TopologyFixture t = new TopologyFixture(CrossfireSettings.batch())) {
            var out = turns(t);
            t.send(SeedStory.TUBERVILLE_ENDORSED);
            out.readValuesToList();
            t.driver.advanceWallClockTime(Duration.ofMinutes(10));
            assertThat(out.readValuesToList()).isEmpty();
        }
    }
}
