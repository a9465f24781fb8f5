package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    // positives score 0.9, 0.7, 0.4; negatives 0.8, 0.6, 0.2
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.4, 0.2};
    private static final boolean[] LABELS = {true, false, true, false, true, false};

    @Test
    void figuresAtTheThreshold() {
        Evaluation e = Evaluation.of(SCORES, LABELS, 0.5);
        assertThat(e.texts()).isEqualTo(6);
        assertThat(e.positives()).isEqualTo(3);
        assertThat(e.precision()).isCloseTo(2.0 / 4, within(1e-9));
        assertThat(e.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(e.f1()).isCloseTo(4.0 / 7, within(1e-9));
    }

    @Test
    void bestF1IsFoundOverEveryThreshold() {
        Evaluation e = Evaluation.of(SCORES, LABELS, 0.5);
        // at 0.4: 3 of 5 predicted are right and every positive is found: F1 = 6 / 8
        assertThat(e.bestF1()).isCloseTo(0.75, within(1e-9));
        assertThat(e.bestThreshold()).isEqualTo(0.4);
    }

    @Test
    void rocAucCountsOrderedPairsAndHalfTies() {
        assertThat(Evaluation.of(SCORES, LABELS, 0.5).rocAuc()).isCloseTo(6.0 / 9, within(1e-9));
        assertThat(Evaluation.of(new double[] {0.5, 0.5}, new boolean[] {true, false}, 0.5).rocAuc()).isEqualTo(0.5);
        assertThat(Evaluation.of(new double[] {0.9, 0.1}, new boolean[] {true, false}, 0.5).rocAuc()).isEqualTo(1.0);
        assertThat(Evaluation.of(new double[] {0.1, 0.9}, new boolean[] {true, false}, 0.5).rocAuc()).isEqualTo(0.0);
    }

    @Test
    void withoutBothClassesAucIsUndefined() {
        Evaluation e = Evaluation.of(new double[] {0.2, 0.7}, new boolean[] {false, false}, 0.5);
        assertThat(e.rocAuc()).isNaN();
        assertThat(e.recall()).isZero();
        assertThat(e.f1()).isZero();
    }

    @Test
    void lengthsMustAgree() {
        assertThatThrownBy(() -> Evaluation.of(new double[2], new boolean[3], 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 vs 3");
    }

    @Test
    void reportNamesEveryFigure() {
        assertThat(Evaluation.of(SCORES, LABELS, 0.5).report())
                .contains("texts        6 (3 positive)", "precision    0.500", "best F1      0.750 at threshold 0.400", "ROC AUC      0.667");
    }
}
