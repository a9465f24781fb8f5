package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostilityTest {

    @Test
    void rejectsScoresOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new Hostility(-0.1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hostility(1.1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hostility(Double.NaN, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hostility(0.5, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void copiesTheCues() {
        List<String> cues = new ArrayList<>(List.of("insult: coward"));
        Hostility h = new Hostility(0.6, cues);
        cues.add("later");
        assertThat(h.cues()).containsExactly("insult: coward");
        assertThatThrownBy(() -> h.cues().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hostileAtTheThreshold() {
        assertThat(new Hostility(HostilityScorer.HOSTILE, List.of()).hostile()).isTrue();
        assertThat(new Hostility(Math.nextDown(HostilityScorer.HOSTILE), List.of()).hostile()).isFalse();
        assertThat(Hostility.NONE.score()).isZero();
        assertThat(Hostility.NONE.cues()).isEmpty();
    }
}
