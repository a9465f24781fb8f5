package dev.crossfire.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatermarkSenderTest {

    @Test
    void theWatermarkIsSentWhenItMovedByAStepOrWhenForcedAndNeverWhenItDidNotMove() {
        WatermarkSender w = new WatermarkSender(1_000);
        assertThat(w.due(Long.MIN_VALUE, true)).isEmpty();
        assertThat(w.due(10_000, false)).hasValue(10_000); // the first one always goes
        assertThat(w.due(10_500, false)).isEmpty();
        assertThat(w.due(10_500, true)).hasValue(10_500);
        assertThat(w.due(10_500, true)).isEmpty();
        assertThat(w.due(11_500, false)).hasValue(11_500);
        assertThat(w.due(9_000, true)).isEmpty(); // never backwards
    }

    @Test
    void anOwedTurnHoldsTheWatermarkAtItsTimeUntilItIsPaid() {
        WatermarkSender w = new WatermarkSender(1_000);
        w.owe(5_000);
        w.owe(5_000);
        assertThat(w.value(20_000)).isEqualTo(5_000);
        w.paid(5_000);
        assertThat(w.value(20_000)).isEqualTo(5_000);
        w.paid(5_000);
        assertThat(w.value(20_000)).isEqualTo(20_000);
    }

    @Test
    void afterResendTheSameWatermarkGoesAgain() {
        WatermarkSender w = new WatermarkSender(1_000);
        assertThat(w.due(10_000, true)).hasValue(10_000);
        w.resend();
        assertThat(w.due(10_000, false)).isEqualTo(OptionalLong.of(10_000));
    }
}
