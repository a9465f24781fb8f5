package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.SeedStory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedExchangeTest {

    @Test
    void trumpAndSessionsEscalateWhileOneSidedAttacksRaiseNothing() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.inOrder());
            List<ExchangeAlert> alerts = t.alerts();

            assertThat(alerts).isNotEmpty();
            assertThat(alerts).allSatisfy(a -> assertThat(a.getExchangeId()).startsWith("donald-trump|jeff-sessions|"));
            ExchangeAlert last = alerts.get(alerts.size() - 1);
            assertThat(last.getLevel().ordinal()).isGreaterThanOrEqualTo(EscalationLevel.ESCALATING.ordinal());
            assertThat(last.getExchangeId()).isEqualTo("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
            assertThat(last.getFigures()).extracting(f -> f.getId()).containsExactly("donald-trump", "jeff-sessions");
            assertThat(last.getFigures()).extracting(f -> f.getName()).containsExactly("Donald J. Trump", "Jeff Sessions");
            assertThat(last.getTurns()).extracting(Turn::getPostId).containsExactly(
                SeedStory.TRUMP_NAMES_SESSIONS.id(), SeedStory.SESSIONS_QUOTES_TRUMP.id(), SeedStory.TRUMP_ANSWERS.id());
            assertThat(last.getTurns()).extracting(Turn::getKind).containsExactly(InteractionKind.NAME, InteractionKind.QUOTE, InteractionKind.QUOTE);
            assertThat(last.getTurns().get(2).getHostility()).isGreaterThan(last.getTurns().get(1).getHostility());
            assertThat(last.getTriggeredBy()).isEqualTo(SeedStory.TRUMP_ANSWERS.id());
            assertThat(last.getStartedAt()).isEqualTo(Instant.parse("2020-05-22T23:10:41Z"));
            assertThat(last.getLastActivityAt()).isEqualTo(Instant.parse("2020-05-23T15:02:00Z"));
            assertThat(last.getScore()).isBetween(0.0, 1.0);
            assertThat(last.getReasons()).extracting(Reason::getCode).contains("RECIPROCAL", "HOSTILE", "DIRECT", "TEMPO");
            assertThat(last.getReasons()).filteredOn(r -> r.getCode().equals("RECIPROCAL"))
                .singleElement().satisfies(r -> assertThat(r.getDetail()).contains("2 turns by Donald J. Trump", "1 by Jeff Sessions"));

            // levels only rise, each once, ids are stable and distinct
            assertThat(alerts).extracting(ExchangeAlert::getLevel).doesNotHaveDuplicates().isSorted();
            assertThat(alerts).extracting(ExchangeAlert::getAlertId).doesNotHaveDuplicates();
            for (int i = 1; i < alerts.size(); i++) {
                assertThat(alerts.get(i).getPreviousLevel()).isEqualTo(alerts.get(i - 1).getLevel());
            }
        }
    }

    @Test
    void outOfOrderDeliveryWithARedeliveredDuplicateGivesTheSameAlerts() {
        List<ExchangeAlert> inOrder;
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.inOrder());
            inOrder = t.alerts();
        }
        try (TopologyFixture t = new TopologyFixture(SeedStory.settingsForDisorder())) {
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.outOfOrderWithDuplicate());
            t.endOfInput(); // the last turns are held for the allowed lateness: the end of input lets them go
            List<ExchangeAlert> shuffled = t.alerts();
            assertThat(shuffled).isNotEmpty().isEqualTo(inOrder);
        }
    }

    @Test
    void beyondTheAllowedLatenessNothingIsLostThoughTheAnswerMayDiffer() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.outOfOrderWithDuplicate());
            t.endOfInput();
            assertThat(t.threads()).hasSize(5);
            // every turn still counts, where it falls: the exchange is raised
            assertThat(t.alerts()).extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
        }
    }

    @Test
    void everyAcceptedPostIsThreadedOnceWithTheFiguresItInvolves() {
        try (TopologyFixture t = new TopologyFixture(SeedStory.settingsForDisorder())) {
            t.registry(FigureBuilder.seedFigures());
            t.send(SeedStory.outOfOrderWithDuplicate());
            var threads = t.threads();
            assertThat(threads).hasSize(5);
            var answer = threads.stream().filter(p -> p.getPost().getId().equals(SeedStory.TRUMP_ANSWERS.id())).findFirst().orElseThrow();
            assertThat(answer.getRootId()).isEqualTo(SeedStory.TUBERVILLE_ENDORSED.id());
            assertThat(answer.getDepth()).isEqualTo(3);
            assertThat(answer.getParentId()).isEqualTo(SeedStory.SESSIONS_QUOTES_TRUMP.id());
            assertThat(answer.getAuthorFigureId()).isEqualTo("donald-trump");
            assertThat(answer.getFigureIds()).containsExactly("donald-trump", "jeff-sessions");
        }
    }
}
