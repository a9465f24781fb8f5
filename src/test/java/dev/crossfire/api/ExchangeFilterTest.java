package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.FigureRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeFilterTest {

    private static final ExchangeState NOTICE = state("a|b|2024-03-01T00:00:00Z", EscalationLevel.NOTICE, "2024-03-01T10:00:00Z", "a", "b");
    private static final ExchangeState SEVERE = state("b|c|2024-03-02T00:00:00Z", EscalationLevel.SEVERE, "2024-03-02T10:00:00Z", "b", "c");
    private static final ExchangeState QUIET = state("c|d|2024-03-03T00:00:00Z", null, "2024-03-03T10:00:00Z", "c", "d");

    @Test
    void levelMeansAtLeastThatLevelAlertedAndNoFilterTakesEveryActiveExchange() {
        ExchangeFilter escalating = ExchangeFilter.parse(Map.of("level", "escalating"));
        assertThat(List.of(NOTICE, SEVERE, QUIET)).filteredOn(escalating::matches).containsExactly(SEVERE);
        assertThat(List.of(NOTICE, SEVERE, QUIET)).filteredOn(ExchangeFilter.parse(Map.of())::matches).hasSize(3);
    }

    @Test
    void timeBoundsApplyToTheLastActivityAndFigureToEitherSide() {
        ExchangeFilter window = ExchangeFilter.parse(Map.of("since", "2024-03-02T00:00:00Z", "until", "2024-03-02T23:00:00Z"));
        assertThat(List.of(NOTICE, SEVERE, QUIET)).filteredOn(window::matches).containsExactly(SEVERE);
        ExchangeFilter figureB = ExchangeFilter.all().forFigure("b");
        assertThat(List.of(NOTICE, SEVERE, QUIET)).filteredOn(figureB::matches).containsExactly(NOTICE, SEVERE);
    }

    @Test
    void everyBadParameterIsNamedInOneMessage() {
        assertThatThrownBy(() -> ExchangeFilter.parse(Map.of("level", "LOUD", "since", "yesterday", "limit", "0")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("level: 'LOUD' is not NOTICE, ESCALATING or SEVERE")
            .hasMessageContaining("since: 'yesterday' is not an ISO-8601 instant")
            .hasMessageContaining("limit: 0 is not between 1 and 1000");
    }

    @Test
    void theFilterTravelsToOtherInstancesUnchanged() {
        ExchangeFilter filter = ExchangeFilter.parse(Map.of("level", "NOTICE", "since", "2024-03-02T00:00:00Z", "limit", "7"));
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : filter.toQuery().split("&")) {
            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(ExchangeFilter.parse(params)).isEqualTo(filter);
    }

    private static ExchangeState state(String id, EscalationLevel level, String last, String a, String b) {
        return ExchangeState.newBuilder().setExchangeId(id).setFigures(List.of(new FigureRef(a, a), new FigureRef(b, b)))
            .setAlertedLevel(level).setStartedAt(Instant.parse(last).minusSeconds(3600)).setLastActivityAt(Instant.parse(last)).build();
    }
}
