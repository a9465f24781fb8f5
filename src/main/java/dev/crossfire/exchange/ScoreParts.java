package dev.crossfire.exchange;

import dev.crossfire.avro.Reason;

/** What every transparent score is made of: components in [0, 1], shown to three decimals, each a reason with its number. */
public final class ScoreParts {

    private ScoreParts() {
    }

    public static Reason reason(String code, String detail, double value) {
        return new Reason(code, detail, round(value));
    }

    public static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    public static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
